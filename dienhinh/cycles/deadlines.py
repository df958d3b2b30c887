"""Periods and deadlines as pure functions: no database, no clock.

A programme repeats by cadence (monthly, quarterly, yearly, once). Each repetition is a
`PeriodSpan`; a deadline rule turns a span into a due date:

- "before day 15 of the month" (trước ngày 15 hằng tháng): due on the 14th, the last day on
  which sending is still *before* the 15th;
- "on day 17" (vào ngày 17): due on the 17th;
- "before day 10 of the last month of the quarter": due on the 9th of March, June, …;
- "before 15 November" (yearly) and a fixed date (one-off).

Short months: a day that the month does not have is clamped to the month's last day for
"on" (on day 31 in April = 30 April), and "before day 29/30/31" in a month without that day
means the whole month, so it is due on the last day (before day 31 in February = 28 or 29
February). A due date on a weekend or public holiday is kept, or moved to the next working
day, as the rule says.
"""

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

CADENCES = ("monthly", "quarterly", "yearly", "once")
RELATIONS = ("before", "on")
ANCHORS = ("month", "last_month_of_quarter", "year", "date")
# Which anchors make sense for which cadence (the services refuse the other pairs).
ANCHORS_FOR_CADENCE = {
    "monthly": ("month",),
    "quarterly": ("last_month_of_quarter",),
    "yearly": ("year",),
    "once": ("date",),
}
ROLLS = ("keep", "next_working_day")


@dataclass(frozen=True)
class PeriodSpan:
    key: str  # "2023-10", "2023-Q4", "2023", "once"
    starts_on: dt.date
    ends_on: dt.date  # last day of the period, inclusive


@dataclass(frozen=True)
class DeadlineRule:
    relation: str = "before"
    day: int = 15
    anchor: str = "month"
    month: int | None = None  # for anchor "year"
    date: dt.date | None = None  # for anchor "date"
    roll: str = "keep"


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def period_containing(cadence: str, day: dt.date, *, once_start=None, once_end=None):
    """The period of a cadence that contains `day`."""
    if cadence == "monthly":
        return PeriodSpan(
            f"{day.year}-{day.month:02d}",
            dt.date(day.year, day.month, 1),
            dt.date(day.year, day.month, last_day(day.year, day.month)),
        )
    if cadence == "quarterly":
        quarter = (day.month - 1) // 3 + 1
        first = 3 * quarter - 2
        end_month = first + 2
        return PeriodSpan(
            f"{day.year}-Q{quarter}",
            dt.date(day.year, first, 1),
            dt.date(day.year, end_month, last_day(day.year, end_month)),
        )
    if cadence == "yearly":
        return PeriodSpan(str(day.year), dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    if cadence == "once":
        return PeriodSpan("once", once_start, once_end)
    raise ValueError(f"unknown cadence {cadence!r}")


def periods_between(cadence: str, first: dt.date, last: dt.date, **once) -> Iterator[PeriodSpan]:
    """Every period that starts on or before `last` and ends on or after `first`."""
    if cadence == "once":
        span = period_containing("once", first, **once)
        if span.starts_on <= last and span.ends_on >= first:
            yield span
        return
    span = period_containing(cadence, first)
    while span.starts_on <= last:
        yield span
        span = period_containing(cadence, span.ends_on + dt.timedelta(days=1))


def _day_in_month(year: int, month: int, day: int, relation: str) -> dt.date:
    days = last_day(year, month)
    if relation == "before":
        if day > days:  # "before the 31st" in a 30-day month: the whole month counts
            return dt.date(year, month, days)
        if day == 1:  # "before the 1st": the last day of the month before
            y, m = _add_months(year, month, -1)
            return dt.date(y, m, last_day(y, m))
        return dt.date(year, month, day - 1)
    return dt.date(year, month, min(day, days))


def due_date(
    rule: DeadlineRule,
    span: PeriodSpan,
    *,
    is_working_day: Callable[[dt.date], bool] | None = None,
) -> dt.date:
    """The last day on which a submission for `span` is on time under `rule`."""
    if rule.anchor == "date":
        if rule.date is None:
            raise ValueError("a dated rule needs its date")
        due = rule.date - dt.timedelta(days=1) if rule.relation == "before" else rule.date
    elif rule.anchor == "month":
        due = _day_in_month(span.starts_on.year, span.starts_on.month, rule.day, rule.relation)
    elif rule.anchor == "last_month_of_quarter":
        due = _day_in_month(span.ends_on.year, _quarter_end(span.ends_on), rule.day, rule.relation)
    elif rule.anchor == "year":
        due = _day_in_month(span.starts_on.year, rule.month or 12, rule.day, rule.relation)
    else:
        raise ValueError(f"unknown anchor {rule.anchor!r}")
    if rule.roll == "next_working_day" and is_working_day is not None:
        due = next_working_day(due, is_working_day)
    return due


def _quarter_end(day: dt.date) -> int:
    return ((day.month - 1) // 3 + 1) * 3


def next_working_day(day: dt.date, is_working_day: Callable[[dt.date], bool]) -> dt.date:
    """`day` itself if it is a working day, else the first working day after it."""
    for _ in range(60):  # Tết and a weekend never add up to two months
        if is_working_day(day):
            return day
        day += dt.timedelta(days=1)
    raise ValueError("no working day within 60 days: check the holiday list")


def working_days_between(
    start: dt.date, end: dt.date, is_working_day: Callable[[dt.date], bool]
) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start + dt.timedelta(days=1)
    while day <= end:
        count += is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def weekday_rule(holidays: set[dt.date]) -> Callable[[dt.date], bool]:
    """Monday to Friday, except the listed public holidays."""
    return lambda day: day.weekday() < 5 and day not in holidays
