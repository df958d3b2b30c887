"""In-app notifications, and the record of every reminder sent.

A `ReminderSent` row is what makes the reminder job idempotent: it is created first, inside
the transaction that writes the notices, and its unique constraints refuse a second one for
the same period, unit and kind (services.reminders_send). Writes go through `services.py`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """One notification for one user: a short title, a body and the page it is about."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="notices")
    title = models.CharField(_("heading"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)  # a path on this site
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]

    def __str__(self) -> str:
        return self.title


class ReminderKind(models.TextChoices):
    BEFORE_DEADLINE = "before_deadline", _("Before the units' deadline")
    AFTER_DEADLINE = "after_deadline", _("After the units' deadline")
    BEFORE_FORWARD = "before_forward", _("Before the forwarding deadline")


class ReminderSent(models.Model):
    """A reminder that went out: to a unit's people, or (unit empty) to the owner's compilers."""

    period = models.ForeignKey("cycles.Period", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    sent_on = models.DateField()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "kind"], name="reminder_once"),
            # NULLs are distinct in a unique index (SQLite and PostgreSQL alike), so the
            # compilers' reminder, which has no unit, needs its own partial constraint.
            models.UniqueConstraint(
                fields=["period", "kind"],
                condition=Q(unit__isnull=True),
                name="reminder_once_for_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.unit or '—'} · {self.kind}"
