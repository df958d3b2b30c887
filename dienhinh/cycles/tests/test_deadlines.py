"""The pure period and deadline arithmetic: month ends, leap years, quarters, weekends,
holidays, and every day of several years for the invariants."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dienhinh.cycles.deadlines import (
    DeadlineRule,
    due_date,
    next_working_day,
    period_containing,
    periods_between,
    weekday_rule,
    working_days_between,
)

D = dt.date
OCT_2023 = period_containing("monthly", D(2023, 10, 9))


def test_the_seed_city_rule_before_the_15th_is_due_on_the_14th():
    assert due_date(DeadlineRule("before", 15), OCT_2023) == D(2023, 10, 14)


def test_the_seed_district_rules_on_the_15th_and_on_the_17th():
    assert due_date(DeadlineRule("on", 15), OCT_2023) == D(2023, 10, 15)
    assert due_date(DeadlineRule("on", 17), OCT_2023) == D(2023, 10, 17)


@pytest.mark.parametrize(
    ("year", "month", "relation", "day", "expected"),
    [
        (2023, 4, "on", 31, D(2023, 4, 30)),
        (2023, 2, "on", 31, D(2023, 2, 28)),
        (2024, 2, "on", 31, D(2024, 2, 29)),
        (2024, 2, "on", 29, D(2024, 2, 29)),
        (2023, 2, "on", 29, D(2023, 2, 28)),
        (2023, 2, "before", 31, D(2023, 2, 28)),
        (2024, 2, "before", 30, D(2024, 2, 29)),
        (2024, 2, "before", 29, D(2024, 2, 28)),
        (2023, 4, "before", 31, D(2023, 4, 30)),
        (2023, 4, "before", 30, D(2023, 4, 29)),
        (2023, 3, "before", 1, D(2023, 2, 28)),
        (2024, 1, "before", 1, D(2023, 12, 31)),
        (2023, 12, "on", 31, D(2023, 12, 31)),
    ],
)
def test_days_a_month_does_not_have_are_clamped_to_its_last_day(
    year, month, relation, day, expected
):
    span = period_containing("monthly", D(year, month, 1))
    assert due_date(DeadlineRule(relation, day), span) == expected


def test_before_the_10th_of_the_last_month_of_the_quarter():
    rule = DeadlineRule("before", 10, anchor="last_month_of_quarter")
    dues = [due_date(rule, period_containing("quarterly", D(2024, m, 1))) for m in (1, 4, 7, 10)]
    assert dues == [D(2024, 3, 9), D(2024, 6, 9), D(2024, 9, 9), D(2024, 12, 9)]


def test_quarters_are_named_and_bounded():
    q = period_containing("quarterly", D(2024, 8, 20))
    assert (q.key, q.starts_on, q.ends_on) == ("2024-Q3", D(2024, 7, 1), D(2024, 9, 30))
    assert period_containing("quarterly", D(2024, 2, 29)).ends_on == D(2024, 3, 31)


def test_a_yearly_rule_is_due_in_its_month():
    rule = DeadlineRule("before", 15, anchor="year", month=11)
    assert due_date(rule, period_containing("yearly", D(2025, 3, 3))) == D(2025, 11, 14)


def test_a_one_off_rule_is_due_on_its_date():
    span = period_containing(
        "once", D(2025, 5, 1), once_start=D(2025, 5, 1), once_end=D(2025, 6, 11)
    )
    assert due_date(DeadlineRule("on", anchor="date", date=D(2025, 6, 1)), span) == D(2025, 6, 1)
    assert due_date(DeadlineRule("before", anchor="date", date=D(2025, 6, 1)), span) == D(
        2025, 5, 31
    )


def test_a_deadline_on_a_weekend_moves_to_monday_only_when_the_rule_says_so():
    span = period_containing("monthly", D(2023, 7, 1))  # 15/7/2023 is a Saturday
    working = weekday_rule(set())
    keep = DeadlineRule("on", 15)
    move = DeadlineRule("on", 15, roll="next_working_day")
    assert due_date(keep, span, is_working_day=working) == D(2023, 7, 15)
    assert due_date(move, span, is_working_day=working) == D(2023, 7, 17)


def test_a_deadline_in_tet_moves_past_the_holidays_and_the_weekend():
    tet_2024 = {D(2024, 2, d) for d in range(8, 15)}
    span = period_containing("monthly", D(2024, 2, 1))
    rule = DeadlineRule("on", 10, roll="next_working_day")
    assert due_date(rule, span, is_working_day=weekday_rule(tet_2024)) == D(2024, 2, 15)


def test_periods_between_cover_the_range_without_gaps_or_overlaps():
    spans = list(periods_between("monthly", D(2023, 11, 20), D(2024, 3, 1)))
    assert [s.key for s in spans] == ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
    for before, after in zip(spans, spans[1:], strict=False):
        assert after.starts_on == before.ends_on + dt.timedelta(days=1)


def test_working_days_between_counts_after_the_start_up_to_the_end():
    working = weekday_rule({D(2023, 10, 16)})
    # Sat 14/10 -> Tue 17/10: Sun, Mon (holiday), Tue -> 1 working day
    assert working_days_between(D(2023, 10, 14), D(2023, 10, 17), working) == 1
    assert working_days_between(D(2023, 10, 17), D(2023, 10, 14), working) == 0


def test_next_working_day_gives_up_loudly_on_an_impossible_holiday_list():
    with pytest.raises(ValueError):
        next_working_day(D(2024, 1, 1), lambda day: False)


@given(
    day=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)),
    rule_day=st.integers(min_value=1, max_value=31),
    relation=st.sampled_from(["before", "on"]),
    roll=st.sampled_from(["keep", "next_working_day"]),
)
def test_a_monthly_due_date_always_exists_and_lies_where_it_should(day, rule_day, relation, roll):
    span = period_containing("monthly", day)
    due = due_date(
        DeadlineRule(relation, rule_day, roll=roll), span, is_working_day=weekday_rule(set())
    )
    assert span.starts_on - dt.timedelta(days=1) <= due
    assert due <= span.ends_on + dt.timedelta(days=3)  # at most a weekend later
    if roll == "next_working_day":
        assert due.weekday() < 5
    if roll == "keep" and relation == "on":
        assert due.day == min(rule_day, span.ends_on.day)


@given(
    day=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)),
    cadence=st.sampled_from(["monthly", "quarterly", "yearly"]),
)
def test_every_day_lies_in_exactly_the_period_that_contains_it(day, cadence):
    span = period_containing(cadence, day)
    assert span.starts_on <= day <= span.ends_on
    assert period_containing(cadence, span.starts_on) == span
    assert period_containing(cadence, span.ends_on) == span
