"""Loading the official divisions (vietnam-provinces) into the unit tree."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.testing import make_unit
from dienhinh.units.imports.references import unit_by_reference
from dienhinh.units.imports.report import summary_lines
from dienhinh.units.imports.vn_divisions import (
    DEFAULT_VALID_FROM,
    LEGAL_BASIS,
    Division,
    official_divisions,
    package_version,
    units_import_vn_divisions,
)
from dienhinh.units.models import (
    GRASSROOTS_KINDS,
    PATH_STEP,
    RestructureEvent,
    RestructureKind,
    Unit,
    UnitKind,
    UnitVersion,
)
from dienhinh.units.restructure import unit_dissolve
from dienhinh.units.services import search_text_for

HAI_PHONG = Division(code="31", name="Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
HUNG_DAO = Division(code="11689", name="Phường Hưng Đạo", kind=UnitKind.WARD, province_code="31")
DUONG_KINH = Division(
    code="11692", name="Phường Dương Kinh", kind=UnitKind.WARD, province_code="31"
)
SMALL = [HAI_PHONG, HUNG_DAO, DUONG_KINH]


def run(*args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_units", "vn-divisions", *args, stdout=out)
    return out.getvalue()


def stats_json() -> dict:
    out = io.StringIO()
    call_command("units", "stats", "--json", stdout=out)
    return json.loads(out.getvalue())


def counts() -> tuple[int, int, int, int]:
    return (
        Unit.objects.count(),
        UnitVersion.objects.count(),
        RestructureEvent.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_package_lists_34_provinces_and_3321_communes_with_padded_codes():
    divisions = official_divisions()
    provinces = [d for d in divisions if not d.province_code]
    assert len(provinces) == 34
    assert len(divisions) - 34 == 3321
    assert HAI_PHONG in divisions
    assert HUNG_DAO in divisions
    assert DUONG_KINH in divisions
    assert len({d.code for d in divisions}) == len(divisions)


@pytest.mark.django_db
def test_on_a_fresh_database_stats_report_34_provinces_and_3321_grassroots_units():
    output = run()

    stats = stats_json()
    by_kind = stats["by_kind"]
    assert by_kind["province"] == 34
    assert by_kind["commune"] == 2621
    assert by_kind["ward"] == 687
    assert by_kind["special_zone"] == 13
    assert by_kind["commune"] + by_kind["ward"] + by_kind["special_zone"] == 3321
    assert stats["total"] == 3355
    assert "3355 created, 0 updated" in output


@pytest.mark.django_db
def test_a_second_run_changes_nothing():
    run()
    before = counts()

    output = run()

    assert counts() == before
    assert "0 created, 0 updated, 3355 unchanged." in output
    assert "differences" not in output


@pytest.mark.django_db
def test_the_bulk_rows_are_the_rows_the_services_write():
    summary = units_import_vn_divisions(actor=None)

    assert summary.created == 3355
    (event,) = RestructureEvent.objects.all()
    assert event.kind == RestructureKind.CREATE
    assert event.effective_date == DEFAULT_VALID_FROM
    assert event.legal_basis == LEGAL_BASIS == "Nghị quyết 202/2025/QH15"
    assert event.note == f"vietnam-provinces {package_version()}"
    units = {u.pk: u for u in Unit.objects.all()}
    versions = {v.unit_id: v for v in UnitVersion.objects.all()}
    assert len(versions) == UnitVersion.objects.count() == len(units)
    for unit in units.values():
        parent = units.get(unit.parent_id)
        assert unit.path == (parent.path if parent else "") + f"{unit.pk:0{PATH_STEP}d}."
        assert unit.depth == (parent.depth + 1 if parent else 0)
        assert unit.search_text == search_text_for(
            name=unit.name, short_name="", abbreviation="", code=unit.code
        )
        assert (unit.valid_from, unit.valid_to, unit.emails, unit.revision) == (
            DEFAULT_VALID_FROM,
            None,
            [],
            1,
        )
        assert unit.created_at is not None
        version = versions[unit.pk]
        assert (version.valid_from, version.valid_to, version.event_id) == (
            DEFAULT_VALID_FROM,
            None,
            event.pk,
        )
        assert (version.name, version.parent_id) == (unit.name, unit.parent_id)
    hai_phong = Unit.objects.get(code="31")
    duong_kinh = Unit.objects.get(code="11692")
    assert (hai_phong.name, hai_phong.kind, hai_phong.parent) == (
        "Thành phố Hải Phòng",
        UnitKind.PROVINCE,
        None,
    )
    assert (duong_kinh.name, duong_kinh.kind, duong_kinh.parent) == (
        "Phường Dương Kinh",
        UnitKind.WARD,
        hai_phong,
    )
    assert Unit.objects.filter(parent=hai_phong).count() == 114
    (audit,) = AuditEvent.objects.filter(action="unit.import")
    assert audit.changes["created"] == 3355
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db
def test_units_already_there_are_matched_by_code_not_twinned(cast):
    duong_kinh = make_unit(
        "Phường Dương Kinh", UnitKind.WARD, cast.city, code="11692", on=DEFAULT_VALID_FROM
    )
    hai_phong_versions = cast.city.versions.count()

    summary = units_import_vn_divisions(actor=None)

    assert Unit.objects.filter(code="31").get().pk == cast.city.pk
    assert Unit.objects.filter(code="11692").get().pk == duong_kinh.pk
    assert cast.city.versions.count() == hai_phong_versions
    assert summary.created == 3355 - 2
    assert summary.unchanged == 2
    assert summary.differences == []
    # New provinces hang under the single central board; Hải Phòng's wards under Hải Phòng.
    assert Unit.objects.get(code="01").parent == cast.central
    assert Unit.objects.get(code="11689").parent == cast.city
    assert Unit.objects.get(code="11689").depth == cast.city.depth + 1
    assert Unit.objects.filter(parent=cast.city, kind__in=GRASSROOTS_KINDS).count() == 114


@pytest.mark.django_db
def test_a_different_name_or_place_is_reported_and_left_alone(cast):
    cast.city.name = "TP Hải Phòng"
    cast.city.save()
    moved = make_unit("Phường Dương Kinh", UnitKind.WARD, cast.district, code="11692")

    summary = units_import_vn_divisions(actor=None, divisions=SMALL)

    cast.city.refresh_from_db()
    moved.refresh_from_db()
    assert cast.city.name == "TP Hải Phòng"
    assert moved.parent == cast.district
    assert not RestructureEvent.objects.filter(kind=RestructureKind.RENAME).exists()
    found = {(d.code, d.field, d.current, d.proposed) for d in summary.differences}
    assert found == {
        ("31", "name", "TP Hải Phòng", "Thành phố Hải Phòng"),
        ("11692", "parent", cast.district.name, "TP Hải Phòng"),
    }
    assert summary.created == 1  # Hưng Đạo
    with translation.override("en"):
        output = "\n".join(summary_lines(summary))
    assert "2 differences left as they are" in output
    assert "31, name: 'TP Hải Phòng' here, 'Thành phố Hải Phòng' in the source" in output


@pytest.mark.django_db
def test_a_wrong_kind_is_corrected_when_the_name_agrees():
    hai_phong = make_unit("Thành phố Hải Phòng", UnitKind.PROVINCE, code="31")
    ward = make_unit("Phường Dương Kinh", UnitKind.COMMUNE, hai_phong, code="11692")

    summary = units_import_vn_divisions(actor=None, divisions=SMALL)

    ward.refresh_from_db()
    assert ward.kind == UnitKind.WARD
    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 1)
    assert AuditEvent.objects.filter(action="unit.update", object_id=str(ward.pk)).exists()
    assert AuditEvent.objects.filter(action="unit.import").count() == 1


@pytest.mark.django_db
def test_a_dry_run_saves_nothing_but_counts_everything():
    output = run("--dry-run")

    assert counts() == (0, 0, 0, 0)
    assert "3355 created" in output
    assert "Dry run" in output


@pytest.mark.django_db
def test_new_units_start_on_1_july_2025_unless_told_otherwise():
    units_import_vn_divisions(actor=None, divisions=SMALL[:1])
    assert Unit.objects.get(code="31").valid_from == dt.date(2025, 7, 1)

    run("--on", "2025-08-01")

    assert Unit.objects.get(code="11692").valid_from == dt.date(2025, 8, 1)
    assert UnitVersion.objects.get(unit__code="11692").valid_from == dt.date(2025, 8, 1)


@pytest.mark.django_db
def test_provinces_are_roots_without_a_single_central_board_and_parent_overrides():
    make_unit("Ban Thi đua - Khen thưởng Trung ương", UnitKind.CENTRAL_BOARD)
    make_unit("Ban Thi đua - Khen thưởng Trung ương (2)", UnitKind.CENTRAL_BOARD)
    ministry = make_unit("Bộ Nội vụ", UnitKind.MINISTRY, code="BNV")

    units_import_vn_divisions(actor=None, divisions=SMALL[:1])
    assert Unit.objects.get(code="31").parent is None

    units_import_vn_divisions(
        actor=None,
        divisions=[Division(code="01", name="Thành phố Hà Nội", kind=UnitKind.PROVINCE)],
        parent=ministry,
    )
    assert Unit.objects.get(code="01").parent == ministry


@pytest.mark.django_db
def test_the_parent_option_takes_an_id_or_a_code():
    ministry = make_unit("Bộ Nội vụ", UnitKind.MINISTRY, code="BNV")
    # A unit whose official code happens to be the ministry's id.
    board = make_unit("Ban Tổ chức", UnitKind.BOARD, code=str(ministry.pk))

    assert unit_by_reference(reference="BNV") == ministry
    assert unit_by_reference(reference=f"id:{ministry.pk}") == ministry
    assert unit_by_reference(reference=f"code:{ministry.pk}") == board
    assert unit_by_reference(reference=str(board.pk)) == board
    with pytest.raises(ApplicationError):  # both a code and an id: refused, not guessed
        unit_by_reference(reference=str(ministry.pk))
    with pytest.raises(CommandError):
        run("--parent", "KHONG-CO")
    assert Unit.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.clock(2026, 12, 2)
def test_a_unit_created_ahead_of_time_is_matched_so_a_later_run_changes_nothing():
    units_import_vn_divisions(actor=None, divisions=SMALL, on=dt.date(2027, 7, 1))
    before = counts()

    summary = units_import_vn_divisions(actor=None, divisions=SMALL, on=dt.date(2027, 7, 1))

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 3)
    assert counts() == before


@pytest.mark.django_db
def test_a_code_held_by_an_ended_unit_after_the_start_day_stops_the_whole_import():
    old = make_unit("Phường Dương Kinh (cũ)", UnitKind.WARD, code="11692")
    unit_dissolve(actor=None, unit=old, on=dt.date(2025, 9, 1))
    before = counts()

    with pytest.raises(ApplicationError) as caught:
        units_import_vn_divisions(actor=None, divisions=SMALL)

    assert caught.value.field == "code"
    assert counts() == before
    # Starting on the day it ended, there is no overlap.
    assert (
        units_import_vn_divisions(actor=None, divisions=SMALL, on=dt.date(2025, 9, 1)).created == 3
    )


@pytest.mark.django_db
def test_a_central_board_younger_than_the_start_day_is_refused_with_a_reason():
    make_unit(
        "Ban Thi đua - Khen thưởng Trung ương", UnitKind.CENTRAL_BOARD, on=dt.date(2026, 1, 1)
    )

    with pytest.raises(ApplicationError):
        units_import_vn_divisions(actor=None, divisions=SMALL)

    assert (
        units_import_vn_divisions(actor=None, divisions=SMALL, on=dt.date(2026, 1, 1)).created == 3
    )
