"""The ward loudspeaker bulletin (bản tin truyền thanh): a script for a week or a month,
assembled from the loudspeaker outlet's approved stories and written to be read aloud,
edited in place (revision compared), an audio draft made by the worker, and the broadcast
that records each story in it as published. Each write is atomic and audited."""

import calendar
import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import today, vn_date
from dienhinh.common.errors import ApplicationError
from dienhinh.common.locking import lock_at_revision

from . import public, speech
from .models import Bulletin, BulletinStatus, EditorialItem, ItemStatus, Outlet, OutletKind
from .services import check_consent, move, record, require_publisher

READY = [ItemStatus.APPROVED, ItemStatus.SCHEDULED]


def period_of(*, span: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The week (Monday to Sunday) or the month holding `day`."""
    if span == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def ready_items(*, outlet: Outlet):
    """Approved stories of the outlet not yet in a bulletin still being prepared."""
    in_draft = Bulletin.objects.filter(outlet=outlet, status=BulletinStatus.DRAFT).values("items")
    return (
        EditorialItem.objects.filter(outlet=outlet, status__in=READY)
        .exclude(pk__in=in_draft)
        .order_by("scheduled_for", "approved_at")
    )


def default_title(outlet: Outlet, start: dt.date, end: dt.date, span: str) -> str:
    if span == "week":
        when = _("week of %(start)s to %(end)s") % {"start": vn_date(start), "end": vn_date(end)}
    else:
        when = _("month %(month)s/%(year)s") % {"month": start.month, "year": start.year}
    return _("Loudspeaker bulletin of %(unit)s, %(when)s") % {
        "unit": outlet.unit.name,
        "when": when,
    }


def assemble_script(*, outlet: Outlet, items: list[EditorialItem], title: str) -> str:
    """The words to be read, in order: greeting, each story, closing."""
    parts = [
        speech.spoken(title) + ".",
        _("Dear fellow residents! Here is the section “Good people, good deeds” of %(unit)s.")
        % {"unit": speech.spoken(outlet.unit.name)},
    ]
    for number, item in enumerate(items, start=1):
        parts.append(
            _("Story %(number)s: %(title)s.")
            % {"number": speech.number_words(number), "title": speech.spoken(item.title)}
        )
        parts.append(speech.spoken(item.body))
    parts.append(
        _(
            "Dear fellow residents, that was the section “Good people, good deeds”. Thank you "
            "for listening."
        )
    )
    return "\n\n".join(parts)


def reading_minutes(bulletin: Bulletin) -> int:
    return speech.reading_minutes(bulletin.script, pace=settings.PUBLISHING_READING_PACE)


@transaction.atomic
def bulletin_create(*, actor, outlet: Outlet, span: str, day: dt.date, items) -> Bulletin:
    require_publisher(actor, outlet.unit)
    if outlet.kind != OutletKind.LOUDSPEAKER:
        raise ApplicationError(_("A bulletin is made for a loudspeaker system."))
    ready = set(ready_items(outlet=outlet).values_list("pk", flat=True))
    chosen = [item for item in items if item.pk in ready]
    if not chosen or len(chosen) != len(items):
        raise ApplicationError(
            _("Choose at least one approved story of %(outlet)s that is in no other bulletin.")
            % {"outlet": outlet.name},
            field="items",
        )
    start, end = period_of(span=span, day=day)
    title = default_title(outlet, start, end, span)
    bulletin = Bulletin.objects.create(
        outlet=outlet,
        starts_on=start,
        ends_on=end,
        title=title,
        script=assemble_script(outlet=outlet, items=chosen, title=title),
        created_by=actor,
    )
    bulletin.items.set(chosen)
    audit_record(
        actor=actor,
        action=AuditAction.BULLETIN_CREATE,
        obj=bulletin,
        unit=outlet.unit,
        changes={"from": start.isoformat(), "to": end.isoformat(), "items": chosen},
    )
    return bulletin


def _locked(bulletin: Bulletin, revision: int | None) -> Bulletin:
    bulletin = lock_at_revision(
        Bulletin.objects,
        pk=bulletin.pk,
        revision=revision,
        message=_(
            "Someone else saved this bulletin while you had it open. Reload the page to see "
            "their change, then try again."
        ),
    )
    if bulletin.status != BulletinStatus.DRAFT:
        raise ApplicationError(_("This bulletin has been broadcast and can no longer change."))
    return bulletin


@transaction.atomic
def bulletin_edit(*, actor, bulletin: Bulletin, revision: int, title: str, script: str):
    bulletin = _locked(bulletin, revision)
    require_publisher(actor, bulletin.outlet.unit)
    title, script = title.strip(), script.strip()
    if not title or not script:
        raise ApplicationError(_("The bulletin needs a title and a script."), field="script")
    bulletin.title, bulletin.script = title[:255], script
    bulletin.revision += 1
    bulletin.save()
    audit_record(
        actor=actor,
        action=AuditAction.BULLETIN_EDIT,
        obj=bulletin,
        unit=bulletin.outlet.unit,
        changes={"revision": bulletin.revision},
    )
    return bulletin


@transaction.atomic
def bulletin_broadcast(
    *, actor, bulletin: Bulletin, revision: int, on: dt.date, air_time: dt.time | None
) -> Bulletin:
    """The bulletin went on air: each story in it is recorded as broadcast then."""
    bulletin = _locked(bulletin, revision)
    require_publisher(actor, bulletin.outlet.unit)
    if air_time is None:
        raise ApplicationError(_("Give the time it went on air."), field="air_time")
    if on > today():
        raise ApplicationError(_("A broadcast cannot be recorded before it happens."), field="on")
    items = list(bulletin.items.select_for_update().order_by("pk"))
    for item in items:
        _broadcast_item(actor, item, on=on, air_time=air_time)
    bulletin.status, bulletin.broadcast_on, bulletin.air_time = (
        BulletinStatus.BROADCAST,
        on,
        air_time,
    )
    bulletin.revision += 1
    bulletin.save()
    audit_record(
        actor=actor,
        action=AuditAction.BULLETIN_BROADCAST,
        obj=bulletin,
        unit=bulletin.outlet.unit,
        changes={"on": on.isoformat(), "air_time": air_time.strftime("%H:%M"), "items": items},
    )
    ids = [story.nomination_id for item in items for story in item.stories.all()]
    public.story_refresh(nomination_ids=ids)
    return bulletin


def _broadcast_item(actor, item: EditorialItem, *, on: dt.date, air_time: dt.time) -> None:
    if item.status not in READY:
        raise ApplicationError(
            _(
                "“%(title)s” is no longer approved (%(status)s): assemble the bulletin again "
                "without it."
            )
            % {"title": item.title, "status": item.get_status_display().lower()}
        )
    if item.approved_at and on < item.approved_at.date():
        raise ApplicationError(
            _("“%(title)s” was approved on %(day)s: it cannot have been broadcast before that.")
            % {"title": item.title, "day": vn_date(item.approved_at)},
            field="on",
        )
    check_consent(list(item.nominations.all()), item.outlet)
    if item.status == ItemStatus.APPROVED:
        old = move(item, ItemStatus.SCHEDULED)
        item.scheduled_for, item.air_time = on, air_time
        item.save()
        record(actor, item, AuditAction.ITEM_SCHEDULE, status=[old, item.status])
    old = move(item, ItemStatus.PUBLISHED)
    item.published_on, item.air_time = on, air_time
    item.save()
    record(
        actor,
        item,
        AuditAction.ITEM_PUBLISH,
        status=[old, item.status],
        published_on=on.isoformat(),
        air_time=air_time.strftime("%H:%M"),
    )
