"""The worker's jobs for reporting cycles: thin wrappers around the services."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from dienhinh.common.dates import today

from .services import periods_open_due


@db_periodic_task(crontab(minute="5", hour="*"))
def open_due_periods() -> None:
    """Hourly, so a worker that was down catches up within the hour it comes back."""
    periods_open_due(today=today())
