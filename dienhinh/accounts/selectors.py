from django.db.models import QuerySet

from .models import Membership


def memberships_of(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("unit", "unit__parent")


def unit_members(*, unit) -> QuerySet[Membership]:
    return Membership.objects.filter(unit=unit).select_related("user").order_by("role")
