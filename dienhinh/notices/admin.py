from django.contrib import admin

from .models import Notice, ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    """Read-only: removing a row would send the reminder again on the next run."""

    list_display = ("sent_on", "kind", "period", "unit")
    list_filter = ("kind",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "title", "read_at")
    list_select_related = ("user",)
    search_fields = ("title", "user__username")
    readonly_fields = ("created_at",)
