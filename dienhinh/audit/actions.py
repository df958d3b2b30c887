"""Every action the audit log records, with its human name beside it.

`audit_record` refuses an action that is not listed here, so a new state change cannot
reach the log without a label for the log pages; grep for the member to find the one
function that performs it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    UNIT_CREATE = "unit.create", _("Unit created")
    UNIT_UPDATE = "unit.update", _("Unit details corrected")
    UNIT_RENAME = "unit.rename", _("Unit renamed")
    UNIT_MOVE = "unit.move", _("Unit moved")
    UNIT_DISSOLVE = "unit.dissolve", _("Unit dissolved")
    UNIT_MERGE = "unit.merge", _("Units merged")
    UNIT_SPLIT = "unit.split", _("Unit split")
    UNIT_END = "unit.end", _("Unit ended")
    UNIT_IMPORT = "unit.import", _("Units imported")
    USER_CREATE = "user.create", _("Account opened")
    USER_PASSWORD_CHANGE = "user.password_change", _("Password changed")
    USER_PASSWORD_RESET = "user.password_reset", _("Password reset by e-mail")
    MEMBERSHIP_GRANT = "membership.grant", _("Role granted")
    MEMBERSHIP_REVOKE = "membership.revoke", _("Role withdrawn")
    PROGRAMME_CREATE = "programme.create", _("Programme created")
    PROGRAMME_EXPECTED_EDIT = "programme.expected_edit", _("Expected units edited")
    PERIOD_OPEN = "period.open", _("Period opened")
    PERIOD_EXPECTED_CHANGE = "period.expected_change", _("Expected units follow a restructure")
    HOLIDAY_ADD = "holiday.add", _("Holiday added")
    HOLIDAY_REMOVE = "holiday.remove", _("Holiday removed")
    NOMINATION_CREATE = "nomination.create", _("Nomination drafted")
    NOMINATION_UPDATE = "nomination.update", _("Nomination edited")
    NOMINATION_SUBMIT = "nomination.submit", _("Nomination sent")
    NOMINATION_CONFIRM = "nomination.confirm", _("Nomination confirmed by the leader")
    NOMINATION_ACCEPT = "nomination.accept", _("Nomination accepted")
    NOMINATION_RETURN = "nomination.return", _("Nomination returned")
    NOMINATION_WITHDRAW = "nomination.withdraw", _("Nomination withdrawn")
    NOMINATION_LINK_DUPLICATE = "nomination.link_duplicate", _("Linked as the same person")
    NIL_REPORT_SUBMIT = "nil_report.submit", _("Nothing to report, sent")
    ATTACHMENT_ADD = "attachment.add", _("File added")
    ATTACHMENT_REMOVE = "attachment.remove", _("File removed")
    CONSENT_RECORD = "consent.record", _("Consent recorded")
    MEDIA_SELECT = "media.select", _("Chosen for the media")
    BATCH_COMPILE = "batch.compile", _("List compiled")
    BATCH_FORWARD = "batch.forward", _("List forwarded")
    BATCH_ITEM_ACCEPTED = "batch_item.accepted", _("Forwarded nomination accepted")
    BATCH_ITEM_RETURNED = "batch_item.returned", _("Forwarded nomination returned")
    REMINDER_SEND = "reminder.send", _("Reminder sent")
    AWARD_ADD = "award.add", _("Award added")
    AWARD_REMOVE = "award.remove", _("Award removed")
    LATE_EXCEPTION_GRANT = "late_exception.grant", _("Late sending allowed")
    ACCESS_DENIED = "access.denied", _("Access refused")
    DISPATCH_UPLOAD = "dispatch.upload", _("Dispatch uploaded")
    DISPATCH_REGISTER = "dispatch.register", _("Dispatch registered")
    DISPATCH_UPDATE = "dispatch.update", _("Dispatch corrected")
    DISPATCH_DISCARD = "dispatch.discard", _("Upload discarded")
    DISPATCH_RELAY = "dispatch.relay", _("Dispatch relayed")
    DISPATCH_PROGRAMME = "dispatch.programme", _("Programme created from a dispatch")
    # Activity material and the 11 June archive (dienhinh/archive/)
    MATERIAL_SEND = "material.send", _("Activity material sent")
    MATERIAL_WITHDRAW = "material.withdraw", _("Activity material withdrawn")
    MATERIAL_CONSENT = "material.consent", _("Consent for material recorded")
    MATERIAL_FORWARD_CHOOSE = "material.batch", _("Material chosen to go up")
    FAVOURITE_ADD = "favourite.add", _("Marked for the 11 June collection")
    FAVOURITE_REMOVE = "favourite.remove", _("Removed from the 11 June collection")
    ARCHIVE_REQUEST = "archive.request", _("11 June archive requested")
    ARCHIVE_BUILD = "archive.build", _("11 June archive built")
    ARCHIVE_DOWNLOAD = "archive.download", _("11 June archive downloaded")


def action_label(action: str) -> str:
    """The label of a stored action; an action no longer in the list shows as stored."""
    try:
        return str(AuditAction(action).label)
    except ValueError:
        return action
