"""Editorial items: from the choice of one story (or a round-up of several) for an outlet to
its text, its approval and its schedule. Recording the publication itself, and withdrawing,
are in publication.py.

Every state change is one atomic, audited function: it locks the item at the revision the
user's page was loaded with, refuses a move `models.TRANSITIONS` does not allow, checks the
consent against the outlet's channel again, writes, and records the event.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dienhinh.accounts.scope import Action, can
from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import period_label, today
from dienhinh.common.errors import ApplicationError
from dienhinh.common.locking import lock_at_revision
from dienhinh.nominations.models import AttachmentKind, Channel, Consent, Nomination
from dienhinh.units.models import Unit

from . import checks
from .models import (
    BROADCAST_KINDS,
    TRANSITIONS,
    EditorialItem,
    ItemPhoto,
    ItemRevision,
    ItemStatus,
    ItemStory,
    Outlet,
)
from .selectors import nominations_reaching, open_items_for

TITLE_MAX = 255
ROUNDUP_MAX = 20


def require_publisher(actor, unit: Unit, action: Action = Action.PUBLISH) -> None:
    """Refuse, with a clear message, a user who does not run this unit's media."""
    if not can(actor, unit, action):
        if action == Action.APPROVE_PUBLICATION:
            message = _("Only a leader of %(unit)s or a board officer may approve its stories.")
        else:
            message = _("You do not run the media of %(unit)s: only its own people can do this.")
        raise ApplicationError(message % {"unit": unit.name})


def locked_item(item: EditorialItem, revision: int | None) -> EditorialItem:
    return lock_at_revision(
        EditorialItem.objects,
        pk=item.pk,
        revision=revision,
        message=_(
            "Someone else saved this story while you had it open. Reload the page to see "
            "their change, then try again."
        ),
    )


def move(item: EditorialItem, to: str) -> str:
    if to not in TRANSITIONS[item.status]:
        raise ApplicationError(
            _("This story is at the step “%(status)s”; it cannot move to “%(target)s”.")
            % {"status": item.get_status_display(), "target": ItemStatus(to).label}
        )
    old = item.status
    item.status = to
    item.revision += 1
    return old


def check_consent(nominations, outlet: Outlet) -> None:
    """Every story of the item needs consent for the outlet's channel, now."""
    channel = Channel(outlet.consent_channel)
    consents = {c.nomination_id: c for c in Consent.objects.filter(nomination__in=nominations)}
    for nomination in nominations:
        consent = consents.get(nomination.pk)
        if consent is None or channel not in consent.channels:
            raise ApplicationError(
                _(
                    "“%(headline)s” cannot go out on %(outlet)s: the consent to publication "
                    "does not cover %(channel)s."
                )
                % {"headline": nomination.headline, "outlet": outlet.name, "channel": channel.label}
            )


def record(actor, item: EditorialItem, action: AuditAction, **changes) -> None:
    audit_record(actor=actor, action=action, obj=item, unit=item.outlet.unit, changes=changes)


@dataclass
class Choice:
    outlet: Outlet
    nominations: list[Nomination]
    acting_unit: Unit  # the unit the user chooses for: the outlet's own, or one below


def _check_choice(actor, choice: Choice) -> None:
    outlet, unit, nominations = choice.outlet, choice.acting_unit, choice.nominations
    require_publisher(actor, unit)
    if not nominations:
        raise ApplicationError(_("Choose at least one story."), field="nominations")
    if len(nominations) > ROUNDUP_MAX:
        raise ApplicationError(
            _("A round-up holds at most %(count)s stories.") % {"count": ROUNDUP_MAX},
            field="nominations",
        )
    if not outlet.is_active:
        raise ApplicationError(_("%(outlet)s is no longer in use.") % {"outlet": outlet.name})
    if not unit.path.startswith(outlet.unit.path):
        raise ApplicationError(
            _("%(outlet)s belongs to %(owner)s, which is not above %(unit)s.")
            % {"outlet": outlet.name, "owner": outlet.unit.name, "unit": unit.name},
            field="outlet",
        )
    reaching = set(nominations_reaching(unit=unit).values_list("pk", flat=True))
    for nomination in nominations:
        if nomination.pk not in reaching:
            raise ApplicationError(
                _("“%(headline)s” has not reached %(unit)s, so it cannot choose it.")
                % {"headline": nomination.headline, "unit": unit.name},
                field="nominations",
            )
        if open_items_for(nomination=nomination, outlet=outlet).exists():
            raise ApplicationError(
                _("“%(headline)s” is already on its way to %(outlet)s.")
                % {"headline": nomination.headline, "outlet": outlet.name},
                field="nominations",
            )
    check_consent(nominations, outlet)


def _first_text(nominations: list[Nomination]) -> tuple[str, str]:
    if len(nominations) == 1:
        return nominations[0].headline, nominations[0].story
    keys = sorted({n.period.key for n in nominations})
    title = _("Good people, good deeds: %(period)s") % {
        "period": ", ".join(period_label(k) for k in keys)
    }
    body = "\n\n".join(f"{n.headline}\n{n.story.strip()}" for n in nominations)
    return title[:TITLE_MAX], body


@transaction.atomic
def item_create(*, actor, choice: Choice) -> EditorialItem:
    """Choose one story, or several for a round-up, for an outlet. The text starts from the
    nominations' headlines and stories; their photos come along with their captions as
    the description. Chosen for the unit's own outlet, it goes straight into editing;
    chosen for an outlet above, it waits there as a proposal."""
    nominations = list(
        Nomination.objects.select_for_update().filter(pk__in=[n.pk for n in choice.nominations])
    )
    nominations.sort(key=lambda n: [c.pk for c in choice.nominations].index(n.pk))
    _check_choice(actor, Choice(choice.outlet, nominations, choice.acting_unit))
    title, body = _first_text(nominations)
    item = EditorialItem.objects.create(
        outlet=choice.outlet,
        proposed_by_unit=choice.acting_unit,
        title=title,
        body=body,
        created_by=actor,
    )
    ItemStory.objects.bulk_create(
        ItemStory(item=item, nomination=n, order=i) for i, n in enumerate(nominations)
    )
    _add_photos(item, nominations)
    ItemRevision.objects.create(item=item, number=1, title=title, body=body, saved_by=actor)
    record(actor, item, AuditAction.ITEM_CREATE, outlet=choice.outlet.name, stories=nominations)
    if choice.acting_unit.pk == choice.outlet.unit_id:
        move(item, ItemStatus.EDITING)
        item.save()
        record(actor, item, AuditAction.ITEM_EDITING, status=[ItemStatus.PROPOSED, item.status])
    return item


def _add_photos(item: EditorialItem, nominations: list[Nomination]) -> None:
    order = 0
    for nomination in nominations:
        for photo in nomination.attachments.filter(kind=AttachmentKind.PHOTO):
            ItemPhoto.objects.create(
                item=item, attachment=photo, alt_text=photo.caption, order=order
            )
            order += 1


@transaction.atomic
def item_take_up(*, actor, item: EditorialItem, revision: int) -> EditorialItem:
    """The outlet's people take a proposal from below into editing."""
    item = locked_item(item, revision)
    require_publisher(actor, item.outlet.unit)
    check_consent(list(item.nominations.all()), item.outlet)
    old = move(item, ItemStatus.EDITING)
    item.save()
    record(actor, item, AuditAction.ITEM_EDITING, status=[old, item.status])
    return item


@transaction.atomic
def item_edit(*, actor, item: EditorialItem, revision: int, title: str, body: str):
    """Save the edited text in place; the previous text stays among the revisions."""
    item = locked_item(item, revision)
    require_publisher(actor, item.outlet.unit)
    if item.status != ItemStatus.EDITING:
        raise ApplicationError(
            _("The text can be changed only while the story is in editing (now: %(status)s).")
            % {"status": item.get_status_display()}
        )
    title, body = title.strip(), body.strip()
    if not title:
        raise ApplicationError(_("Give the story a title."), field="title")
    if len(title) > TITLE_MAX:
        raise ApplicationError(
            _("A title may be at most %(limit)s characters.") % {"limit": TITLE_MAX},
            field="title",
        )
    if not body:
        raise ApplicationError(_("The text cannot be empty."), field="body")
    changed = {"title": title != item.title, "body": body != item.body}
    item.title, item.body = title, body
    item.revision += 1
    item.save()
    number = item.revisions.count() + 1
    ItemRevision.objects.create(item=item, number=number, title=title, body=body, saved_by=actor)
    record(actor, item, AuditAction.ITEM_EDIT, revision=number, changed=changed)
    return item


@transaction.atomic
def item_set_photos(*, actor, item: EditorialItem, revision: int, photos: dict[int, str]):
    """Keep these photos ({photo id: its description}) and drop the others."""
    item = locked_item(item, revision)
    require_publisher(actor, item.outlet.unit)
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.EDITING):
        raise ApplicationError(_("Photos can be changed only while the story is in editing."))
    for photo in item.photos.all():
        if photo.pk in photos:
            photo.alt_text = photos[photo.pk].strip()[:255]
            photo.save(update_fields=["alt_text"])
        else:
            photo.delete()
    item.revision += 1
    item.save()
    record(actor, item, AuditAction.ITEM_PHOTO, photos=photos)
    return item


@transaction.atomic
def item_approve(*, actor, item: EditorialItem, revision: int) -> EditorialItem:
    """A leader of the outlet's unit, or a board officer, approves the text for publication:
    consent, photo descriptions and personal data are checked once more."""
    item = locked_item(item, revision)
    require_publisher(actor, item.outlet.unit, Action.APPROVE_PUBLICATION)
    nominations = list(item.nominations.all())
    check_consent(nominations, item.outlet)
    checks.check_photos_described(item)
    checks.check_no_private_data(item.title + "\n" + item.body, nominations)
    old = move(item, ItemStatus.APPROVED)
    item.approved_by, item.approved_at = actor, timezone.now()
    item.save()
    record(actor, item, AuditAction.ITEM_APPROVE, status=[old, item.status])
    return item


@transaction.atomic
def item_reopen(*, actor, item: EditorialItem, revision: int) -> EditorialItem:
    """Back to editing: the text will need approving again."""
    item = locked_item(item, revision)
    require_publisher(actor, item.outlet.unit)
    old = move(item, ItemStatus.EDITING)
    item.approved_by, item.approved_at, item.scheduled_for, item.air_time = None, None, None, None
    item.save()
    record(actor, item, AuditAction.ITEM_EDITING, status=[old, item.status])
    return item


@transaction.atomic
def item_schedule(
    *, actor, item: EditorialItem, revision: int, on: dt.date, air_time: dt.time | None = None
) -> EditorialItem:
    """Plan the day (and, for radio, television and loudspeakers, the air time)."""
    item = locked_item(item, revision)
    require_publisher(actor, item.outlet.unit)
    if on < today():
        raise ApplicationError(_("The planned date cannot be in the past."), field="on")
    if item.outlet.kind in BROADCAST_KINDS and air_time is None:
        raise ApplicationError(_("Give the air time of the broadcast."), field="air_time")
    check_consent(list(item.nominations.all()), item.outlet)
    old = move(item, ItemStatus.SCHEDULED)
    item.scheduled_for, item.air_time = on, air_time
    item.save()
    record(
        actor,
        item,
        AuditAction.ITEM_SCHEDULE,
        status=[old, item.status],
        on=on.isoformat(),
        air_time=air_time.strftime("%H:%M") if air_time else "",
    )
    return item
