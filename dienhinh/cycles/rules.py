"""From a programme's stored fields to deadline rules, due dates and words."""

import datetime as dt

from django.utils.translation import gettext as _

from dienhinh.common.dates import vn_date

from .deadlines import DeadlineRule, PeriodSpan, due_date, period_containing, weekday_rule
from .models import Anchor, Holiday, Programme, Relation


def unit_rule(programme: Programme) -> DeadlineRule:
    return DeadlineRule(
        relation=programme.unit_relation,
        day=programme.unit_day or 1,
        anchor=programme.anchor,
        month=programme.unit_month,
        date=programme.unit_date,
        roll=programme.roll,
    )


def forward_rule(programme: Programme) -> DeadlineRule | None:
    if not programme.forward_relation:
        return None
    return DeadlineRule(
        relation=programme.forward_relation,
        day=programme.forward_day or 1,
        anchor=programme.anchor,
        month=programme.forward_month,
        date=programme.forward_date,
        roll=programme.roll,
    )


def is_working_day_fn(start: dt.date, end: dt.date):
    """Monday–Friday except the holidays stored for the dates around [start, end]."""
    holidays = set(
        Holiday.objects.filter(
            date__gte=start - dt.timedelta(days=10), date__lte=end + dt.timedelta(days=70)
        ).values_list("date", flat=True)
    )
    return weekday_rule(holidays)


def span_for(programme: Programme, day: dt.date) -> PeriodSpan:
    return period_containing(
        programme.cadence,
        day,
        once_start=programme.starts_on,
        once_end=programme.ends_on or programme.starts_on,
    )


def deadlines_for(programme: Programme, span: PeriodSpan) -> tuple[dt.date, dt.date | None]:
    working = is_working_day_fn(span.starts_on, span.ends_on)
    unit_due = due_date(unit_rule(programme), span, is_working_day=working)
    rule = forward_rule(programme)
    forward_due = due_date(rule, span, is_working_day=working) if rule else None
    return unit_due, forward_due


def describe(
    *, relation: str, day: int | None, anchor: str, month: int | None, date: dt.date | None
) -> str:
    """ "before day 15 of the month", in the active language."""
    if anchor == Anchor.DATE:
        text = vn_date(date) if date else "—"
        return (_("before %(date)s") if relation == Relation.BEFORE else _("on %(date)s")) % {
            "date": text
        }
    templates = {
        (Relation.BEFORE, Anchor.MONTH): _("before day %(day)s of each month"),
        (Relation.ON, Anchor.MONTH): _("on day %(day)s of each month"),
        (Relation.BEFORE, Anchor.LAST_MONTH_OF_QUARTER): _(
            "before day %(day)s of the last month of each quarter"
        ),
        (Relation.ON, Anchor.LAST_MONTH_OF_QUARTER): _(
            "on day %(day)s of the last month of each quarter"
        ),
        (Relation.BEFORE, Anchor.YEAR): _("before %(day)s/%(month)s each year"),
        (Relation.ON, Anchor.YEAR): _("on %(day)s/%(month)s each year"),
    }
    return templates[(relation, anchor)] % {"day": day, "month": month}


def describe_unit_rule(programme: Programme) -> str:
    return describe(
        relation=programme.unit_relation,
        day=programme.unit_day,
        anchor=programme.anchor,
        month=programme.unit_month,
        date=programme.unit_date,
    )


def describe_forward_rule(programme: Programme) -> str:
    if not programme.forward_relation:
        return ""
    return describe(
        relation=programme.forward_relation,
        day=programme.forward_day,
        anchor=programme.anchor,
        month=programme.forward_month,
        date=programme.forward_date,
    )
