"""The append-only event log.

Rows are only ever inserted, through `services.audit_record`. `save()` refuses to update and
`delete()` refuses to delete; the migration adds database triggers that refuse the same, so
not even a raw query or the admin can rewrite history.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _now():
    # Looked up at each call (not bound once, as `default=timezone.now` would be), so the
    # demo's replay of a past month records its events at that time.
    return timezone.now()


class AuditEventQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("The audit log is append-only.")

    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("time"), default=_now, db_index=True)
    # PROTECT: an account that acted can be deactivated but never deleted, so the log always
    # leads to it (a SET_NULL would be an UPDATE, which the append-only trigger refuses).
    actor = models.ForeignKey(
        "accounts.User",
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The user name as it was at the time, shown in the log even after a rename.
    actor_repr = models.CharField(max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    # The unit whose scope the event belongs to: who may read it is decided from this.
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")

    @property
    def action_label(self) -> str:
        from .actions import action_label

        return action_label(self.action)
