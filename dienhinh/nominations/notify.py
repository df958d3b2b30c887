"""Who hears about a nomination's step, by e-mail through the worker (after commit)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from dienhinh.accounts.models import Membership, Role
from dienhinh.common.mail import send_email
from dienhinh.notices.services import notice_create

from .models import Nomination, Status


def _recipients(nomination: Nomination) -> list:
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
    unique = {u.pk: u for u in users if u.is_active}
    return list(unique.values())


def notify_status(*, nomination: Nomination, actor) -> None:
    """An in-app notice for each person concerned, and an e-mail to those with an address."""
    users = [u for u in _recipients(nomination) if u.pk != getattr(actor, "pk", None)]
    if not users:
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
    link = reverse("nominations:detail", args=[nomination.pk])
    for user in users:
        notice_create(
            user=user, title=subject.removeprefix("Dienhinh: "), body="\n".join(lines), link=link
        )
    addresses = sorted({u.email for u in users if u.email})
    if addresses:
        body = "\n".join([*lines, f"{settings.DIENHINH_SITE_URL.rstrip('/')}{link}"])
        send_email(subject=subject, body=body, to=addresses)
