from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, even for superusers."""

    list_display = ("created_at", "actor_repr", "action", "object_repr", "unit")
    list_filter = ("action",)
    search_fields = ("actor_repr", "object_repr", "action")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
