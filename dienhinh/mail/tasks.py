"""The worker's jobs for e-mail: thin wrappers around services.py."""

from django.conf import settings
from django.db import close_old_connections
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from .services import describe, mail_deliver, mail_give_up, mail_recover


@db_task(
    retries=settings.DIENHINH_MAIL_RETRIES,
    retry_delay=settings.DIENHINH_MAIL_RETRY_SECONDS,
    context=True,
)
def deliver_mail(mail_id: int, task=None) -> None:
    """Send one mail; Huey retries it while the mail server refuses or cannot be reached."""
    try:
        mail_deliver(mail_id=mail_id)
    except Exception as exc:
        if task is not None and not task.retries:
            mail_give_up(mail_id=mail_id, error=describe(exc))
        raise


@on_startup()
def recover_mail_on_start() -> None:
    """A worker that starts queues again what a dead one left half-sent."""
    close_old_connections()
    try:
        mail_recover()
    finally:
        close_old_connections()


@db_periodic_task(crontab(minute="*"))
def recover_mail() -> None:
    """Every minute, for a worker that died while others went on running."""
    mail_recover()
