from django.contrib import admin

from dienhinh.common.admin import ReadOnlyAdmin

from .models import RestructureEvent, Unit


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    """Units change only through the audited services (the unit pages)."""

    list_display = ("name", "kind", "code", "parent", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "code", "search_text")


@admin.register(RestructureEvent)
class RestructureEventAdmin(ReadOnlyAdmin):
    list_display = ("kind", "effective_date", "subject", "legal_basis", "actor", "created_at")
    list_filter = ("kind",)
