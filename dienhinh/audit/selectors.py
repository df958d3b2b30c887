from django.db.models import QuerySet

from .models import AuditEvent


def events_for_unit(*, unit) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(unit=unit).select_related("actor")


def events_within(*, units) -> QuerySet[AuditEvent]:
    """Events filed under any of `units` (a queryset from the scope selector)."""
    return AuditEvent.objects.filter(unit__in=units).select_related("actor", "unit")
