from django.contrib import admin

from dienhinh.common.admin import ReadOnlyAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The log is append-only, even for superusers."""

    list_display = ("created_at", "actor_repr", "action", "object_repr", "unit")
    list_filter = ("action",)
    search_fields = ("actor_repr", "object_repr", "action")
