"""Outgoing e-mail: queue it, deliver it, recover what a dead worker left half-sent.

Each mail is a row (models.OutgoingMail) written before the worker is asked to send it, and
its state moves only along models.TRANSITIONS, by conditional updates, so two workers never
both claim one mail. Delivery is at least once: a worker killed after the mail server took
the message but before the row said "sent" sends it once more; a mail is never lost.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record

from .models import TRANSITIONS, MailStatus, OutgoingMail

logger = logging.getLogger(__name__)
ERROR_MAX = 2000


class MailNotReady(Exception):
    """The row is not visible yet (the transaction that queued it has not committed, or it
    rolled back): the task is retried, and gives up quietly if the row never appears."""


def mail_queue(
    *, to: list[str], subject: str, body: str, html: str = "", template: str = ""
) -> OutgoingMail:
    """Keep the mail, then ask the worker to send it. Inside a transaction the row appears
    to the worker only when the transaction commits, and never if it rolls back."""
    mail = OutgoingMail.objects.create(
        to=list(to), subject=subject[:998], body=body, html=html or "", template=template
    )
    _enqueue(mail.pk)
    return mail


def mail_deliver(*, mail_id: int) -> bool:
    """Send one queued mail; True when this call sent it. Raises whatever the mail server
    raised (the row goes back to "queued" with the error), for the task to retry."""
    claimed = _move(
        mail_id,
        MailStatus.QUEUED,
        MailStatus.SENDING,
        attempts=F("attempts") + 1,
        sending_since=timezone.now(),
    )
    if not claimed:
        if not OutgoingMail.objects.filter(pk=mail_id).exists():
            raise MailNotReady(mail_id)
        return False  # sent already, being sent by another worker, or given up
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        _send(mail)
    except Exception as exc:
        _move(mail_id, MailStatus.SENDING, MailStatus.QUEUED, last_error=describe(exc))
        raise
    _move(mail_id, MailStatus.SENDING, MailStatus.SENT, sent_at=timezone.now(), last_error="")
    return True


def mail_give_up(*, mail_id: int, error: str) -> None:
    """The last retry failed: the mail stays "not sent" until an administrator sends it again."""
    _move(mail_id, MailStatus.QUEUED, MailStatus.FAILED, last_error=error[:ERROR_MAX])


def mail_recover(*, lease_seconds: int | None = None) -> int:
    """Queue again the mails left "sending" for longer than the lease (their worker died
    mid-send). Run when a worker starts and every minute; returns how many were queued."""
    lease = settings.DIENHINH_MAIL_SENDING_LEASE_SECONDS if lease_seconds is None else lease_seconds
    cutoff = timezone.now() - timedelta(seconds=lease)
    stuck = OutgoingMail.objects.filter(status=MailStatus.SENDING, sending_since__lte=cutoff)
    recovered = 0
    for mail_id in stuck.values_list("pk", flat=True):
        note = "The worker stopped while sending; queued again."
        if _move(mail_id, MailStatus.SENDING, MailStatus.QUEUED, last_error=note):
            logger.warning("E-mail %s was cut short by a stopped worker; queued again.", mail_id)
            _enqueue(mail_id)
            recovered += 1
    return recovered


@transaction.atomic
def mail_requeue_failed(*, actor) -> int:
    """Send again every mail that was given up (after the mail server was fixed)."""
    ids = list(
        OutgoingMail.objects.select_for_update()
        .filter(status=MailStatus.FAILED)
        .values_list("pk", flat=True)
    )
    ids = [pk for pk in ids if _move(pk, MailStatus.FAILED, MailStatus.QUEUED)]
    if ids:
        audit_record(actor=actor, action=AuditAction.MAIL_REQUEUE, changes={"mails": ids})
        transaction.on_commit(lambda: [_enqueue(pk) for pk in ids])
    return len(ids)


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_MAX]


def _move(mail_id: int, old: str, new: str, **fields) -> bool:
    """Change the state if it still is `old`; False when another worker got there first."""
    if new not in TRANSITIONS[old]:
        raise ValueError(f"An outgoing e-mail cannot go from {old} to {new}.")
    if old == MailStatus.SENDING:
        fields.setdefault("sending_since", None)
    updated = OutgoingMail.objects.filter(pk=mail_id, status=old).update(status=new, **fields)
    return updated == 1


def _send(mail: OutgoingMail) -> None:
    message = EmailMultiAlternatives(subject=mail.subject, body=mail.body, to=mail.to)
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    message.send()


def _enqueue(mail_id: int) -> None:
    from .tasks import deliver_mail  # the task module imports this one

    deliver_mail(mail_id)
