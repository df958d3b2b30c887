from django.db.models import QuerySet

from dienhinh.common.dates import today
from dienhinh.units.selectors import unit_all_predecessor_ids

from .models import Membership


def memberships_of(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("unit", "unit__parent")


def unit_members(*, unit) -> QuerySet[Membership]:
    """Who holds a role in the unit now (roles ended with the unit are history)."""
    return (
        Membership.objects.filter(unit=unit, valid_to__isnull=True, valid_from__lte=today())
        .select_related("user")
        .order_by("role", "user__username")
    )


def memberships_ended_into(*, unit) -> QuerySet[Membership]:
    """Roles that ended when the units before this one (merged into it, dissolved into it)
    ended: the people an administrator of the successor may want to give a role here."""
    predecessors = unit_all_predecessor_ids(unit_ids={unit.pk})
    return (
        Membership.objects.filter(unit_id__in=predecessors, ended_by__isnull=False)
        .exclude(user__memberships__unit=unit, user__memberships__valid_to__isnull=True)
        .select_related("user", "unit", "ended_by")
        .order_by("-valid_to", "unit__name", "user__username")
    )
