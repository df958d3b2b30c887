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
    "access.denied": _("Access refused"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
