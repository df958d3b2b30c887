"""The worker's jobs for notifications: thin wrappers around the services."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from dienhinh.common.dates import today

from .reminders import reminders_send


@db_periodic_task(crontab(minute="15", hour="*"))
def send_reminders() -> None:
    """Hourly (after cycles' open_due_periods at minute 5, so a period opened this hour is
    already there), so a worker that was down catches up within the hour it comes back."""
    reminders_send(today=today())
