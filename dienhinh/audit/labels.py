"""Human names of audit actions, shown instead of the machine names in the log pages."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "unit.create": _("Unit created"),
    "unit.update": _("Unit details corrected"),
    "unit.rename": _("Unit renamed"),
    "unit.move": _("Unit moved"),
    "unit.dissolve": _("Unit dissolved"),
    "unit.merge": _("Units merged"),
    "unit.split": _("Unit split"),
    "unit.end": _("Unit ended"),
    "unit.import": _("Units imported"),
    "user.create": _("Account opened"),
    "user.password_change": _("Password changed"),
    "user.password_reset": _("Password reset by e-mail"),
    "membership.grant": _("Role granted"),
    "membership.revoke": _("Role withdrawn"),
    "programme.create": _("Programme created"),
    "programme.expected_edit": _("Expected units edited"),
    "period.open": _("Period opened"),
    "period.expected_change": _("Expected units follow a restructure"),
    "holiday.add": _("Holiday added"),
    "holiday.remove": _("Holiday removed"),
    "nomination.create": _("Nomination drafted"),
    "nomination.update": _("Nomination edited"),
    "nomination.submit": _("Nomination sent"),
    "nomination.confirm": _("Nomination confirmed by the leader"),
    "nomination.accept": _("Nomination accepted"),
    "nomination.return": _("Nomination returned"),
    "nomination.withdraw": _("Nomination withdrawn"),
    "nomination.link_duplicate": _("Linked as the same person"),
    "nil_report.submit": _("Nothing to report, sent"),
    "attachment.add": _("File added"),
    "attachment.remove": _("File removed"),
    "consent.record": _("Consent recorded"),
    "media.select": _("Chosen for the media"),
    "batch.compile": _("List compiled"),
    "batch.forward": _("List forwarded"),
    "batch_item.accepted": _("Forwarded nomination accepted"),
    "batch_item.returned": _("Forwarded nomination returned"),
    "reminder.send": _("Reminder sent"),
    "award.add": _("Award added"),
    "award.remove": _("Award removed"),
    "late_exception.grant": _("Late sending allowed"),
    "access.denied": _("Access refused"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
