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
    MEMBERSHIP_END = "membership.end", _("Role ended with its unit")
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
    NOMINATION_RECALL = "nomination.recall", _("Nomination taken back by its unit")
    NOMINATION_LINK_DUPLICATE = "nomination.link_duplicate", _("Linked as the same person")
    NIL_REPORT_SUBMIT = "nil_report.submit", _("Nothing to report, sent")
    ATTACHMENT_ADD = "attachment.add", _("File added")
    ATTACHMENT_REMOVE = "attachment.remove", _("File removed")
    CONSENT_RECORD = "consent.record", _("Consent recorded")
    MEDIA_SELECT = "media.select", _("Chosen for the media")
    BATCH_OPEN = "batch.open", _("List started")
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
    DISPATCH_READ = "dispatch.read", _("Dispatch read")
    DISPATCH_READ_FAILED = "dispatch.read_failed", _("Dispatch could not be read")
    DISPATCH_CORRECT_TEXT = "dispatch.correct_text", _("Recognised text of a dispatch corrected")
    # Official documents (dienhinh/documents)
    DOCUMENT_SETTINGS_SAVE = "document.settings_save", _("Document settings saved")
    DOCUMENT_TEMPLATE_REPLACE = "document.template_replace", _("Document template replaced")
    DOCUMENT_TEMPLATE_RESET = "document.template_reset", _("Default document template restored")
    DOCUMENT_PDF_REQUEST = "document.pdf_request", _("PDF of a document requested")
    DOCUMENT_PDF_DONE = "document.pdf_done", _("PDF of a document made")
    DOCUMENT_PDF_FAIL = "document.pdf_fail", _("PDF of a document failed")
    DOCUMENT_SIGNED_UPLOAD = "document.signed_upload", _("Signed copy uploaded and registered")
    # The administration site and the system's health
    ADMIN_DELETE = "admin.delete", _("Deleted in the administration site")
    MAIL_REQUEUE = "mail.requeue", _("Failed e-mails sent again")
    # Publishing (dienhinh/publishing/): outlets, editorial items, bulletins.
    CONSENT_WITHDRAW = "consent.withdraw", _("Consent withdrawn")
    OUTLET_CREATE = "outlet.create", _("Outlet added")
    OUTLET_UPDATE = "outlet.update", _("Outlet details corrected")
    ITEM_CREATE = "item.create", _("Story chosen for an outlet")
    ITEM_EDITING = "item.editing", _("Story taken into editing")
    ITEM_EDIT = "item.edit", _("Story text edited")
    ITEM_PHOTO = "item.photo", _("Story photos chosen")
    ITEM_APPROVE = "item.approve", _("Story approved for publication")
    ITEM_SCHEDULE = "item.schedule", _("Publication scheduled")
    ITEM_PUBLISH = "item.publish", _("Publication recorded")
    ITEM_EVIDENCE = "item.evidence", _("Publication evidence added")
    ITEM_WITHDRAW = "item.withdraw", _("Story withdrawn from an outlet")
    BULLETIN_CREATE = "bulletin.create", _("Loudspeaker bulletin assembled")
    BULLETIN_EDIT = "bulletin.edit", _("Loudspeaker bulletin edited")
    BULLETIN_AUDIO = "bulletin.audio", _("Bulletin audio draft made")
    BULLETIN_BROADCAST = "bulletin.broadcast", _("Loudspeaker bulletin broadcast")


def action_label(action: str) -> str:
    """The label of a stored action; an action no longer in the list shows as stored."""
    try:
        return str(AuditAction(action).label)
    except ValueError:
        return action
