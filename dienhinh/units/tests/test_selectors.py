import datetime as dt

from dienhinh.testing import START, make_unit
from dienhinh.units.models import Unit, UnitKind
from dienhinh.units.restructure import unit_dissolve, unit_move, unit_split, units_merge
from dienhinh.units.selectors import (
    unit_all_predecessor_ids,
    unit_ancestors,
    unit_children_on,
    unit_stats,
    unit_subtree,
    units_search,
)
from dienhinh.units.services import NewUnit

MOVE_DAY = dt.date(2024, 1, 1)
REFORM = dt.date(2025, 7, 1)
DAY = dt.timedelta(days=1)


def names(units) -> set[str]:
    return {unit.name for unit in units}


def search(query: str, within=None) -> list[str]:
    return [unit.name for unit in units_search(query=query, within=within or Unit.objects.all())]


# unit_subtree


def test_a_subtree_holds_the_unit_and_everything_below_it(cast):
    group = make_unit("Tổ dân phố số 1", UnitKind.MASS_ORGANISATION, cast.ward)
    subtree = unit_subtree(unit=cast.district)
    assert names(subtree) == names([cast.district, cast.office, cast.ward, cast.ward2, group])


def test_a_subtree_can_leave_out_its_top_unit(cast):
    subtree = unit_subtree(unit=cast.district, include_self=False)
    assert names(subtree) == names([cast.office, cast.ward, cast.ward2])


def test_a_subtree_without_a_date_keeps_units_that_have_ended(cast):
    unit_dissolve(actor=None, unit=cast.ward2, on=REFORM)
    assert cast.ward2 in unit_subtree(unit=cast.district)


def test_a_subtree_on_a_day_holds_only_the_units_valid_that_day(cast):
    unit_dissolve(actor=None, unit=cast.ward2, on=REFORM)
    late = make_unit("Phường Đa Phúc", UnitKind.WARD, cast.district, on=MOVE_DAY)
    assert names(unit_subtree(unit=cast.district, on=START)) == names(
        [cast.district, cast.office, cast.ward, cast.ward2]
    )
    assert late in unit_subtree(unit=cast.district, on=MOVE_DAY)
    assert cast.ward2 in unit_subtree(unit=cast.district, on=REFORM - DAY)
    assert cast.ward2 not in unit_subtree(unit=cast.district, on=REFORM)
    assert not unit_subtree(unit=cast.district, on=START - DAY).exists()


def test_a_subtree_follows_a_move(cast):
    unit_move(actor=None, unit=cast.ward, on=MOVE_DAY, new_parent=cast.other_district)
    assert cast.ward not in unit_subtree(unit=cast.district)
    assert cast.ward in unit_subtree(unit=cast.other_district)


# unit_children_on


def test_the_children_on_a_day_list_offices_first_then_by_name(cast):
    children = unit_children_on(unit=cast.district, on=START)
    assert [v.name for v in children] == [
        "Phòng Nội vụ quận Dương Kinh",
        "Phường Anh Dũng",
        "Phường Hưng Đạo",
    ]
    assert [v.unit for v in children] == [cast.office, cast.ward2, cast.ward]


def test_the_children_on_a_day_leave_out_units_not_yet_created_or_already_ended(cast):
    make_unit("Phường Đa Phúc", UnitKind.WARD, cast.district, on=MOVE_DAY)
    unit_dissolve(actor=None, unit=cast.ward2, on=MOVE_DAY)
    before = [v.name for v in unit_children_on(unit=cast.district, on=MOVE_DAY - DAY)]
    after = [v.name for v in unit_children_on(unit=cast.district, on=MOVE_DAY)]
    assert "Phường Anh Dũng" in before and "Phường Đa Phúc" not in before
    assert "Phường Anh Dũng" not in after and "Phường Đa Phúc" in after


def test_the_children_of_nothing_are_the_roots(cast):
    assert [v.unit for v in unit_children_on(unit=None, on=START)] == [cast.central]


# units_search


def test_a_search_ignores_diacritics_and_case(cast):
    found = [search(q) for q in ("duong kinh", "DUONG KINH", "Dương Kinh", "dương  KINH")]
    assert found[0] == found[1] == found[2] == found[3]
    assert set(found[0]) == {cast.district.name, cast.office.name}


def test_a_search_for_d_finds_d_with_stroke(cast):
    make_unit("Phường Đa Phúc", UnitKind.WARD, cast.district)
    assert search("đa phuc") == search("da phuc") == ["Phường Đa Phúc"]


def test_a_search_matches_every_word_in_any_order(cast):
    assert search("kinh noi vu") == [cast.office.name]
    assert search("noi vu do son") == []


def test_a_search_matches_the_official_code(cast):
    assert search("31") == [cast.city.name]


def test_a_search_stays_within_the_given_units(cast):
    within = unit_subtree(unit=cast.other_district)
    assert search("phuong", within=within) == [cast.other_ward.name]


def test_a_search_lists_current_units_before_those_that_have_ended(cast):
    old = make_unit("Phường Hải Thành", UnitKind.WARD, cast.district, code="11320")
    new = units_merge(
        actor=None,
        sources=[old],
        on=REFORM,
        new_unit=NewUnit(name="Phường Hải Thành", kind=UnitKind.WARD, parent=cast.district),
    )
    found = list(units_search(query="phuong hai thanh", within=Unit.objects.all()))
    assert found == [new, old]


# unit_ancestors


def test_the_ancestors_run_from_the_root_down_to_the_parent(cast):
    assert list(unit_ancestors(unit=cast.ward)) == [cast.central, cast.city, cast.district]
    assert list(unit_ancestors(unit=cast.central)) == []


# unit_stats


def test_the_statistics_count_only_the_units_valid_on_the_day(cast):
    unit_dissolve(actor=None, unit=cast.ward2, on=REFORM)
    make_unit("Phường Đa Phúc", UnitKind.WARD, cast.district, on=MOVE_DAY)
    assert unit_stats(on=START - DAY) == {"total": 0, "by_kind": {}}
    assert unit_stats(on=START)["total"] == 8
    assert unit_stats(on=START)["by_kind"][UnitKind.WARD] == 3
    on_reform_eve = unit_stats(on=REFORM - DAY)
    assert (on_reform_eve["total"], on_reform_eve["by_kind"][UnitKind.WARD]) == (9, 4)
    on_reform = unit_stats(on=REFORM)
    assert (on_reform["total"], on_reform["by_kind"][UnitKind.WARD]) == (8, 3)
    assert on_reform["by_kind"][UnitKind.DISTRICT] == 2


def test_the_statistics_default_to_today(cast):
    unit_dissolve(actor=None, unit=cast.ward2, on=REFORM)
    assert unit_stats() == unit_stats(on=REFORM)


# unit_all_predecessor_ids


def test_the_predecessors_of_a_unit_are_found_transitively(cast):
    first = units_merge(actor=None, sources=[cast.ward2], on=MOVE_DAY, into=cast.ward)
    second = units_merge(
        actor=None,
        sources=[first],
        on=REFORM,
        new_unit=NewUnit(name="Phường Hưng Đạo", kind=UnitKind.WARD, parent=cast.district),
    )
    assert unit_all_predecessor_ids(unit_ids={second.pk}) == {cast.ward.pk, cast.ward2.pk}
    assert unit_all_predecessor_ids(unit_ids={cast.ward.pk}) == {cast.ward2.pk}
    assert unit_all_predecessor_ids(unit_ids={cast.ward2.pk}) == set()


def test_the_predecessors_include_the_source_of_a_split_and_a_dissolution(cast):
    north, south = unit_split(
        actor=None,
        source=cast.ward2,
        on=MOVE_DAY,
        into=[
            NewUnit(name="Phường Anh Dũng Bắc", kind=UnitKind.WARD, parent=cast.district),
            NewUnit(name="Phường Anh Dũng Nam", kind=UnitKind.WARD, parent=cast.district),
        ],
    )
    unit_dissolve(actor=None, unit=north, on=REFORM, successor=cast.ward)
    assert unit_all_predecessor_ids(unit_ids={cast.ward.pk}) == {north.pk, cast.ward2.pk}
    assert unit_all_predecessor_ids(unit_ids={south.pk}) == {cast.ward2.pk}
    assert unit_all_predecessor_ids(unit_ids={cast.other_ward.pk}) == set()
