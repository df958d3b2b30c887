from django.db.models import QuerySet

from .models import AuditEvent


def events_for_unit(*, unit) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(unit=unit).select_related("actor")


def events_within(*, units, everything: bool = False) -> QuerySet[AuditEvent]:
    """Events filed under any of `units` (a queryset from the scope selector); with
    `everything` (system administrators) also the events filed under no unit: imports,
    holidays, refused attempts on pages without a unit."""
    events = AuditEvent.objects.all() if everything else AuditEvent.objects.filter(unit__in=units)
    return events.select_related("actor", "unit")
