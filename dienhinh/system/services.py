"""The system's own writes: the worker's heartbeat, failed tasks, and clearing old counters.

No audit events: these are the machine's records of itself, not anybody's action.
"""

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import DeniedAccess, TaskFailure, Throttle, WorkerHeartbeat

ERROR_MAX = 2000


def heartbeat_record(*, starting: bool = False) -> WorkerHeartbeat:
    """The worker on this machine is alive now (and, when `starting`, has just started)."""
    now = timezone.now()
    defaults = {"beat_at": now, "pid": os.getpid()}
    beat, created = WorkerHeartbeat.objects.update_or_create(
        host=socket.gethostname()[:255],
        defaults=defaults,
        create_defaults={**defaults, "started_at": now},
    )
    if starting and not created:
        WorkerHeartbeat.objects.filter(pk=beat.pk).update(started_at=now)
    return beat


def task_failure_record(*, task: str, task_id: str, error: str, retrying: bool) -> TaskFailure:
    return TaskFailure.objects.create(
        task=task[:200],
        task_id=task_id[:64],
        error=error[:ERROR_MAX],
        retrying=retrying,
        created_at=timezone.now(),
    )


def system_housekeeping() -> dict[str, int]:
    """Delete counters and records past their use (run daily; running it twice is harmless)."""
    now = timezone.now()
    keep = timedelta(days=settings.DIENHINH_SYSTEM_KEEP_DAYS)
    return {
        "throttles": Throttle.objects.filter(window_start__lt=now - timedelta(days=1)).delete()[0],
        "denials": DeniedAccess.objects.filter(hour__lt=now - keep).delete()[0],
        "failures": TaskFailure.objects.filter(created_at__lt=now - keep).delete()[0],
    }
