"""The dashboard's selectors: roll-up sums, nesting, removed rows, scope by root."""

import datetime as dt

import pytest
from django.utils import timezone

from dienhinh.cycles import dashboard
from dienhinh.cycles.models import ExpectedUnit, ReportState
from dienhinh.cycles.services import ProgrammeSpec, programme_create
from dienhinh.nominations.workflow import (
    Content,
    nil_report_submit,
    nomination_accept,
    nomination_create,
    nomination_submit,
)

# Written about November 2026: the periods these tests open are those of that month.
pytestmark = pytest.mark.clock(2026, 11, 20)

KEY = "2026-10"


def _programme(cast, owner, kinds, parent=None, day=15):
    spec = ProgrammeSpec(
        title=f"Hằng tháng {owner.name}",
        cadence="monthly",
        starts_on=dt.date(2026, 1, 1),
        expected_kinds=kinds,
        unit_relation="on",
        unit_day=day,
        parent=parent,
    )
    return programme_create(actor=cast.city_admin, owner=owner, spec=spec)


@pytest.fixture
def chain(cast):
    """The city expects its districts; each district relays it to its wards and offices."""
    city = _programme(cast, cast.city, ["district"], day=20)
    district = _programme(cast, cast.district, ["ward", "office"], parent=city)
    other = _programme(cast, cast.other_district, ["ward"], parent=city)
    return {
        "city": city.periods.get(key=KEY),
        "district": district.periods.get(key=KEY),
        "other": other.periods.get(key=KEY),
    }


def send(cast, period, unit, *, on: dt.datetime, monkeypatch, accept=False):
    monkeypatch.setattr(timezone, "now", lambda: on)
    nomination = nomination_create(
        actor=cast.superuser,
        unit=unit,
        period=period,
        content=Content(headline="Gương", story="Việc tốt", full_name="Ngô Văn C"),
    )
    nomination = nomination_submit(
        actor=cast.superuser, nomination=nomination, revision=nomination.revision
    )
    if accept:
        nomination_accept(actor=cast.superuser, nomination=nomination, revision=nomination.revision)
    monkeypatch.undo()


ON_TIME = dt.datetime(2026, 10, 10, 3, 0, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 10, 18, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def october(cast, chain, monkeypatch):
    """Ward on time (twice, one accepted), office late, ward2 nothing; other_ward on time
    and accepted; the district itself sent to the city on time."""
    send(cast, chain["district"], cast.ward, on=ON_TIME, monkeypatch=monkeypatch, accept=True)
    send(cast, chain["district"], cast.ward, on=ON_TIME, monkeypatch=monkeypatch)
    send(cast, chain["district"], cast.office, on=LATE, monkeypatch=monkeypatch)
    send(cast, chain["other"], cast.other_ward, on=ON_TIME, monkeypatch=monkeypatch, accept=True)
    send(cast, chain["city"], cast.district, on=ON_TIME, monkeypatch=monkeypatch)
    return chain


def city_chain(cast) -> int:
    """The chain every programme of these tests belongs to: the city's relayed by both
    districts."""
    from dienhinh.cycles.models import Programme

    return Programme.objects.get(owner=cast.city).chain_id


def figures(row) -> dict:
    return {name: getattr(row, name) for name in dashboard.FIGURES}


def test_the_city_rollup_has_one_row_per_district_summing_its_whole_subtree(cast, october):
    rows = dashboard.rollup(root=cast.city, period_key=KEY, chain=city_chain(cast))
    # By name, diacritics folded: "Đồ Sơn" before "Dương Kinh".
    assert [r.unit_id for r in rows] == [cast.other_district.pk, cast.district.pk]
    other, district = rows
    assert district.name == cast.district.name
    # The district itself (in the city's programme) + office, ward, ward2 (in its own).
    assert figures(district) == {
        "expected": 4,
        "reported": 3,
        "on_time": 2,
        "late": 1,
        "missing": 1,
        "sent": 4,
        "accepted": 1,
        "quota_met": 3,
    }
    assert figures(other) == {
        "expected": 2,
        "reported": 1,
        "on_time": 1,
        "late": 0,
        "missing": 1,
        "sent": 1,
        "accepted": 1,
        "quota_met": 1,
    }
    assert district.quota_percent == 75


def test_one_level_down_the_district_has_its_own_row_first_then_one_row_per_unit(cast, october):
    rows = dashboard.rollup(root=cast.district, period_key=KEY, chain=city_chain(cast))
    assert rows[0].is_root and rows[0].unit_id == cast.district.pk
    assert (rows[0].expected, rows[0].on_time) == (1, 1)
    by_unit = {r.unit_id: r for r in rows[1:]}
    assert set(by_unit) == {cast.office.pk, cast.ward.pk, cast.ward2.pk}
    assert (by_unit[cast.ward.pk].sent, by_unit[cast.ward.pk].accepted) == (2, 1)
    assert by_unit[cast.office.pk].late == 1
    assert by_unit[cast.ward2.pk].missing == 1


def test_the_national_rollup_nests_the_city_under_the_central_board(cast, october):
    rows = dashboard.rollup(root=cast.central, period_key=KEY, chain=city_chain(cast))
    assert [r.unit_id for r in rows] == [cast.city.pk]
    total = dashboard.rollup_total(rows, root=cast.central)
    assert (total.expected, total.reported, total.missing) == (6, 4, 2)


def test_the_total_sums_the_rows(cast, october):
    rows = dashboard.rollup(root=cast.district, period_key=KEY, chain=city_chain(cast))
    total = dashboard.rollup_total(rows, root=cast.district)
    assert (total.expected, total.reported, total.sent, total.quota_met) == (4, 3, 4, 3)


def test_a_nil_report_counts_as_reported_not_toward_the_quota(cast, chain):
    nil_report_submit(
        actor=cast.superuser, unit=cast.ward2, period=chain["district"], reason="Không có"
    )
    (row,) = [
        r
        for r in dashboard.rollup(root=cast.district, period_key=KEY, chain=city_chain(cast))
        if r.unit_id == cast.ward2.pk
    ]
    assert (row.reported, row.missing, row.quota_met, row.sent) == (1, 0, 0, 0)


def test_rows_no_longer_expected_are_left_out(cast, october):
    ExpectedUnit.objects.filter(period=october["district"], unit=cast.ward2).update(
        removed_on=dt.date(2026, 10, 5), reason="Sáp nhập"
    )
    rows = dashboard.rollup(root=cast.district, period_key=KEY, chain=city_chain(cast))
    assert cast.ward2.pk not in {r.unit_id for r in rows}
    missing = dashboard.missing_units(root=cast.district, period_key=KEY, chain=city_chain(cast))
    assert cast.ward2.pk not in {r.unit_id for r in missing}


def test_other_periods_are_left_out(cast, october):
    rows = dashboard.rollup(root=cast.district, period_key="2026-09", chain=city_chain(cast))
    assert sum(r.reported for r in rows) == 0
    assert sum(r.expected for r in rows) == 4


def test_rows_are_filed_where_the_unit_hung_when_it_became_expected(cast, october):
    # ward2 was under Đồ Sơn when the period opened (e.g. moved since): it counts there.
    ExpectedUnit.objects.filter(period=october["district"], unit=cast.ward2).update(
        unit_path=cast.other_district.path + f"{cast.ward2.pk:010d}."
    )
    rows = {
        r.unit_id: r
        for r in dashboard.rollup(root=cast.city, period_key=KEY, chain=city_chain(cast))
    }
    assert rows[cast.district.pk].expected == 3
    assert rows[cast.other_district.pk].expected == 3


def test_a_root_sees_nothing_outside_its_subtree(cast, october):
    district_rows = dashboard.rollup(root=cast.district, period_key=KEY, chain=city_chain(cast))
    assert cast.other_ward.pk not in {r.unit_id for r in district_rows}
    assert sum(r.expected for r in district_rows) == 4
    ward_rows = dashboard.rollup(root=cast.other_ward, period_key=KEY, chain=city_chain(cast))
    assert [(r.unit_id, r.is_root) for r in ward_rows] == [(cast.other_ward.pk, True)]
    missing = dashboard.missing_units(
        root=cast.other_district, period_key=KEY, chain=city_chain(cast)
    )
    # Đồ Sơn itself owes the city; Dương Kinh's ward2 is not its business.
    assert {r.unit_id for r in missing} == {cast.other_district.pk}


def test_the_unit_list_is_what_the_district_itself_waits_for(cast, october):
    rows = dashboard.unit_rows(parent=cast.district, period_key=KEY, chain=city_chain(cast))
    assert {r.unit_id for r in rows} == {cast.office.pk, cast.ward.pk, cast.ward2.pk}
    states = {r.unit_id: r.state for r in rows}
    assert states[cast.ward2.pk] == ReportState.MISSING
    assert states[cast.office.pk] == ReportState.LATE
    assert all(r.period.unit_deadline == dt.date(2026, 10, 15) for r in rows)
    assert dashboard.unit_rows(parent=cast.ward, period_key=KEY, chain=city_chain(cast)) == []


def test_the_missing_list_has_every_unit_that_sent_nothing_with_its_parent(cast, october):
    rows = dashboard.with_parents(
        dashboard.missing_units(root=cast.city, period_key=KEY, chain=city_chain(cast))
    )
    assert [(r.unit_id, r.parent_unit) for r in rows] == [
        (cast.ward2.pk, cast.district),
        (cast.other_district.pk, cast.city),
    ]
    assert rows[1].period.programme.owner == cast.city


def test_timeliness_gives_the_last_twelve_periods_newest_first(cast, october):
    rows = dashboard.timeliness(unit=cast.ward, last=12)
    keys = [r.period.key for r in rows]
    assert keys[:2] == ["2026-11", "2026-10"]
    assert len(rows) == 11  # January to November 2026
    assert rows[1].state == ReportState.ON_TIME
    assert rows[1].first_sent_on == dt.date(2026, 10, 10)
    assert len(dashboard.timeliness(unit=cast.ward, last=3)) == 3


def test_the_keys_concern_the_programmes_inside_and_above_the_root(cast, chain):
    keys = dashboard.period_keys(root=cast.ward)
    assert keys[0] == "2026-11" and keys[-1] == "2026-01" and len(keys) == 11
    assert dashboard.period_keys(root=cast.central) == keys


def test_a_missing_unit_is_overdue_only_after_its_deadline(cast, october):
    (row,) = dashboard.missing_units(root=cast.district, period_key=KEY, chain=city_chain(cast))
    assert dashboard.is_overdue(row, today=dt.date(2026, 10, 16))
    assert not dashboard.is_overdue(row, today=dt.date(2026, 10, 15))


def test_a_second_programme_for_the_same_units_is_counted_on_its_own(cast, october):
    """Another programme expecting the same wards in the same month (a campaign of its own)
    neither doubles the rows of the city's chain nor mixes its statuses in."""
    campaign = _programme(cast, cast.district, ["ward"], day=25)
    rows = dashboard.rollup(root=cast.district, period_key=KEY, chain=city_chain(cast))
    total = dashboard.rollup_total(rows, root=cast.district)
    assert total.expected == 4  # the district itself, ward, ward2, office: each once
    assert campaign.chain_id == campaign.pk
    other = dashboard.rollup(root=cast.district, period_key=KEY, chain=campaign.pk)
    assert dashboard.rollup_total(other, root=cast.district).expected == 2
    chains = dashboard.chains_for(root=cast.district)
    assert chains[0].pk == city_chain(cast)  # the main programme, expecting most units
