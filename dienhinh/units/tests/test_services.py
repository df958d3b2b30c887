import datetime as dt

import pytest
from django.utils.translation import gettext, override

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import fold
from dienhinh.testing import START
from dienhinh.units.models import (
    PATH_STEP,
    RestructureEvent,
    RestructureKind,
    Unit,
    UnitKind,
    UnitVersion,
)
from dienhinh.units.restructure import unit_dissolve, unit_move
from dienhinh.units.services import NewUnit, unit_create, unit_update_details

LATER = dt.date(2024, 1, 1)


def db_counts() -> dict:
    return {
        "units": Unit.objects.count(),
        "versions": UnitVersion.objects.count(),
        "events": RestructureEvent.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def create(cast, **spec):
    on = spec.pop("on", LATER)
    spec.setdefault("kind", UnitKind.WARD)
    spec.setdefault("parent", cast.district)
    return unit_create(actor=cast.city_admin, spec=NewUnit(**spec), valid_from=on)


def refused(cast, **spec) -> ApplicationError:
    """Create a unit that must be refused; check nothing at all was written."""
    before = db_counts()
    with pytest.raises(ApplicationError) as exc:
        create(cast, **spec)
    assert db_counts() == before
    return exc.value


# unit_create


def test_a_new_unit_hangs_under_its_parent_by_path_and_depth(cast):
    unit = create(cast, name="Phường Đa Phúc")
    unit.refresh_from_db()
    assert unit.parent == cast.district
    assert unit.path == f"{cast.district.path}{unit.pk:0{PATH_STEP}d}."
    assert unit.depth == cast.district.depth + 1 == 3
    assert unit.valid_from == LATER
    assert unit.valid_to is None


def test_a_new_root_unit_has_its_own_id_as_path(cast):
    unit = create(cast, name="Tỉnh Hải Dương", kind=UnitKind.PROVINCE, parent=None)
    unit.refresh_from_db()
    assert unit.path == f"{unit.pk:0{PATH_STEP}d}."
    assert unit.depth == 0


def test_a_new_unit_is_searchable_by_its_folded_names_and_code(cast):
    unit = create(
        cast, name=" Phường Đa Phúc ", short_name="Đa Phúc", abbreviation="UBND", code="11311"
    )
    unit.refresh_from_db()
    assert unit.name == "Phường Đa Phúc"
    assert unit.search_text == "phuong da phuc da phuc ubnd 11311"


def test_a_new_unit_gets_its_first_version_from_a_creation_event(cast):
    unit = create(cast, name="Phường Đa Phúc", short_name="Đa Phúc")
    (version,) = unit.versions.all()
    assert (version.valid_from, version.valid_to) == (LATER, None)
    assert (version.name, version.short_name, version.parent) == (
        "Phường Đa Phúc",
        "Đa Phúc",
        cast.district,
    )
    assert version.event.kind == RestructureKind.CREATE
    assert version.event.subject == unit
    assert version.event.actor == cast.city_admin


def test_a_new_unit_writes_one_audit_event(cast):
    before = AuditEvent.objects.count()
    unit = create(cast, name="Phường Đa Phúc", code="11311")
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert event.action == "unit.create"
    assert event.actor == cast.city_admin
    assert event.unit == unit
    assert event.object_id == str(unit.pk)
    assert event.changes["name"] == "Phường Đa Phúc"
    assert event.changes["code"] == "11311"
    assert event.changes["parent"] == {"id": cast.district.pk, "repr": cast.district.name}
    assert event.changes["valid_from"] == "2024-01-01"


def test_a_child_valid_before_its_parent_existed_is_refused(cast):
    parent = create(cast, name="Phường Đa Phúc", on=LATER)
    error = refused(
        cast,
        name="Tổ dân phố số 1",
        kind=UnitKind.OFFICE,
        parent=parent,
        on=LATER - dt.timedelta(1),
    )
    assert "Phường Đa Phúc" in str(error)


def test_a_child_of_a_unit_that_has_ended_is_refused(cast):
    unit_dissolve(actor=None, unit=cast.ward2, on=LATER)
    ward2 = Unit.objects.get(pk=cast.ward2.pk)
    error = refused(cast, name="Tổ dân phố số 1", kind=UnitKind.OFFICE, parent=ward2)
    assert ward2.name in str(error)


def test_a_child_of_a_unit_dissolved_since_the_form_was_loaded_is_refused(cast):
    # cast.ward2 is the copy loaded before the dissolution, as an open form would hold it.
    unit_dissolve(actor=None, unit=cast.ward2, on=LATER)
    assert cast.ward2.valid_to is None
    error = refused(cast, name="Tổ dân phố số 1", kind=UnitKind.OFFICE, parent=cast.ward2)
    assert cast.ward2.name in str(error)


def test_a_child_of_a_unit_moved_since_the_form_was_loaded_gets_the_current_path(cast):
    stale_ward = Unit.objects.get(pk=cast.ward.pk)
    unit_move(actor=None, unit=cast.ward, on=LATER, new_parent=cast.other_district)
    child = create(cast, name="Tổ dân phố số 1", kind=UnitKind.OFFICE, parent=stale_ward, on=LATER)
    child.refresh_from_db()
    other_district = Unit.objects.get(pk=cast.other_district.pk)
    assert child.path.startswith(other_district.path)
    assert child.depth == 4


def test_a_code_held_by_another_unit_for_an_overlapping_period_is_refused(cast):
    error = refused(
        cast, name="Thành phố Hải Phòng mới", kind=UnitKind.PROVINCE, code="31", parent=cast.central
    )
    assert error.field == "code"
    assert cast.city.name in str(error)


def test_a_code_held_by_a_unit_that_ends_later_is_refused_before_that_end(cast):
    holder = create(cast, name="Phường Hải Thành", code="11320", on=START)
    unit_dissolve(actor=None, unit=holder, on=LATER)
    error = refused(cast, name="Phường Hải Thành mới", code="11320", on=LATER - dt.timedelta(1))
    assert error.field == "code"
    assert "Phường Hải Thành" in str(error)


def test_a_code_can_be_reused_from_the_day_its_holder_ended(cast):
    holder = create(cast, name="Phường Hải Thành", code="11320", on=START)
    unit_dissolve(actor=None, unit=holder, on=LATER)
    successor = create(cast, name="Phường Hải Thành mới", code="11320", on=LATER)
    assert successor.code == holder.code == "11320"


def test_contact_emails_are_trimmed_lower_cased_and_deduplicated(cast):
    unit = create(
        cast,
        name="Phường Đa Phúc",
        emails=[" UBND@DaPhuc.gov.vn", "ubnd@daphuc.gov.vn", "", "vanthu@daphuc.gov.vn"],
    )
    unit.refresh_from_db()
    assert unit.emails == ["ubnd@daphuc.gov.vn", "vanthu@daphuc.gov.vn"]


def test_a_bad_email_is_refused(cast):
    error = refused(cast, name="Phường Đa Phúc", emails=["noivuduongkinh@gmali"])
    assert error.field == "emails"
    assert "noivuduongkinh@gmali" in str(error)


def test_a_blank_name_is_refused(cast):
    error = refused(cast, name="  \t ")
    assert error.field == "name"


def test_an_unknown_kind_is_refused(cast):
    error = refused(cast, name="Phường Đa Phúc", kind="hamlet")
    assert error.field == "kind"


# unit_update_details


def test_a_detail_edit_records_old_and_new_values_and_bumps_the_revision(cast):
    ward = Unit.objects.get(pk=cast.ward.pk)
    before = AuditEvent.objects.count()
    unit_update_details(
        actor=cast.city_admin,
        unit=ward,
        revision=ward.revision,
        code="11311",
        emails=["ubnd@hungdao.gov.vn"],
    )
    ward.refresh_from_db()
    assert (ward.code, ward.emails, ward.revision) == ("11311", ["ubnd@hungdao.gov.vn"], 2)
    assert ward.search_text == fold("Phường Hưng Đạo 11311")
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.unit, event.actor) == ("unit.update", ward, cast.city_admin)
    assert event.changes == {"code": ["", "11311"], "emails": [[], ["ubnd@hungdao.gov.vn"]]}


def test_a_detail_edit_from_a_stale_form_is_refused_with_the_concurrent_edit_message(cast):
    ward = Unit.objects.get(pk=cast.ward.pk)
    loaded_revision = ward.revision
    unit_update_details(actor=cast.city_admin, unit=ward, revision=loaded_revision, code="11311")
    before = db_counts()
    with override("en"), pytest.raises(ApplicationError) as exc:
        unit_update_details(actor=cast.compiler, unit=ward, revision=loaded_revision, code="999")
    with override("en"):
        expected = gettext(
            "Someone else changed this unit while you were editing. Reload and try again."
        )
    assert str(exc.value) == expected
    assert db_counts() == before
    ward.refresh_from_db()
    assert ward.code == "11311"


def test_a_detail_edit_that_changes_nothing_writes_nothing(cast):
    ward = Unit.objects.get(pk=cast.ward.pk)
    before = db_counts()
    unit_update_details(actor=cast.city_admin, unit=ward, revision=ward.revision, code=" ")
    ward.refresh_from_db()
    assert ward.revision == 1
    assert db_counts() == before


def test_a_detail_edit_to_a_code_held_by_another_unit_is_refused(cast):
    ward = Unit.objects.get(pk=cast.ward.pk)
    before = db_counts()
    with pytest.raises(ApplicationError) as exc:
        unit_update_details(actor=cast.city_admin, unit=ward, revision=ward.revision, code="31")
    assert exc.value.field == "code"
    assert cast.city.name in str(exc.value)
    assert db_counts() == before


def test_a_detail_edit_with_a_bad_email_is_refused(cast):
    ward = Unit.objects.get(pk=cast.ward.pk)
    before = db_counts()
    with pytest.raises(ApplicationError) as exc:
        unit_update_details(
            actor=cast.city_admin, unit=ward, revision=ward.revision, emails=["not-an-address"]
        )
    assert exc.value.field == "emails"
    assert db_counts() == before
