"""Every outgoing e-mail, kept as a row whose state follows its delivery.

The row is written before the worker is asked to send, and its state changes only after the
mail server has answered, so a worker killed mid-send leaves a row "sending" that is queued
again (services.mail_recover) instead of a lost mail. Writes go through `services.py`.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Not sent")


# The only changes of state services.py makes; anything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    MailStatus.QUEUED: frozenset({MailStatus.SENDING, MailStatus.FAILED}),
    # back to QUEUED: a failed attempt that will be retried, or a send cut short
    MailStatus.SENDING: frozenset({MailStatus.SENT, MailStatus.QUEUED, MailStatus.FAILED}),
    MailStatus.FAILED: frozenset({MailStatus.QUEUED}),  # sent again by an administrator
    MailStatus.SENT: frozenset(),
}


def _now():
    return timezone.now()


class OutgoingMail(models.Model):
    to = models.JSONField(_("to"), default=list)
    subject = models.CharField(_("subject"), max_length=998)  # RFC 5322's line limit
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    template = models.CharField(_("template"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=_now)
    # When the current attempt began: a row "sending" for longer than the lease was cut short.
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="mail_status_created")]

    def __str__(self) -> str:
        return self.subject
