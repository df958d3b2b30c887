"""Compiling and forwarding: a compiler gathers the accepted nominations of a period into
its batch and forwards it to the level above, which accepts or returns each one.

A batch belongs to the unit that runs the programme (e.g. the district) and a period; it
goes to the period with the same key of the programme it relays (the city's). It may be
forwarded with units still missing: they are named in it. Each state change is atomic,
audited and compares the batch's revision.
"""

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.errors import ApplicationError
from dienhinh.common.locking import lock_at_revision
from dienhinh.cycles.compliance import expected_refresh
from dienhinh.cycles.models import ExpectedUnit, Period, ReportState

from .models import Batch, BatchItem, BatchStatus, ItemReview, Nomination, Status
from .workflow import nomination_return_from_above


def batch_draft(*, period: Period) -> Batch | None:
    """The list being compiled for a period, if one is open (reads only)."""
    owner_id = period.programme.owner_id
    return Batch.objects.filter(period=period, unit_id=owner_id, status=BatchStatus.DRAFT).first()


@transaction.atomic
def batch_open(*, actor, period: Period) -> Batch:
    """The list being compiled for a period: the open draft, or a new one (a period may
    have several lists: what is accepted after one was forwarded goes in the next)."""
    draft = batch_draft(period=period)
    if draft is not None:
        return draft
    owner = period.programme.owner
    try:
        with transaction.atomic():
            batch = Batch.objects.create(period=period, unit=owner)
    except IntegrityError:  # another compiler opened it at the same moment
        return Batch.objects.get(period=period, unit=owner, status=BatchStatus.DRAFT)
    audit_record(
        actor=actor,
        action=AuditAction.BATCH_OPEN,
        obj=batch,
        unit=owner,
        changes={"period": period.key},
    )
    return batch


def batches_forwarded(*, period: Period):
    return Batch.objects.filter(period=period, status=BatchStatus.FORWARDED).order_by(
        "forwarded_at"
    )


def eligible_for(batch: Batch):
    return eligible_in(period=batch.period)


def eligible_in(*, period: Period):
    """What may go into the period's list: nominations accepted at this level, sent
    straight to this period or received from below and accepted here, and not already
    forwarded (unless the level above returned them and they were accepted again)."""
    received = BatchItem.objects.filter(
        batch__to_period=period,
        batch__status=BatchStatus.FORWARDED,
        review=ItemReview.ACCEPTED,
    ).values("nomination_id")
    already_up = BatchItem.objects.filter(
        batch__period=period,
        batch__status=BatchStatus.FORWARDED,
        review__in=[ItemReview.PENDING, ItemReview.ACCEPTED],
    ).values("nomination_id")
    return (
        Nomination.objects.filter(Q(period=period, status=Status.ACCEPTED) | Q(pk__in=received))
        .exclude(pk__in=already_up)
        .select_related("unit")
    )


def _locked(batch: Batch, revision: int | None) -> Batch:
    locked = lock_at_revision(
        Batch.objects.select_related("period__programme__parent__owner"),
        pk=batch.pk,
        revision=revision,
        message=_(
            "Someone else changed this list while you had it open. Reload the page and try again."
        ),
    )
    if locked.status != BatchStatus.DRAFT:
        raise ApplicationError(_("This list was already forwarded and can no longer change."))
    return locked


@transaction.atomic
def batch_set_items(
    *, actor, batch: Batch, revision: int, nominations: list[Nomination], note: str | None = None
):
    """Make the batch hold exactly these nominations (and keep the compiler's note)."""
    batch = _locked(batch, revision)
    allowed = set(eligible_for(batch).values_list("pk", flat=True))
    refused = [n for n in nominations if n.pk not in allowed]
    if refused:
        raise ApplicationError(
            _("“%(headline)s” has not been accepted at this level, so it cannot be forwarded.")
            % {"headline": refused[0].headline}
        )
    wanted = {n.pk for n in nominations}
    current = set(batch.items.values_list("nomination_id", flat=True))
    batch.items.filter(nomination_id__in=current - wanted).delete()
    BatchItem.objects.bulk_create(
        BatchItem(batch=batch, nomination_id=pk) for pk in sorted(wanted - current)
    )
    if note is not None:
        batch.note = note.strip()
    batch.revision += 1
    batch.save(update_fields=["revision", "note"])
    audit_record(
        actor=actor,
        action=AuditAction.BATCH_COMPILE,
        obj=batch,
        unit=batch.unit,
        changes={"count": len(wanted), "note": batch.note},
    )
    return batch


@transaction.atomic
def batch_save(
    *,
    actor,
    period: Period,
    revision: int,
    nominations: list[Nomination],
    note: str = "",
    forward: bool = False,
    also: Callable[[Batch], object] | None = None,
) -> Batch:
    """The compile page's one write: open the period's list if needed, make it hold these
    nominations and the note, and forward it if asked — all or nothing. `revision` is the
    list's revision the page showed, 0 when no list was open yet. `also` writes what other
    domains send up with the list (the activity material of dienhinh/archive), inside the
    same transaction, before the list is forwarded."""
    if period.programme.parent_id is None:
        raise ApplicationError(
            _(
                "This programme does not relay a programme of the level above: there is no "
                "list to forward."
            )
        )
    batch = batch_draft(period=period)
    if batch is None and revision != 0:  # the list the page showed was forwarded meanwhile
        raise ApplicationError(_("This list was already forwarded and can no longer change."))
    if batch is None:
        batch = batch_open(actor=actor, period=period)
        revision = batch.revision
    batch = batch_set_items(
        actor=actor, batch=batch, revision=revision, nominations=nominations, note=note
    )
    if also is not None:
        also(batch)
        batch.refresh_from_db()
    if forward:
        batch = batch_forward(actor=actor, batch=batch, revision=batch.revision, note=note)
    return batch


def missing_in(period: Period) -> list[dict]:
    rows = (
        ExpectedUnit.objects.filter(period=period, removed_on=None, state=ReportState.MISSING)
        .select_related("unit")
        .order_by("unit__name")
    )
    return [{"id": row.unit_id, "name": row.unit.name} for row in rows]


@transaction.atomic
def batch_forward(*, actor, batch: Batch, revision: int, note: str = "") -> Batch:
    batch = _locked(batch, revision)
    programme = batch.period.programme
    if programme.parent_id is None:
        raise ApplicationError(
            _(
                "This programme does not relay a programme of the level above: there is nowhere "
                "to forward to."
            )
        )
    to_period = programme.parent.periods.filter(key=batch.period.key).first()
    if to_period is None:
        raise ApplicationError(
            _("%(owner)s has no period %(key)s open to receive the list.")
            % {"owner": programme.parent.owner.name, "key": batch.period.key}
        )
    if not batch.items.exists() and not missing_in(batch.period):
        raise ApplicationError(_("The list is empty: add the accepted nominations first."))
    now = timezone.now()
    batch.status = BatchStatus.FORWARDED
    batch.to_period = to_period
    batch.missing_units = missing_in(batch.period)
    batch.note = note.strip()
    batch.forwarded_at, batch.forwarded_by = now, actor
    # Late as the receiving level sees it: after the deadline it set for this period.
    batch.is_late = timezone.localdate(now) > to_period.unit_deadline
    batch.revision += 1
    batch.save()
    # The compiler's own unit counts as reported at the level above once it has forwarded.
    expected_refresh(unit_id=batch.unit_id, period=to_period)
    audit_record(
        actor=actor,
        action=AuditAction.BATCH_FORWARD,
        obj=batch,
        unit=batch.unit,
        changes={
            "to": to_period.programme.owner.name,
            "items": batch.items.count(),
            "missing": [m["name"] for m in batch.missing_units],
            "late": batch.is_late,
        },
    )
    return batch


def _review(*, actor, item: BatchItem, review: str, reason: str = "") -> BatchItem:
    item = BatchItem.objects.select_for_update().select_related("batch").get(pk=item.pk)
    if item.batch.status != BatchStatus.FORWARDED:
        raise ApplicationError(_("This list has not been forwarded yet."))
    if item.review != ItemReview.PENDING:
        raise ApplicationError(_("A decision was already taken on this nomination."))
    item.review, item.review_reason = review, reason
    item.reviewed_by, item.reviewed_at = actor, timezone.now()
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction(f"batch_item.{review}"),
        obj=item.nomination,
        unit=item.batch.to_period.programme.owner,
        changes={"from": item.batch.unit.name, "reason": reason},
    )
    return item


@transaction.atomic
def batch_item_accept(*, actor, item: BatchItem) -> BatchItem:
    return _review(actor=actor, item=item, review=ItemReview.ACCEPTED)


@transaction.atomic
def batch_item_return(*, actor, item: BatchItem, reason: str) -> BatchItem:
    """The level above returns one nomination of a list: it goes back to the unit that
    wrote it, with the reason (and the name of the level that returned it), to complete and
    send again; the compiler below hears of it too."""
    if not reason.strip():
        raise ApplicationError(
            _("Say why it is returned, so the unit knows what to complete."), field="reason"
        )
    item = _review(actor=actor, item=item, review=ItemReview.RETURNED, reason=reason.strip())
    owner = item.batch.to_period.programme.owner
    nomination = item.nomination
    if nomination.status == Status.ACCEPTED:
        nomination_return_from_above(
            actor=actor,
            nomination=nomination,
            reason=_("%(owner)s: %(reason)s") % {"owner": owner.name, "reason": reason.strip()},
        )
    return item
