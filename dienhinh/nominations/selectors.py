"""Reading nominations within the user's scope: what to send, what to review."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from dienhinh.accounts.scope import Action, can, units_for
from dienhinh.common.dates import today
from dienhinh.cycles.models import ExpectedUnit, Period

from .models import NilReport, Nomination, Status

COUNTED = [Status.SUBMITTED, Status.CONFIRMED, Status.ACCEPTED]


@dataclass
class ReportingTask:
    """One unit's obligation in one period, with what it has sent so far."""

    unit: object
    period: Period
    sent: int
    drafts: int
    returned: int
    nil: NilReport | None

    @property
    def done(self) -> bool:
        return self.nil is not None or self.sent >= self.period.programme.quota

    @property
    def overdue(self) -> bool:
        return not self.done and today() > self.period.unit_deadline


def tasks_for(*, user, on: dt.date, back_days: int = 45) -> list[ReportingTask]:
    """The periods under way (or just past their deadline) in which a unit the user
    reports for is expected, newest first."""
    units = units_for(user, Action.ENTER_NOMINATIONS)
    expected = (
        ExpectedUnit.objects.filter(
            unit__in=units,
            removed_on=None,
            period__starts_on__lte=on,
            period__unit_deadline__gte=on - dt.timedelta(days=back_days),
        )
        .select_related("unit", "period__programme__owner")
        .order_by("-period__starts_on", "unit__name")
    )
    tasks = []
    for row in expected:
        counts = Nomination.objects.filter(unit=row.unit, period=row.period).aggregate(
            sent=Count("pk", filter=Q(status__in=COUNTED)),
            drafts=Count("pk", filter=Q(status=Status.DRAFT)),
            returned=Count("pk", filter=Q(status=Status.RETURNED)),
        )
        nil = NilReport.objects.filter(unit=row.unit, period=row.period).first()
        tasks.append(ReportingTask(unit=row.unit, period=row.period, nil=nil, **counts))
    return tasks


def nominations_of(*, unit, period: Period) -> QuerySet[Nomination]:
    return Nomination.objects.filter(unit=unit, period=period).exclude(status=Status.WITHDRAWN)


def to_review_for(*, user) -> QuerySet[Nomination]:
    """Nominations waiting for a decision in the programmes the user reviews."""
    owners = units_for(user, Action.REVIEW_NOMINATIONS)
    return (
        Nomination.objects.filter(
            period__programme__owner__in=owners,
            status__in=[Status.SUBMITTED, Status.CONFIRMED],
        )
        .select_related("unit", "period__programme")
        .order_by("period__unit_deadline", "submitted_at")
    )


def can_see(user, nomination: Nomination) -> bool:
    """Those who write for the unit always; everyone else who sees the unit or reviews
    for the programme only once it has been sent (a draft is the unit's own business)."""
    if can(user, nomination.unit, Action.ENTER_NOMINATIONS):
        return True
    if nomination.status in (Status.DRAFT, Status.WITHDRAWN):
        return False
    return can(user, nomination.unit, Action.VIEW) or can(
        user, nomination.period.programme.owner, Action.REVIEW_NOMINATIONS
    )


def can_review_somewhere(user) -> bool:
    return units_for(user, Action.REVIEW_NOMINATIONS).exists()


def periods_to_compile(*, user, on: dt.date, back_days: int = 45):
    """Periods of the programmes the user reviews: under way or recently due, and older
    ones while a list received from below still waits for a decision."""
    from django.db.models import Exists, OuterRef

    from .models import BatchItem, ItemReview

    owners = units_for(user, Action.REVIEW_NOMINATIONS)
    waiting = BatchItem.objects.filter(batch__to_period=OuterRef("pk"), review=ItemReview.PENDING)
    recent = Q(starts_on__lte=on, unit_deadline__gte=on - dt.timedelta(days=back_days))
    return (
        Period.objects.filter(programme__owner__in=owners)
        .filter(recent | Q(Exists(waiting)))
        .select_related("programme__owner", "programme__parent__owner")
        .order_by("-starts_on", "programme__title")
    )
