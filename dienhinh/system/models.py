"""The system's own records: the worker's heartbeat and failed tasks, the counters behind
the abuse limits, and refused requests counted per hour. All in the database, so several
web and worker processes share them (no state in a process's memory).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last sign of life of the worker on one machine (a periodic task writes it)."""

    host = models.CharField(_("machine"), max_length=255, unique=True)
    pid = models.PositiveIntegerField(_("process"), default=0)
    started_at = models.DateTimeField(_("started"))
    beat_at = models.DateTimeField(_("last heartbeat"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.host


class TaskFailure(models.Model):
    """A background task that raised: retried later, or given up."""

    task = models.CharField(_("task"), max_length=200)
    task_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    retrying = models.BooleanField(_("will be retried"), default=False)
    created_at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        verbose_name = _("failed task")
        verbose_name_plural = _("failed tasks")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.task


class Throttle(models.Model):
    """How many times `key` was used in the window that starts at `window_start`."""

    key = models.CharField(max_length=128)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="throttle_once_per_window")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.window_start:%Y-%m-%d %H:%M}"


class DeniedAccess(models.Model):
    """Refused requests of one user (or address) to one path within one hour. The first is
    also written to the audit log; the repeats are only counted here."""

    who = models.CharField(max_length=80)  # "user:<id>" or "ip:<address>"
    actor = models.ForeignKey(
        "accounts.User",
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(_("address"), max_length=255)  # "*": any further path this hour
    method = models.CharField(max_length=10, blank=True)
    action = models.CharField(_("action"), max_length=40, blank=True)
    hour = models.DateTimeField(_("hour"))
    count = models.PositiveIntegerField(_("times"), default=1)
    last_at = models.DateTimeField(_("last time"))

    class Meta:
        verbose_name = _("refused request")
        verbose_name_plural = _("refused requests")
        ordering = ["-hour", "-count"]
        constraints = [
            models.UniqueConstraint(fields=["who", "path", "hour"], name="denied_once_per_hour")
        ]
        indexes = [models.Index(fields=["hour"], name="denied_hour")]

    def __str__(self) -> str:
        return f"{self.who} {self.path}"
