import datetime as dt

import pytest
from django.utils.translation import gettext, override

from dienhinh.audit.models import AuditEvent
from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.testing import START, make_unit
from dienhinh.units.models import (
    RestructureEvent,
    RestructureKind,
    Unit,
    UnitKind,
    UnitLineage,
    UnitVersion,
)
from dienhinh.units.restructure import (
    unit_dissolve,
    unit_move,
    unit_rename,
    unit_split,
    units_merge,
)
from dienhinh.units.selectors import unit_children_on, unit_predecessors, unit_successors
from dienhinh.units.services import NewUnit

RENAME_DAY = dt.date(2023, 3, 1)
MOVE_DAY = dt.date(2024, 1, 1)
REFORM = dt.date(2025, 7, 1)
DAY = dt.timedelta(days=1)


def db_state() -> dict:
    """Every row a restructure may write, so a refusal can be shown to change nothing."""
    return {
        "units": list(
            Unit.objects.order_by("pk").values_list(
                "pk", "name", "parent_id", "path", "depth", "valid_to", "code", "revision"
            )
        ),
        "versions": list(
            UnitVersion.objects.order_by("pk").values_list(
                "pk", "unit_id", "name", "parent_id", "valid_from", "valid_to"
            )
        ),
        "lineage": UnitLineage.objects.count(),
        "events": RestructureEvent.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def refused(operation, **kwargs) -> ApplicationError:
    before = db_state()
    with pytest.raises(ApplicationError) as exc:
        operation(**kwargs)
    assert db_state() == before
    return exc.value


class AuditTrail:
    """The actions of the audit events written since it was opened."""

    def __init__(self):
        self.mark = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0

    def actions(self) -> list[str]:
        return list(
            AuditEvent.objects.filter(id__gt=self.mark)
            .order_by("id")
            .values_list("action", flat=True)
        )

    def last(self) -> AuditEvent:
        return AuditEvent.objects.filter(id__gt=self.mark).latest("id")


def fresh(unit: Unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)


def history(unit: Unit) -> list[tuple]:
    return list(
        UnitVersion.objects.filter(unit=unit)
        .order_by("valid_from")
        .values_list("name", "parent_id", "valid_from", "valid_to")
    )


def children_on(unit: Unit, day: dt.date) -> list[str]:
    return [version.name for version in unit_children_on(unit=unit, on=day)]


# Rename


def test_a_rename_ends_the_old_version_and_starts_a_new_one(cast):
    trail = AuditTrail()
    unit_rename(actor=cast.city_admin, unit=cast.ward, on=RENAME_DAY, name="Phường Hưng Đạo mới")
    ward = fresh(cast.ward)
    assert (ward.name, ward.revision) == ("Phường Hưng Đạo mới", 2)
    assert ward.search_text == "phuong hung dao moi"
    assert history(ward) == [
        ("Phường Hưng Đạo", cast.district.pk, START, RENAME_DAY),
        ("Phường Hưng Đạo mới", cast.district.pk, RENAME_DAY, None),
    ]
    assert trail.actions() == ["unit.rename"]
    event = trail.last()
    assert event.changes["name"] == ["Phường Hưng Đạo", "Phường Hưng Đạo mới"]
    assert event.changes["on"] == "2023-03-01"
    assert event.actor == cast.city_admin
    assert RestructureEvent.objects.get(subject=ward, kind=RestructureKind.RENAME)


def test_the_tree_on_a_day_before_a_rename_shows_the_old_name(cast):
    unit_rename(actor=None, unit=cast.ward, on=RENAME_DAY, name="Phường Hưng Đạo mới")
    assert "Phường Hưng Đạo" in children_on(cast.district, RENAME_DAY - DAY)
    assert "Phường Hưng Đạo mới" in children_on(cast.district, RENAME_DAY)


def test_a_rename_dated_before_the_last_change_is_refused(cast):
    unit_rename(actor=None, unit=cast.ward, on=MOVE_DAY, name="Phường Hưng Đạo mới")
    error = refused(
        unit_rename, actor=None, unit=cast.ward, on=RENAME_DAY, name="Phường Hưng Đạo cũ"
    )
    assert error.field == "on"
    assert "Phường Hưng Đạo mới" in str(error)


def test_a_rename_on_the_day_the_unit_was_created_is_refused(cast):
    error = refused(unit_rename, actor=None, unit=cast.ward, on=START, name="Phường Hưng Đạo mới")
    assert error.field == "on"


def test_a_rename_dated_in_the_future_is_refused(cast):
    with override("en"):
        error = refused(
            unit_rename, actor=None, unit=cast.ward, on=today() + DAY, name="Phường Hưng Đạo mới"
        )
        expected = gettext("The effective date of a rename or move cannot be in the future.")
    assert error.field == "on"
    assert str(error) == expected


def test_a_rename_to_the_same_name_is_refused(cast):
    error = refused(
        unit_rename, actor=None, unit=cast.ward, on=RENAME_DAY, name=" Phường Hưng Đạo "
    )
    assert error.field == "name"


def test_a_rename_of_a_unit_that_has_ended_is_refused(cast):
    unit_dissolve(actor=None, unit=cast.ward2, on=RENAME_DAY)
    error = refused(
        unit_rename, actor=None, unit=cast.ward2, on=MOVE_DAY, name="Phường Anh Dũng mới"
    )
    assert cast.ward2.name in str(error)


# Move


def test_a_move_rewrites_the_paths_of_the_whole_subtree(cast):
    group = make_unit("Tổ dân phố số 1", UnitKind.MASS_ORGANISATION, cast.ward)
    cell = make_unit("Chi hội Phụ nữ tổ dân phố số 1", UnitKind.MASS_ORGANISATION, group)
    trail = AuditTrail()
    unit_move(actor=cast.city_admin, unit=cast.ward, on=MOVE_DAY, new_parent=cast.other_district)
    ward, group, cell = fresh(cast.ward), fresh(group), fresh(cell)
    assert ward.parent == cast.other_district
    assert ward.path == f"{cast.other_district.path}{ward.pk:010d}."
    assert group.path == f"{ward.path}{group.pk:010d}."
    assert cell.path == f"{group.path}{cell.pk:010d}."
    assert (ward.depth, group.depth, cell.depth) == (3, 4, 5)
    assert trail.actions() == ["unit.move"]
    assert trail.last().changes["parent"] == [
        {"id": cast.district.pk, "repr": cast.district.name},
        {"id": cast.other_district.pk, "repr": cast.other_district.name},
    ]


def test_a_move_up_a_level_shortens_the_paths_of_the_subtree(cast):
    group = make_unit("Tổ dân phố số 1", UnitKind.MASS_ORGANISATION, cast.ward)
    unit_move(actor=None, unit=cast.ward, on=MOVE_DAY, new_parent=cast.city)
    ward, group = fresh(cast.ward), fresh(group)
    assert group.path == f"{cast.city.path}{ward.pk:010d}.{group.pk:010d}."
    assert (ward.depth, group.depth) == (2, 3)


def test_the_tree_as_of_an_earlier_date_still_shows_a_moved_unit_under_its_old_parent(cast):
    unit_move(actor=None, unit=cast.ward, on=MOVE_DAY, new_parent=cast.other_district)
    assert "Phường Hưng Đạo" in children_on(cast.district, MOVE_DAY - DAY)
    assert "Phường Hưng Đạo" not in children_on(cast.other_district, MOVE_DAY - DAY)
    assert "Phường Hưng Đạo" not in children_on(cast.district, MOVE_DAY)
    assert "Phường Hưng Đạo" in children_on(cast.other_district, MOVE_DAY)


def test_a_unit_placed_under_its_own_descendant_is_refused(cast):
    group = make_unit("Tổ dân phố số 1", UnitKind.MASS_ORGANISATION, cast.ward)
    error = refused(unit_move, actor=None, unit=cast.district, on=MOVE_DAY, new_parent=group)
    assert error.field == "new_parent"


def test_a_unit_placed_under_itself_is_refused(cast):
    error = refused(unit_move, actor=None, unit=cast.ward, on=MOVE_DAY, new_parent=cast.ward)
    assert error.field == "new_parent"


def test_a_move_under_the_current_parent_is_refused(cast):
    error = refused(unit_move, actor=None, unit=cast.ward, on=MOVE_DAY, new_parent=cast.district)
    assert error.field == "new_parent"


def test_a_move_under_a_unit_that_has_ended_is_refused(cast):
    unit_dissolve(actor=None, unit=cast.other_district, on=RENAME_DAY, cascade=True)
    error = refused(
        unit_move, actor=None, unit=cast.ward, on=MOVE_DAY, new_parent=cast.other_district
    )
    assert cast.other_district.name in str(error)


def test_a_move_dated_in_the_future_is_refused(cast):
    error = refused(
        unit_move, actor=None, unit=cast.ward, on=today() + DAY, new_parent=cast.other_district
    )
    assert error.field == "on"


# Dissolve


def test_a_dissolution_is_refused_while_living_sub_units_exist(cast):
    error = refused(unit_dissolve, actor=None, unit=cast.district, on=REFORM)
    assert cast.district.name in str(error)
    assert "3" in str(error)


def test_sub_units_that_already_ended_do_not_block_a_dissolution(cast):
    for sub in (cast.office, cast.ward, cast.ward2):
        unit_dissolve(actor=None, unit=sub, on=MOVE_DAY)
    ended = unit_dissolve(actor=None, unit=cast.district, on=REFORM)
    assert [u.pk for u in ended] == [cast.district.pk]


def test_a_cascading_dissolution_ends_the_unit_and_every_living_sub_unit(cast):
    group = make_unit("Tổ dân phố số 1", UnitKind.MASS_ORGANISATION, cast.ward)
    trail = AuditTrail()
    ended = unit_dissolve(actor=cast.city_admin, unit=cast.district, on=REFORM, cascade=True)
    expected = {cast.district.pk, cast.office.pk, cast.ward.pk, cast.ward2.pk, group.pk}
    assert {u.pk for u in ended} == expected
    assert set(Unit.objects.filter(valid_to=REFORM).values_list("pk", flat=True)) == expected
    assert not UnitVersion.objects.filter(unit_id__in=expected, valid_to__isnull=True).exists()
    # One event for the dissolution, and each ended sub-unit's end filed under itself; the
    # roles held in the ended units end with them (the ward's reporter and leader, the
    # district's compiler).
    actions = trail.actions()
    assert [a for a in actions if a.startswith("unit.")] == ["unit.dissolve"] + ["unit.end"] * (
        len(ended) - 1
    )
    assert actions.count("membership.end") == 3
    dissolution = AuditEvent.objects.get(action="unit.dissolve")
    assert sorted(dissolution.changes["ended"]) == sorted(u.name for u in ended)
    assert {e.unit_id for e in AuditEvent.objects.filter(action="unit.end")} == {
        u.pk for u in ended[1:]
    }
    assert fresh(cast.other_district).valid_to is None


def test_a_dissolution_links_the_unit_to_its_successor(cast):
    trail = AuditTrail()
    unit_dissolve(actor=None, unit=cast.ward2, on=REFORM, successor=cast.ward)
    (link,) = unit_predecessors(unit=cast.ward)
    assert link.predecessor == cast.ward2
    assert link.event.kind == RestructureKind.DISSOLVE
    assert link.event.effective_date == REFORM
    assert [link.successor for link in unit_successors(unit=cast.ward2)] == [cast.ward]
    assert trail.actions() == ["unit.dissolve"]


def test_a_dissolved_unit_keeps_its_rows_and_history(cast):
    unit_rename(actor=None, unit=cast.ward2, on=RENAME_DAY, name="Phường Anh Dũng mới")
    unit_dissolve(actor=None, unit=cast.ward2, on=REFORM, successor=cast.ward)
    ward2 = fresh(cast.ward2)
    assert ward2.valid_to == REFORM
    assert history(ward2) == [
        ("Phường Anh Dũng", cast.district.pk, START, RENAME_DAY),
        ("Phường Anh Dũng mới", cast.district.pk, RENAME_DAY, REFORM),
    ]
    assert "Phường Anh Dũng mới" in children_on(cast.district, REFORM - DAY)
    assert "Phường Anh Dũng mới" not in children_on(cast.district, REFORM)


def test_a_dissolution_into_a_successor_that_has_ended_is_refused(cast):
    unit_dissolve(actor=None, unit=cast.ward, on=MOVE_DAY)
    error = refused(unit_dissolve, actor=None, unit=cast.ward2, on=REFORM, successor=cast.ward)
    assert error.field == "successor"  # the dissolve form's field, where the message shows
    assert cast.ward.name in str(error)


def test_a_dissolution_into_its_own_sub_unit_is_refused(cast):
    error = refused(
        unit_dissolve, actor=None, unit=cast.district, on=REFORM, successor=cast.ward, cascade=True
    )
    assert error.field == "successor"


def test_a_dissolution_on_the_day_the_unit_was_created_is_refused(cast):
    error = refused(unit_dissolve, actor=None, unit=cast.ward, on=START)
    assert cast.ward.name in str(error)


def test_a_dissolution_dated_before_the_last_rename_is_refused(cast):
    unit_rename(actor=None, unit=cast.ward2, on=MOVE_DAY, name="Phường Anh Dũng mới")
    error = refused(unit_dissolve, actor=None, unit=cast.ward2, on=RENAME_DAY)
    assert "Phường Anh Dũng mới" in str(error)


def test_a_cascading_dissolution_dated_before_the_last_rename_of_a_sub_unit_is_refused(cast):
    unit_rename(actor=None, unit=cast.ward2, on=MOVE_DAY, name="Phường Anh Dũng mới")
    error = refused(unit_dissolve, actor=None, unit=cast.district, on=RENAME_DAY, cascade=True)
    assert "Phường Anh Dũng mới" in str(error)


def test_a_second_dissolution_is_refused(cast):
    unit_dissolve(actor=None, unit=cast.ward2, on=REFORM)
    error = refused(unit_dissolve, actor=None, unit=cast.ward2, on=REFORM + DAY)
    assert cast.ward2.name in str(error)


# Merge


def test_a_merge_into_a_new_unit_may_reuse_the_official_code_of_a_source(cast):
    hung_dao = make_unit("Phường Hưng Đạo (cũ)", UnitKind.WARD, cast.district, code="11689")
    anh_dung = make_unit("Phường Anh Dũng (cũ)", UnitKind.WARD, cast.district, code="11692")
    trail = AuditTrail()
    target = units_merge(
        actor=cast.city_admin,
        sources=[hung_dao, anh_dung],
        on=REFORM,
        new_unit=NewUnit(
            name="Phường Hưng Đạo", kind=UnitKind.WARD, parent=cast.city, code="11689"
        ),
        legal_basis="Nghị quyết 1669/NQ-UBTVQH15",
    )
    target = fresh(target)
    assert (target.code, target.parent, target.valid_from, target.valid_to) == (
        "11689",
        cast.city,
        REFORM,
        None,
    )
    assert fresh(hung_dao).valid_to == fresh(anh_dung).valid_to == REFORM
    assert {link.predecessor for link in unit_predecessors(unit=target)} == {hung_dao, anh_dung}
    event = RestructureEvent.objects.get(kind=RestructureKind.MERGE)
    assert (event.subject, event.effective_date) == (target, REFORM)
    assert event.legal_basis == "Nghị quyết 1669/NQ-UBTVQH15"
    assert trail.actions() == ["unit.merge", "unit.end", "unit.end"]
    assert AuditEvent.objects.get(action="unit.merge").unit == target
    ends = AuditEvent.objects.filter(action="unit.end")
    assert {e.unit for e in ends} == {hung_dao, anh_dung}  # their leaders read why they ended


def test_a_merge_into_a_new_unit_cannot_take_a_code_still_held_by_another_unit(cast):
    error = refused(
        units_merge,
        actor=None,
        sources=[cast.ward, cast.ward2],
        on=REFORM,
        new_unit=NewUnit(name="Phường Hưng Đạo", kind=UnitKind.WARD, parent=cast.city, code="31"),
    )
    assert error.field == "code"


def test_a_merge_into_an_existing_unit_ends_only_the_sources(cast):
    trail = AuditTrail()
    target = units_merge(actor=None, sources=[cast.ward2], on=REFORM, into=cast.ward)
    assert target == cast.ward
    assert fresh(cast.ward).valid_to is None
    assert fresh(cast.ward2).valid_to == REFORM
    assert [link.predecessor for link in unit_predecessors(unit=cast.ward)] == [cast.ward2]
    assert trail.actions() == ["unit.merge", "unit.end"]


def test_the_living_children_of_the_sources_move_to_the_merged_unit(cast):
    school = make_unit("Trường Mầm non Anh Dũng", UnitKind.PUBLIC_SERVICE_UNIT, cast.ward2)
    class_ = make_unit("Lớp Mầm", UnitKind.PUBLIC_SERVICE_UNIT, school)
    closed = make_unit("Trạm Y tế Anh Dũng", UnitKind.PUBLIC_SERVICE_UNIT, cast.ward2)
    unit_dissolve(actor=None, unit=closed, on=MOVE_DAY)
    trail = AuditTrail()
    units_merge(actor=None, sources=[cast.ward2], on=REFORM, into=cast.ward)
    school, class_, closed = fresh(school), fresh(class_), fresh(closed)
    ward = fresh(cast.ward)
    assert school.parent == ward
    assert school.path == f"{ward.path}{school.pk:010d}."
    assert class_.path == f"{school.path}{class_.pk:010d}."
    assert (school.depth, class_.depth) == (4, 5)
    assert school.valid_to is None
    assert closed.parent == cast.ward2
    assert "Trường Mầm non Anh Dũng" in children_on(cast.ward2, REFORM - DAY)
    assert "Trường Mầm non Anh Dũng" in children_on(ward, REFORM)
    assert trail.actions() == ["unit.merge", "unit.end"]


def test_a_merge_into_a_new_unit_under_one_of_the_sources_is_refused(cast):
    error = refused(
        units_merge,
        actor=None,
        sources=[cast.ward, cast.ward2],
        on=REFORM,
        new_unit=NewUnit(name="Phường Hưng Đạo", kind=UnitKind.WARD, parent=cast.ward),
    )
    assert cast.ward.name in str(error)


def test_a_merge_into_a_new_unit_under_a_sub_unit_of_a_source_is_refused(cast):
    school = make_unit("Trường Mầm non Hưng Đạo", UnitKind.PUBLIC_SERVICE_UNIT, cast.ward)
    before = (Unit.objects.count(), sorted(Unit.objects.values_list("path", flat=True)))
    error = refused(
        units_merge,
        actor=None,
        sources=[cast.ward, cast.ward2],
        on=REFORM,
        new_unit=NewUnit(name="Phường Mới", kind=UnitKind.WARD, parent=school),
    )
    assert error.field == "new_parent"
    assert (Unit.objects.count(), sorted(Unit.objects.values_list("path", flat=True))) == before
    assert fresh(school).parent == cast.ward


def test_a_merge_into_a_dissolved_unit_is_refused(cast):
    unit_dissolve(actor=None, unit=cast.ward, on=MOVE_DAY)
    error = refused(units_merge, actor=None, sources=[cast.ward2], on=REFORM, into=fresh(cast.ward))
    assert error.field == "into"
    assert cast.ward.name in str(error)


def test_a_merge_into_a_unit_dissolved_since_the_form_was_loaded_is_refused(cast):
    unit_dissolve(actor=None, unit=cast.ward, on=MOVE_DAY)
    error = refused(units_merge, actor=None, sources=[cast.ward2], on=REFORM, into=cast.ward)
    assert error.field == "into"


def test_a_merge_dated_before_a_source_existed_is_refused(cast):
    late = make_unit("Phường Đa Phúc", UnitKind.WARD, cast.district, on=MOVE_DAY)
    error = refused(
        units_merge, actor=None, sources=[cast.ward2, late], on=MOVE_DAY - DAY, into=cast.ward
    )
    assert error.field == "on"
    assert "Phường Đa Phúc" in str(error)


def test_a_merge_of_a_source_that_has_already_ended_is_refused(cast):
    unit_dissolve(actor=None, unit=cast.ward2, on=MOVE_DAY)
    error = refused(units_merge, actor=None, sources=[cast.ward2], on=REFORM, into=cast.ward)
    assert cast.ward2.name in str(error)


def test_a_merge_dated_before_the_last_rename_of_a_source_is_refused(cast):
    unit_rename(actor=None, unit=cast.ward2, on=MOVE_DAY, name="Phường Anh Dũng mới")
    error = refused(units_merge, actor=None, sources=[cast.ward2], on=RENAME_DAY, into=cast.ward)
    assert "Phường Anh Dũng mới" in str(error)


def test_a_merge_dated_before_the_last_change_of_a_sub_unit_it_moves_is_refused(cast):
    school = make_unit("Trường Mầm non Anh Dũng", UnitKind.PUBLIC_SERVICE_UNIT, cast.ward2)
    unit_rename(actor=None, unit=school, on=MOVE_DAY, name="Trường Mầm non Hoa Sen")
    error = refused(units_merge, actor=None, sources=[cast.ward2], on=RENAME_DAY, into=cast.ward)
    assert "Trường Mầm non Hoa Sen" in str(error)


def test_a_unit_merged_into_itself_is_refused(cast):
    error = refused(
        units_merge, actor=None, sources=[cast.ward, cast.ward2], on=REFORM, into=cast.ward
    )
    assert error.field == "into"


def test_a_unit_merged_into_its_own_sub_unit_is_refused(cast):
    error = refused(units_merge, actor=None, sources=[cast.district], on=REFORM, into=cast.ward)
    assert error.field == "into"


def test_a_merge_without_sources_is_refused(cast):
    error = refused(units_merge, actor=None, sources=[], on=REFORM, into=cast.ward)
    assert error.field == "sources"


def test_a_merge_needs_exactly_one_target(cast):
    refused(units_merge, actor=None, sources=[cast.ward2], on=REFORM)
    refused(
        units_merge,
        actor=None,
        sources=[cast.ward2],
        on=REFORM,
        into=cast.ward,
        new_unit=NewUnit(name="Phường Hưng Đạo", kind=UnitKind.WARD, parent=cast.district),
    )


# Split


def test_a_split_into_two_new_units_ends_the_source(cast):
    trail = AuditTrail()
    north, south = unit_split(
        actor=cast.city_admin,
        source=cast.ward2,
        on=REFORM,
        into=[
            NewUnit(name="Phường Anh Dũng Bắc", kind=UnitKind.WARD, parent=cast.district),
            NewUnit(name="Phường Anh Dũng Nam", kind=UnitKind.WARD, parent=cast.district),
        ],
    )
    assert fresh(cast.ward2).valid_to == REFORM
    for part in (north, south):
        part = fresh(part)
        assert (part.valid_from, part.valid_to, part.parent) == (REFORM, None, cast.district)
    assert {link.successor for link in unit_successors(unit=cast.ward2)} == {north, south}
    assert RestructureEvent.objects.get(kind=RestructureKind.SPLIT).subject == cast.ward2
    assert trail.actions() == ["unit.split"]
    assert trail.last().changes["into"] == ["Phường Anh Dũng Bắc", "Phường Anh Dũng Nam"]


def test_a_split_may_hand_a_part_to_an_existing_unit(cast):
    (new, existing) = unit_split(
        actor=None,
        source=cast.ward2,
        on=REFORM,
        into=[
            NewUnit(name="Phường Anh Dũng Nam", kind=UnitKind.WARD, parent=cast.district),
            cast.ward,
        ],
    )
    assert existing == cast.ward
    assert fresh(cast.ward).valid_to is None
    assert {link.successor for link in unit_successors(unit=cast.ward2)} == {new, cast.ward}


def test_a_split_that_keeps_the_source_leaves_it_alive(cast):
    trail = AuditTrail()
    (part,) = unit_split(
        actor=None,
        source=cast.district,
        on=REFORM,
        into=[NewUnit(name="Quận Dương Kinh mới", kind=UnitKind.DISTRICT, parent=cast.city)],
        keep_source=True,
    )
    assert fresh(cast.district).valid_to is None
    assert fresh(cast.ward).parent == cast.district
    assert [link.predecessor for link in unit_predecessors(unit=part)] == [cast.district]
    assert trail.actions() == ["unit.split"]


def test_a_split_that_ends_a_source_with_living_sub_units_is_refused(cast):
    error = refused(
        unit_split,
        actor=None,
        source=cast.district,
        on=REFORM,
        into=[
            NewUnit(name="Quận Dương Kinh Bắc", kind=UnitKind.DISTRICT, parent=cast.city),
            NewUnit(name="Quận Dương Kinh Nam", kind=UnitKind.DISTRICT, parent=cast.city),
        ],
    )
    assert cast.district.name in str(error)


def test_a_split_into_a_single_unit_is_refused(cast):
    error = refused(
        unit_split,
        actor=None,
        source=cast.ward2,
        on=REFORM,
        into=[NewUnit(name="Phường Anh Dũng Nam", kind=UnitKind.WARD, parent=cast.district)],
    )
    assert error.field == "into"


def test_a_split_into_itself_is_refused(cast):
    error = refused(
        unit_split, actor=None, source=cast.ward2, on=REFORM, into=[cast.ward2], keep_source=True
    )
    assert error.field == "into"


def test_a_split_into_a_unit_that_has_ended_is_refused(cast):
    unit_dissolve(actor=None, unit=cast.ward, on=MOVE_DAY)
    error = refused(
        unit_split,
        actor=None,
        source=cast.ward2,
        on=REFORM,
        into=[
            NewUnit(name="Phường Anh Dũng Nam", kind=UnitKind.WARD, parent=cast.district),
            cast.ward,
        ],
    )
    assert error.field == "into"
    assert cast.ward.name in str(error)


# Restructures scheduled ahead


def test_a_rename_before_a_scheduled_dissolution_keeps_one_version_per_day(cast):
    on = today() - DAY
    unit_dissolve(actor=None, unit=cast.ward2, on=today() + 30 * DAY)
    unit_rename(actor=None, unit=cast.ward2, on=on, name="Phường Anh Dũng mới")
    assert history(cast.ward2) == [
        ("Phường Anh Dũng", cast.district.pk, START, on),
        ("Phường Anh Dũng mới", cast.district.pk, on, today() + 30 * DAY),
    ]


def test_a_unit_already_set_to_end_cannot_be_ended_again_earlier(cast):
    unit_dissolve(actor=None, unit=cast.ward2, on=REFORM + 365 * DAY)
    error = refused(unit_dissolve, actor=None, unit=cast.ward2, on=REFORM)
    assert error.field == "on"
    assert cast.ward2.name in str(error)
    assert fresh(cast.ward2).valid_to == REFORM + 365 * DAY


def test_a_unit_cannot_end_on_the_day_it_began(cast):
    error = refused(unit_dissolve, actor=None, unit=cast.ward2, on=START)
    assert error.field == "on"
    assert fresh(cast.ward2).valid_to is None
