"""The public copy of each story: rebuilt from the published items, in the caller's
transaction, whenever something that can show or hide it changes.

A story is public exactly while (a) at least one item carrying it is published, (b) its
consent covers the e-portals (Dienhinh's portal and feeds are an e-portal) and (c) the
nomination is not withdrawn. Its copy keeps only what may be shown: the title and text an
editor approved, the name of the person or collective, the unit, the field, the described
photos of published items and where it appeared. The public views read nothing else.
"""

from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify

from dienhinh.common.text import fold
from dienhinh.nominations.models import Consent, Nomination, Status
from dienhinh.units.models import Unit

from .channels import PORTAL_CHANNEL, covers
from .models import (
    WEB_KINDS,
    EditorialItem,
    ItemPhoto,
    ItemStatus,
    PortalState,
    PublicAppearance,
    PublicPhoto,
    PublicStory,
)

LEAD_MAX = 300


def story_refresh(*, nomination_ids) -> None:
    for nomination in Nomination.objects.filter(pk__in=set(nomination_ids)).select_related("unit"):
        _refresh(nomination)
    portal_touch()


def portal_touch() -> None:
    """Count a change of the portal (portal.portal_version)."""
    now = timezone.now()
    if not PortalState.objects.filter(pk=1).update(version=F("version") + 1, changed_at=now):
        PortalState.objects.get_or_create(pk=1, defaults={"version": 1, "changed_at": now})


def _published(nomination: Nomination) -> list[EditorialItem]:
    return list(
        EditorialItem.objects.filter(stories__nomination=nomination, status=ItemStatus.PUBLISHED)
        .select_related("outlet__unit")
        .prefetch_related("stories")
        .order_by("published_on", "pk")
    )


def _is_public(nomination: Nomination, items: list[EditorialItem]) -> bool:
    consent = Consent.objects.filter(nomination=nomination).first()
    return bool(items) and covers(consent, PORTAL_CHANNEL) and nomination.status != Status.WITHDRAWN


def _text(nomination: Nomination, items: list[EditorialItem]) -> tuple[str, str]:
    """The latest text edited for this story alone, a web one first; a round-up tells
    several stories, so a story only in round-ups shows its own headline and summary."""
    single = [item for item in items if len(item.stories.all()) == 1]
    single.sort(key=lambda item: (item.outlet.kind in WEB_KINDS, item.published_on, item.pk))
    if single:
        return single[-1].title, single[-1].body
    return nomination.headline, nomination.story


def _lead(body: str) -> str:
    first = next((p.strip() for p in body.splitlines() if p.strip()), "")
    return first if len(first) <= LEAD_MAX else first[: LEAD_MAX - 1].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def _refresh(nomination: Nomination) -> None:
    items = _published(nomination)
    if not _is_public(nomination, items):
        PublicStory.objects.filter(nomination=nomination).delete()
        return
    title, body = _text(nomination, items)
    unit = nomination.unit
    story, _created = PublicStory.objects.update_or_create(
        nomination=nomination,
        defaults={
            "unit": unit,
            "unit_path": unit.path,
            "unit_name": unit.name,
            "slug": slugify(fold(title))[:100] or "guong",
            "title": title,
            "lead": _lead(body),
            "body": body,
            "subject_name": nomination.subject_name,
            "field": nomination.field,
            "channels": " " + " ".join(sorted({i.outlet.consent_channel for i in items})) + " ",
            "month": items[0].published_on.strftime("%Y-%m"),
            "first_published_on": items[0].published_on,
            "last_published_on": items[-1].published_on,
            "search_text": fold(" ".join([title, nomination.subject_name, unit.name, body])),
            "updated_at": timezone.now(),
        },
    )
    _copy_photos(story, nomination, items)
    story.appearances.all().delete()
    PublicAppearance.objects.bulk_create(
        PublicAppearance(
            story=story,
            item=item,
            outlet=item.outlet,
            outlet_name=item.outlet.name,
            outlet_kind=item.outlet.kind,
            unit_name=item.outlet.unit.name,
            published_on=item.published_on,
            air_time=item.air_time,
            url=item.url,
            issue_number=item.issue_number,
            page=item.page,
        )
        for item in items
    )


def _copy_photos(story: PublicStory, nomination: Nomination, items) -> None:
    """The described photos of this nomination in its published items, each once."""
    story.photos.all().delete()
    photos = (
        ItemPhoto.objects.filter(item__in=items, attachment__nomination=nomination)
        .exclude(alt_text="")
        .select_related("attachment")
        .order_by("-item__published_on", "order", "pk")
    )
    seen: set[int] = set()
    rows = []
    for photo in photos:
        if photo.attachment_id in seen:
            continue
        seen.add(photo.attachment_id)
        rows.append(
            PublicPhoto(
                story=story,
                attachment=photo.attachment,
                alt_text=photo.alt_text,
                content_type=photo.attachment.content_type,
                size=photo.attachment.size,
                order=len(rows),
            )
        )
    PublicPhoto.objects.bulk_create(rows)


def stories_follow_restructure(*, event, actor) -> None:
    """A unit moved in the tree takes its public stories along: their stored path (what the
    portal's subtree filters read) is brought up to date in the restructure's transaction
    (registered in apps.py, run by units/hooks.py)."""
    current = Unit.objects.filter(pk=OuterRef("unit_id")).values("path")[:1]
    stale = list(PublicStory.objects.exclude(unit_path=Subquery(current)).select_related("unit"))
    for story in stale:
        story.unit_path, story.unit_name = story.unit.path, story.unit.name
        story.save(update_fields=["unit_path", "unit_name"])
    if stale:
        portal_touch()
