from django.contrib import admin

from .models import RestructureEvent, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Read-only here: units change only through the audited services (the unit pages)."""

    list_display = ("name", "kind", "code", "parent", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "code", "search_text")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RestructureEvent)
class RestructureEventAdmin(admin.ModelAdmin):
    list_display = ("kind", "effective_date", "subject", "legal_basis", "actor", "created_at")
    list_filter = ("kind",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
