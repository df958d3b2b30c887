"""The worker's own jobs: its heartbeat, the record of failed tasks, the daily clean-up."""

from django.db import close_old_connections
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, on_startup, signal
from huey.signals import SIGNAL_ERROR

from .services import heartbeat_record, system_housekeeping, task_failure_record


@db_periodic_task(crontab(minute="*"))
def worker_heartbeat() -> None:
    """Every minute: the administrators' page warns when the last one is too old."""
    heartbeat_record()


@on_startup()
def heartbeat_on_start() -> None:
    close_old_connections()
    try:
        heartbeat_record(starting=True)
    finally:
        close_old_connections()


@signal(SIGNAL_ERROR)
def record_task_failure(signal_name, task, exc=None) -> None:
    """A task raised: kept for the system page (`task.retries` is what is left to try)."""
    task_failure_record(
        task=task.name,
        task_id=str(task.id),
        error=f"{type(exc).__name__}: {exc}" if exc else "",
        retrying=bool(task.retries),
    )


@db_periodic_task(crontab(minute="40", hour="3"))
def housekeeping() -> None:
    system_housekeeping()
