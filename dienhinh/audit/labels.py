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
    "unit.import": _("Units imported"),
    "user.create": _("Account opened"),
    "membership.grant": _("Role granted"),
    "membership.revoke": _("Role withdrawn"),
    "access.denied": _("Access refused"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
