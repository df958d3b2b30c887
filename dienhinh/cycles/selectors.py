"""Reading programmes and periods, always within the user's scope."""

import datetime as dt

from django.db.models import Q, QuerySet

from dienhinh.accounts.scope import Action, units_for
from dienhinh.units.models import UnitKind

from .models import ExpectedUnit, Holiday, Period, Programme


def programmes_for(user) -> QuerySet[Programme]:
    """Programmes run by a unit the user can see, or expecting a report from one."""
    visible = units_for(user, Action.VIEW)
    expecting = ExpectedUnit.objects.filter(unit__in=visible).values("period__programme_id")
    return (
        Programme.objects.filter(Q(owner__in=visible) | Q(pk__in=expecting))
        .select_related("owner", "parent", "parent__owner")
        .distinct()
    )


def period_current(*, programme: Programme, on: dt.date) -> Period | None:
    return programme.periods.filter(starts_on__lte=on, ends_on__gte=on).first()


def period_expected(*, period: Period) -> QuerySet[ExpectedUnit]:
    return period.expected.select_related("unit").order_by("removed_on", "unit__name")


def programmes_relayable_for(user) -> QuerySet[Programme]:
    """Programmes a new programme may relay: those run above a unit the user manages."""
    ancestor_ids: set[int] = set()
    for unit in units_for(user, Action.MANAGE_PROGRAMMES).only("path"):
        ancestor_ids |= {int(step) for step in unit.path.split(".") if step}
    return Programme.objects.filter(owner_id__in=ancestor_ids, is_active=True).select_related(
        "owner"
    )


def holidays_in(*, year: int) -> QuerySet[Holiday]:
    return Holiday.objects.filter(date__year=year)


def can_edit_holidays(user) -> bool:
    """The national holiday list belongs to the system administrators: superusers and
    administrators of a central body."""
    if user.is_superuser:
        return True
    central = units_for(user, Action.MANAGE_UNITS).filter(
        kind__in=[UnitKind.CENTRAL_BOARD, UnitKind.MINISTRY]
    )
    return central.exists()


def units_addable(*, programme: Programme, on: dt.date):
    """Units under the programme's owner, in existence, that the period under way does not
    expect yet: what a manager may add by hand."""
    from dienhinh.units.selectors import unit_subtree

    current = period_current(programme=programme, on=on)
    expected = current.expected.filter(removed_on=None).values("unit_id") if current else []
    return (
        unit_subtree(unit=programme.owner, on=on, include_self=False)
        .exclude(pk__in=expected)
        .order_by("path")
    )
