"""What the system page and the administrators' warning read."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from dienhinh.mail.models import MailStatus, OutgoingMail

from .models import DeniedAccess, TaskFailure, WorkerHeartbeat


def worker_expected() -> bool:
    """A worker must be running unless tasks run inside the web process (the tests)."""
    return not settings.HUEY.get("immediate", False)


def last_heartbeat() -> datetime | None:
    return WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()


def worker_is_stale() -> bool:
    """True when a worker should run but gave no sign of life for the last few minutes."""
    if not worker_expected():
        return False
    beat = last_heartbeat()
    limit = timedelta(minutes=settings.DIENHINH_WORKER_STALE_MINUTES)
    return beat is None or timezone.now() - beat > limit


@dataclass(frozen=True)
class SystemStatus:
    heartbeats: list[WorkerHeartbeat]
    stale: bool
    pending: int | None  # tasks waiting in the queue (None: the queue could not be read)
    scheduled: int | None  # tasks waiting for a later time, retries among them
    mail: dict[str, int]
    failures_24h: int
    retried_24h: int
    recent_failures: list[TaskFailure]
    failed_mails: list[OutgoingMail]
    denials_24h: int
    top_denials: list[DeniedAccess]


def system_status(*, details: bool) -> SystemStatus:
    """The worker's health; `details` (system administrators) adds recipients and who was
    refused where, which span every unit."""
    since = timezone.now() - timedelta(hours=24)
    failures = TaskFailure.objects.filter(created_at__gte=since)
    counts = failures.aggregate(total=Count("pk"), retried=Count("pk", filter=Q(retrying=True)))
    mail = dict(OutgoingMail.objects.values_list("status").annotate(n=Count("pk")))
    denials = DeniedAccess.objects.filter(hour__gte=since)
    return SystemStatus(
        heartbeats=list(WorkerHeartbeat.objects.order_by("-beat_at")),
        stale=worker_is_stale(),
        pending=_queue_count(HUEY.pending_count),
        scheduled=_queue_count(HUEY.scheduled_count),
        mail={status: mail.get(status, 0) for status in MailStatus.values},
        failures_24h=counts["total"],
        retried_24h=counts["retried"],
        recent_failures=list(failures[:10]),
        failed_mails=list(OutgoingMail.objects.filter(status=MailStatus.FAILED)[:20])
        if details
        else [],
        denials_24h=denials.aggregate(n=Sum("count"))["n"] or 0,
        top_denials=list(denials.select_related("actor").order_by("-count")[:10])
        if details
        else [],
    )


def _queue_count(count) -> int | None:
    try:
        return count()
    except Exception:  # the queue's server is down: the page says so instead of failing
        return None
