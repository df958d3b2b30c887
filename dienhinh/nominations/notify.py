"""Who hears about a nomination's step: an in-app notice written in the same transaction
as the step, in each person's own language, and an e-mail (a template triplet) that the
worker sends once the transaction has committed."""

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from dienhinh.accounts.models import Membership, Role
from dienhinh.common.dates import period_label
from dienhinh.common.mail import email_queue
from dienhinh.notices.inbox import notice_create

from .models import Nomination, Status

OWNER_ROLES = (Role.COMPILER, Role.BOARD_OFFICER)


def _users(memberships) -> list:
    return [m.user for m in memberships.select_related("user")]


def _recipients(nomination: Nomination, previous: str) -> list:
    owner = nomination.period.programme.owner
    if nomination.status in (Status.SUBMITTED, Status.CONFIRMED):
        # The compilers of the unit that runs the programme, and the unit's own leaders.
        users = _users(Membership.objects.filter(unit=owner, role__in=OWNER_ROLES))
        users += _users(Membership.objects.filter(unit=nomination.unit, role=Role.UNIT_LEADER))
    elif nomination.status == Status.DRAFT:
        # Taken back by its unit: those who saw it arrive learn it is no longer waiting.
        users = _users(Membership.objects.filter(unit=owner, role__in=OWNER_ROLES))
    else:
        users = [nomination.created_by]
    unique = {u.pk: u for u in users if u.is_active}
    return list(unique.values())


def _title(nomination: Nomination) -> str:
    if nomination.status == Status.DRAFT:
        return _("“%(headline)s” was taken back by %(unit)s") % {
            "headline": nomination.headline[:80],
            "unit": nomination.unit.name,
        }
    return _("“%(headline)s” is now %(status)s") % {
        "headline": nomination.headline[:80],
        "status": nomination.get_status_display().lower(),
    }


def _lines(nomination: Nomination) -> list[str]:
    lines = [
        _("Unit: %(unit)s") % {"unit": nomination.unit.name},
        _("Period: %(period)s") % {"period": period_label(nomination.period.key)},
        _("Step: %(status)s") % {"status": nomination.get_status_display()},
    ]
    if nomination.status == Status.RETURNED:
        lines.append(_("Reason: %(reason)s") % {"reason": nomination.return_reason})
    return lines


def notify_status(*, nomination: Nomination, actor, previous: str = "") -> None:
    """Call inside the step's transaction: the notices are part of the step."""
    users = [u for u in _recipients(nomination, previous) if u.pk != getattr(actor, "pk", None)]
    link = reverse("nominations:detail", args=[nomination.pk])
    for user in users:
        with translation.override(user.language):
            title, lines = _title(nomination), _lines(nomination)
            notice_create(user=user, title=title, body="\n".join(lines), link=link)
            if user.email:
                context = {"title": title, "lines": lines, "link": link, "user": user}
                transaction.on_commit(
                    lambda c=context, to=[user.email], lang=user.language: _mail(c, to, lang)
                )


def _mail(context: dict, to: list[str], language: str) -> None:
    email_queue(template="nominations/emails/status", context=context, to=to, language=language)
