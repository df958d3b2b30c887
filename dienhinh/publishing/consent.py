"""Publishing follows the consent: when a consent is narrowed or withdrawn, every open or
published item on an outlet whose channel it no longer covers is withdrawn, in the same
transaction, with an audit entry and a notice to the outlet's contact; the story leaves the
public portal and feeds at once (registered in apps.py, run by nominations/hooks.py)."""

from django.utils.translation import gettext as _

from . import public
from .models import OPEN, EditorialItem, ItemStatus
from .publication import withdraw_locked


def items_follow_consent(*, actor, nomination, removed: set[str], reason: str) -> None:
    items = (
        EditorialItem.objects.select_for_update(of=("self",))
        .filter(
            stories__nomination=nomination,
            status__in=[*OPEN, ItemStatus.PUBLISHED],
            outlet__consent_channel__in=removed,
        )
        .select_related("outlet")
        .order_by("pk")
    )
    text = _("Consent withdrawn for “%(name)s”: %(reason)s") % {
        "name": nomination.subject_name,
        "reason": reason,
    }
    for item in items:
        withdraw_locked(actor=actor, item=item, reason=text)
    # The portal may lose the story even with no item withdrawn (consent for e-portals gone).
    public.story_refresh(nomination_ids=[nomination.pk])
