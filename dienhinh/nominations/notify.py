"""Who hears about a nomination's step, by e-mail through the worker (after commit)."""

from django.conf import settings
from django.utils.translation import gettext as _

from dienhinh.accounts.models import Membership, Role
from dienhinh.accounts.tasks import send_email

from .models import Nomination, Status


def _recipients(nomination: Nomination) -> list[str]:
    if nomination.status in (Status.SUBMITTED, Status.CONFIRMED):
        # The compilers of the unit that runs the programme, and the unit's own leaders.
        owners = Membership.objects.filter(
            unit=nomination.period.programme.owner,
            role__in=[Role.COMPILER, Role.BOARD_OFFICER],
        )
        leaders = Membership.objects.filter(unit=nomination.unit, role=Role.UNIT_LEADER)
        users = [m.user for m in [*owners.select_related("user"), *leaders.select_related("user")]]
    else:
        users = [nomination.created_by]
    return sorted({u.email for u in users if u.email and u.is_active})


def notify_status(*, nomination: Nomination, actor) -> None:
    to = [address for address in _recipients(nomination) if address != getattr(actor, "email", "")]
    if not to:
        return
    subject = _("Dienhinh: “%(headline)s” is now %(status)s") % {
        "headline": nomination.headline[:80],
        "status": nomination.get_status_display().lower(),
    }
    lines = [
        _("Unit: %(unit)s") % {"unit": nomination.unit.name},
        _("Period: %(period)s") % {"period": nomination.period.key},
        _("Step: %(status)s") % {"status": nomination.get_status_display()},
    ]
    if nomination.status == Status.RETURNED:
        lines.append(_("Reason: %(reason)s") % {"reason": nomination.return_reason})
    lines.append(f"{settings.DIENHINH_SITE_URL.rstrip('/')}/ho-so/{nomination.pk}/")
    send_email(subject=subject, body="\n".join(lines), to=to)
