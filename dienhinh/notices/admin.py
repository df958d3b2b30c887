from django.contrib import admin

from dienhinh.common.admin import ReadOnlyAdmin

from .models import Notice, ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    """Removing a row would send the reminder again on the next run."""

    list_display = ("sent_on", "kind", "period", "unit")
    list_filter = ("kind",)


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    """Notifications are written by the workflow and the reminders, and read by their user."""

    list_display = ("created_at", "user", "title", "read_at")
    list_select_related = ("user",)
    search_fields = ("title", "user__username")
