"""The deadline cascade: does a relay's own deadline fit the one the level above set, and does
it leave the compiler enough working days?

The seeds show the classic conflict: the city wants material "trước ngày 15 hàng tháng"
(due the 14th), the district collects "vào ngày 15" and forwards "vào ngày 17". Each check
runs over the next twelve periods with the stored holidays and names the first period that
fails, then suggests the latest rule that fits every one of them.
"""

import datetime as dt
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dienhinh.cycles import rules
from dienhinh.cycles.deadlines import DeadlineRule, due_date, periods_between, working_days_between


@dataclass
class Suggestion:
    forward_day: int
    unit_day: int
    anchor: str = "month"
    month: int | None = None
    relation: str = "on"


@dataclass
class CascadeResult:
    warnings: list[str] = field(default_factory=list)
    suggestion: Suggestion | None = None


def min_compile_days() -> int:
    return settings.DISPATCH_MIN_COMPILE_WORKING_DAYS


def _fmt(day: dt.date) -> str:
    return date_format(day, "l d/m/Y")


def _spans(cadence: str, starts_on: dt.date, count: int = 12, **once):
    spans = []
    end = starts_on + dt.timedelta(days=31 * 12 * 3)
    for span in periods_between(cadence, starts_on, once.get("once_end") or end, **once):
        spans.append(span)
        if len(spans) == count:
            break
    return spans


def check(
    *,
    cadence: str,
    starts_on: dt.date,
    unit_rule: DeadlineRule,
    forward_rule: DeadlineRule | None,
    parent_rule: DeadlineRule | None,
    parent_label: str = "",
    ends_on: dt.date | None = None,
) -> CascadeResult:
    once = {"once_start": starts_on, "once_end": ends_on or starts_on} if cadence == "once" else {}
    spans = _spans(cadence, starts_on, **once)
    if not spans:
        return CascadeResult()
    working = rules.is_working_day_fn(spans[0].starts_on, spans[-1].ends_on)
    minimum = min_compile_days()
    result = CascadeResult()
    late = short = None
    for span in spans:
        unit_due = due_date(unit_rule, span, is_working_day=working)
        own_due = due_date(forward_rule, span, is_working_day=working) if forward_rule else None
        if own_due and parent_rule and late is None:
            parent_due = due_date(parent_rule, span, is_working_day=working)
            if own_due > parent_due:
                late = (span, own_due, parent_due)
        if own_due and short is None:
            days = working_days_between(unit_due, own_due, working)
            if days < minimum:
                short = (span, unit_due, own_due, days)
    if late:
        span, own_due, parent_due = late
        result.warnings.append(
            _(
                "You forward on %(own)s (period %(period)s), but %(parent)s asks for the "
                "material by %(due)s."
            )
            % {
                "own": _fmt(own_due),
                "period": span.key,
                "parent": parent_label or _("the level above"),
                "due": _fmt(parent_due),
            }
        )
    if short:
        span, unit_due, own_due, days = short
        result.warnings.append(
            _(
                "Only %(days)s working day(s) between the units' deadline (%(unit)s) and your "
                "own (%(own)s) in period %(period)s; compiling needs at least %(minimum)s."
            )
            % {
                "days": days,
                "unit": _fmt(unit_due),
                "own": _fmt(own_due),
                "period": span.key,
                "minimum": minimum,
            }
        )
    if result.warnings and forward_rule and forward_rule.anchor != "date":
        result.suggestion = _suggest(spans, unit_rule, forward_rule, parent_rule, working, minimum)
    return result


def _fits(spans, unit_rule, forward_rule, parent_rule, working, minimum) -> bool:
    for span in spans:
        unit_due = due_date(unit_rule, span, is_working_day=working)
        own_due = due_date(forward_rule, span, is_working_day=working)
        if parent_rule and own_due > due_date(parent_rule, span, is_working_day=working):
            return False
        if working_days_between(unit_due, own_due, working) < minimum:
            return False
    return True


def _suggest(spans, unit_rule, forward_rule, parent_rule, working, minimum) -> Suggestion | None:
    """The latest "on day N" for the forward that fits the parent in every period, then the
    latest "on day M" for the units that leaves the compiler `minimum` working days."""
    for forward_day in range(forward_rule.day, 0, -1):
        forward = replace(forward_rule, relation="on", day=forward_day)
        if parent_rule and any(
            due_date(forward, s, is_working_day=working)
            > due_date(parent_rule, s, is_working_day=working)
            for s in spans
        ):
            continue
        for unit_day in range(min(unit_rule.day, forward_day), 0, -1):
            unit = replace(unit_rule, relation="on", day=unit_day)
            if _fits(spans, unit, forward, parent_rule, working, minimum):
                return Suggestion(
                    forward_day=forward_day,
                    unit_day=unit_day,
                    anchor=forward_rule.anchor,
                    month=forward_rule.month,
                )
        return None
    return None


def describe_suggestion(suggestion: Suggestion) -> str:
    def words(day: int) -> str:
        return rules.describe(
            relation="on", day=day, anchor=suggestion.anchor, month=suggestion.month, date=None
        )

    return _("Latest deadlines that fit: the units send %(unit)s; you forward %(forward)s.") % {
        "unit": words(suggestion.unit_day),
        "forward": words(suggestion.forward_day),
    }


def suggest_units(*, cadence: str, starts_on: dt.date, forward_rule: DeadlineRule):
    """The latest "on day N" for the units that leaves `min_compile_days()` working days
    before `forward_rule` in each of the next twelve periods, or None."""
    if forward_rule.anchor == "date":
        return None
    spans = _spans(cadence, starts_on)
    working = rules.is_working_day_fn(spans[0].starts_on, spans[-1].ends_on)
    minimum = min_compile_days()
    for day in range(min(forward_rule.day, 31), 0, -1):
        unit = replace(forward_rule, relation="on", day=day)
        if all(
            working_days_between(
                due_date(unit, s, is_working_day=working),
                due_date(forward_rule, s, is_working_day=working),
                working,
            )
            >= minimum
            for s in spans
        ):
            return unit
    return None
