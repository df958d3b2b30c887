"""Consent to publication, selection for a board's media, and spotting the same person
put forward twice. Each write is atomic and audited."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import fold

from .hooks import run_after_consent_change
from .models import Channel, Consent, DuplicateLink, MediaSelection, Nomination, Status

# How far back a nomination of the same person counts as "recent".
RECENT_DAYS = 400


@transaction.atomic
def consent_record(
    *, actor, nomination: Nomination, given_by: str, given_on: dt.date, channels: list[str]
) -> Consent:
    """Record (or replace) the consent to publication, for the channels it covers."""
    given_by = given_by.strip()
    if not given_by:
        raise ApplicationError(_("Say who gave the consent."), field="given_by")
    if given_on > today():
        raise ApplicationError(_("Consent cannot be dated in the future."), field="given_on")
    channels = [c for c in channels if c in Channel.values]
    if not channels:
        raise ApplicationError(
            _("Choose at least one channel the consent covers."), field="channels"
        )
    # A narrower consent withdraws the choices it no longer covers.
    previous = Consent.objects.select_for_update().filter(nomination=nomination).first()
    dropped = MediaSelection.objects.filter(nomination=nomination).exclude(channel__in=channels)
    withdrawn = list(dropped.values_list("channel", flat=True))
    dropped.delete()
    consent, _created = Consent.objects.update_or_create(
        nomination=nomination,
        defaults={
            "given_by": given_by,
            "given_on": given_on,
            "channels": channels,
            "recorded_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.CONSENT_RECORD,
        obj=nomination,
        unit=nomination.unit,
        changes={
            "given_by": given_by,
            "given_on": given_on.isoformat(),
            "channels": channels,
            "choices_withdrawn": withdrawn,
        },
    )
    removed = set(previous.channels) - set(channels) if previous else set()
    if removed:
        run_after_consent_change(
            actor=actor,
            nomination=nomination,
            removed=removed,
            reason=_("The consent no longer covers these channels."),
        )
    return consent


@transaction.atomic
def consent_withdraw(*, actor, nomination: Nomination, reason: str) -> None:
    """The person takes back the consent to publication: the consent and the choices for
    the media go, and every domain that published or planned the story follows at once
    (nominations/hooks.py)."""
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            _("Say why the consent is withdrawn (e.g. the person asked on 05/11/2023)."),
            field="reason",
        )
    consent = Consent.objects.select_for_update().filter(nomination=nomination).first()
    if consent is None:
        raise ApplicationError(_("There is no consent to withdraw."))
    channels = set(consent.channels)
    MediaSelection.objects.filter(nomination=nomination).delete()
    consent.delete()
    audit_record(
        actor=actor,
        action=AuditAction.CONSENT_WITHDRAW,
        obj=nomination,
        unit=nomination.unit,
        changes={"channels": sorted(channels), "reason": reason},
    )
    run_after_consent_change(
        actor=actor, nomination=nomination, removed=set(Channel.values), reason=reason
    )


@transaction.atomic
def nomination_select_for_media(
    *, actor, nomination: Nomination, channel: str, unit
) -> MediaSelection:
    """A board picks a nomination for one of its public channels: only an accepted one,
    and only with the person's consent for that channel."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status != Status.ACCEPTED:
        raise ApplicationError(_("Only an accepted nomination can be chosen for the media."))
    consent = Consent.objects.filter(nomination=nomination).first()
    if consent is None:
        raise ApplicationError(
            _(
                "There is no consent to publication for “%(headline)s”: it may go up the chain "
                "but cannot be chosen for public media until the consent is recorded."
            )
            % {"headline": nomination.headline}
        )
    if channel not in consent.channels:
        raise ApplicationError(
            _("The consent does not cover %(channel)s.") % {"channel": Channel(channel).label}
        )
    try:
        with transaction.atomic():
            selection = MediaSelection.objects.create(
                nomination=nomination, channel=channel, unit=unit, selected_by=actor
            )
    except IntegrityError as exc:
        raise ApplicationError(_("Already chosen for this channel.")) from exc
    audit_record(
        actor=actor,
        action=AuditAction.MEDIA_SELECT,
        obj=nomination,
        unit=unit,
        changes={"channel": channel},
    )
    return selection


def possible_duplicates(*, nomination: Nomination) -> QuerySet[Nomination]:
    """Other nominations of the same person: same folded name and either the same birth
    year or the same workplace, from another unit or a recent period."""
    name = nomination.match_key.split("|", 1)[0]
    if not name:
        return Nomination.objects.none()
    since = nomination.period.starts_on - dt.timedelta(days=RECENT_DAYS)
    linked = DuplicateLink.objects.filter(nomination=nomination).values("same_as")
    candidates = (
        Nomination.objects.filter(match_key__startswith=f"{name}|", period__starts_on__gte=since)
        .exclude(pk=nomination.pk)
        .exclude(status=Status.WITHDRAWN)
        .exclude(pk__in=linked)
        .select_related("unit", "period")
    )
    year = nomination.match_key.split("|", 1)[1]
    workplace = fold(nomination.workplace)
    ids = [
        other.pk
        for other in candidates
        if (year and other.match_key.endswith(f"|{year}"))
        or (workplace and fold(other.workplace) == workplace)
    ]
    return candidates.filter(pk__in=ids)


@transaction.atomic
def duplicates_link(*, actor, nomination: Nomination, same_as: Nomination) -> None:
    """Record that two nominations introduce the same person (both ways)."""
    if nomination.pk == same_as.pk:
        raise ApplicationError(_("A nomination cannot be linked to itself."))
    for one, other in ((nomination, same_as), (same_as, nomination)):
        DuplicateLink.objects.get_or_create(
            nomination=one, same_as=other, defaults={"linked_by": actor}
        )
    audit_record(
        actor=actor,
        action=AuditAction.NOMINATION_LINK_DUPLICATE,
        obj=nomination,
        unit=nomination.unit,
        changes={"same_as": same_as},
    )
