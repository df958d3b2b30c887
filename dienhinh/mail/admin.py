from django.contrib import admin

from dienhinh.common.admin import ReadOnlyAdmin

from .models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyAdmin):
    """The record of what was sent: written by the mail services only."""

    list_display = ("created_at", "subject", "status", "attempts", "sent_at")
    list_filter = ("status",)
    search_fields = ("subject",)
