"""Programmes and periods through the services: the seeds' two programmes, catching up,
snapshots of expected units, restructures during a period, bad input."""

import datetime as dt

import pytest
from django.utils import translation

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.models import ExpectedUnit, Period, Programme
from dienhinh.cycles.services import (
    ProgrammeSpec,
    periods_open_due,
    programme_create,
    programme_set_unit_choice,
    programme_warnings,
)
from dienhinh.testing import make_unit
from dienhinh.units.models import UnitKind
from dienhinh.units.restructure import unit_move, units_merge
from dienhinh.units.services import NewUnit

D = dt.date
DISTRICT_KINDS = [
    UnitKind.OFFICE,
    UnitKind.PARTY_BOARD,
    UnitKind.MASS_ORGANISATION,
    UnitKind.PUBLIC_SERVICE_UNIT,
    UnitKind.WARD,
]


def city_programme(cast, **overrides):
    fields = dict(
        title="Giới thiệu gương điển hình hằng tháng (785/BTĐKT-THHC)",
        cadence="monthly",
        starts_on=D(2023, 9, 1),
        quota=1,
        expected_kinds=[UnitKind.DISTRICT, UnitKind.DEPARTMENT],
        unit_relation="before",
        unit_day=15,
    )
    fields.update(overrides)
    return programme_create(actor=cast.city_admin, owner=cast.city, spec=ProgrammeSpec(**fields))


def district_spec(cast, **overrides):
    fields = dict(
        title="Giới thiệu gương điển hình hằng tháng của quận",
        cadence="monthly",
        starts_on=D(2023, 9, 1),
        quota=1,
        expected_kinds=DISTRICT_KINDS,
        unit_relation="on",
        unit_day=15,
        forward_relation="on",
        forward_day=17,
    )
    fields.update(overrides)
    return ProgrammeSpec(**fields)


def period(programme, key):
    return Period.objects.get(programme=programme, key=key)


def expected_names(p):
    return sorted(e.unit.name for e in p.expected.filter(removed_on__isnull=True))


def test_the_seed_district_programme_opens_every_month_with_its_two_deadlines(cast):
    programme = programme_create(actor=cast.compiler, owner=cast.district, spec=district_spec(cast))
    october = period(programme, "2023-10")
    assert october.unit_deadline == D(2023, 10, 15)
    assert october.forward_deadline == D(2023, 10, 17)
    assert expected_names(october) == [
        "Phòng Nội vụ quận Dương Kinh",
        "Phường Anh Dũng",
        "Phường Hưng Đạo",
    ]


def test_periods_catch_up_to_today_and_a_second_run_opens_nothing(cast):
    programme = programme_create(actor=cast.compiler, owner=cast.district, spec=district_spec(cast))
    count = programme.periods.count()
    assert count >= 38  # September 2023 to today, one per month
    assert periods_open_due(today=dt.date.today()) == []
    assert programme.periods.count() == count
    assert AuditEvent.objects.filter(action="period.open").count() == count


def test_a_worker_that_was_down_opens_the_missed_periods_when_it_comes_back(cast):
    programme = programme_create(
        actor=cast.compiler, owner=cast.district, spec=district_spec(cast, starts_on=D(2030, 1, 1))
    )
    assert programme.periods.count() == 0
    opened = periods_open_due(today=D(2030, 4, 20))
    assert [p.key for p in sorted(opened, key=lambda p: p.key)] == [
        "2030-01",
        "2030-02",
        "2030-03",
        "2030-04",
    ]


def test_the_seeds_forwarding_on_the_17th_after_the_citys_15th_is_warned(cast):
    city = city_programme(cast)
    with translation.override("en"):
        warnings = programme_warnings(owner=cast.district, spec=district_spec(cast, parent=city))
    assert len(warnings) == 1
    assert "you forward on 17/09/2023" in warnings[0]
    assert "by 14/09/2023" in warnings[0]


def test_a_unit_deadline_after_the_programmes_own_forwarding_deadline_is_warned(cast):
    spec = district_spec(cast, unit_day=20, forward_day=17)
    with translation.override("en"):
        warnings = programme_warnings(owner=cast.district, spec=spec)
    assert warnings and "after your own forwarding deadline" in warnings[0]


def test_a_consistent_programme_has_no_warning(cast):
    city = city_programme(cast, unit_day=20)
    assert programme_warnings(owner=cast.district, spec=district_spec(cast, parent=city)) == []


@pytest.mark.parametrize("quota", [0, -1])
def test_a_quota_below_one_is_refused_and_nothing_is_created(cast, quota):
    with pytest.raises(ApplicationError) as error:
        programme_create(
            actor=cast.compiler, owner=cast.district, spec=district_spec(cast, quota=quota)
        )
    assert error.value.field == "quota"
    assert Programme.objects.count() == 0 and Period.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"), [("unit_day", 0), ("unit_day", 32), ("forward_day", 40)]
)
def test_a_deadline_day_outside_1_to_31_is_refused(cast, field, value):
    with pytest.raises(ApplicationError) as error:
        programme_create(
            actor=cast.compiler, owner=cast.district, spec=district_spec(cast, **{field: value})
        )
    assert error.value.field == field
    assert Programme.objects.count() == 0


def test_a_relay_of_a_programme_not_above_the_unit_is_refused(cast):
    other = programme_create(
        actor=cast.city_admin,
        owner=cast.other_district,
        spec=district_spec(cast, expected_kinds=[UnitKind.WARD]),
    )
    with pytest.raises(ApplicationError) as error:
        programme_create(
            actor=cast.compiler, owner=cast.district, spec=district_spec(cast, parent=other)
        )
    assert error.value.field == "parent"


def test_a_deadline_on_a_sunday_moves_to_monday_when_the_programme_says_so(cast):
    programme = programme_create(
        actor=cast.compiler, owner=cast.district, spec=district_spec(cast, roll="next_working_day")
    )
    assert period(programme, "2023-10").unit_deadline == D(2023, 10, 16)  # 15/10 is a Sunday


def test_a_deadline_in_tet_moves_past_the_preloaded_holidays(cast):
    programme = programme_create(
        actor=cast.compiler,
        owner=cast.district,
        spec=district_spec(cast, unit_day=10, roll="next_working_day"),
    )
    # Tết 2024: 9-13/2 off, then the weekend: the first working day is 14/2.
    assert period(programme, "2024-02").unit_deadline == D(2024, 2, 14)


def test_a_merge_during_a_period_redraws_only_that_period_and_says_why(cast):
    programme = programme_create(actor=cast.compiler, owner=cast.district, spec=district_spec(cast))
    merged = units_merge(
        actor=cast.city_admin,
        sources=[cast.ward, cast.ward2],
        on=D(2024, 6, 10),
        new_unit=NewUnit(name="Phường Hưng Đạo mới", kind=UnitKind.WARD, parent=cast.district),
    )
    may, june, july = (period(programme, k) for k in ("2024-05", "2024-06", "2024-07"))
    assert expected_names(may) == [
        "Phòng Nội vụ quận Dương Kinh",
        "Phường Anh Dũng",
        "Phường Hưng Đạo",
    ]
    assert expected_names(june) == ["Phòng Nội vụ quận Dương Kinh", "Phường Hưng Đạo mới"]
    gone = june.expected.get(unit=cast.ward)
    assert gone.removed_on == D(2024, 6, 10) and gone.reason
    assert june.expected.get(unit=merged).added_on == D(2024, 6, 10)
    assert expected_names(july) == ["Phòng Nội vụ quận Dương Kinh", "Phường Hưng Đạo mới"]
    changes = AuditEvent.objects.filter(action="period.expected_change")
    assert changes.count() == programme.periods.filter(ends_on__gte=D(2024, 6, 10)).count()
    assert all(c.changes["added"] == ["Phường Hưng Đạo mới"] for c in changes)


def test_a_unit_moved_to_another_district_leaves_the_old_districts_period(cast):
    programme = programme_create(actor=cast.compiler, owner=cast.district, spec=district_spec(cast))
    other = programme_create(
        actor=cast.city_admin,
        owner=cast.other_district,
        spec=district_spec(cast, expected_kinds=[UnitKind.WARD]),
    )
    unit_move(
        actor=cast.city_admin, unit=cast.ward2, on=D(2024, 3, 5), new_parent=cast.other_district
    )
    assert "Phường Anh Dũng" not in expected_names(period(programme, "2024-03"))
    assert "Phường Anh Dũng" in expected_names(period(other, "2024-03"))
    assert "Phường Anh Dũng" in expected_names(period(programme, "2024-02"))


def test_units_chosen_by_hand_apply_to_periods_opened_later(cast):
    programme = programme_create(
        actor=cast.compiler, owner=cast.district, spec=district_spec(cast, starts_on=D(2030, 1, 1))
    )
    extra = make_unit("Công ty Cấp nước Dương Kinh", UnitKind.ENTERPRISE, cast.district)
    programme_set_unit_choice(actor=cast.compiler, programme=programme, unit=extra, included=True)
    programme_set_unit_choice(
        actor=cast.compiler, programme=programme, unit=cast.office, included=False
    )
    periods_open_due(today=D(2030, 1, 2))
    names = expected_names(period(programme, "2030-01"))
    assert "Công ty Cấp nước Dương Kinh" in names
    assert "Phòng Nội vụ quận Dương Kinh" not in names
    assert ExpectedUnit.objects.count() == 3


def test_editing_the_expected_units_redraws_the_period_under_way_but_not_past_ones(cast):
    programme = programme_create(actor=cast.compiler, owner=cast.district, spec=district_spec(cast))
    with translation.override("en"):
        programme_set_unit_choice(
            actor=cast.compiler, programme=programme, unit=cast.ward2, included=False
        )
    current = programme.periods.order_by("-starts_on").first()
    assert "Phường Anh Dũng" not in expected_names(current)
    assert current.expected.get(unit=cast.ward2).reason.startswith("edited by hand")
    assert "Phường Anh Dũng" in expected_names(period(programme, "2023-10"))


def test_a_unit_outside_the_programmes_subtree_cannot_be_added(cast):
    programme = programme_create(actor=cast.compiler, owner=cast.district, spec=district_spec(cast))
    with pytest.raises(ApplicationError):
        programme_set_unit_choice(
            actor=cast.compiler, programme=programme, unit=cast.other_ward, included=True
        )
    assert programme.choices.count() == 0
