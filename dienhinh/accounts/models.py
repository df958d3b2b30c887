"""Users and what they may do where: a user holds memberships, each a (unit, role) pair."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The language the user chose with the switch; notices and e-mails are written in it.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="vi"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.get_username()

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.get_username()


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    COMPILER = "compiler", _("Compiler")
    BOARD_OFFICER = "board_officer", _("Board officer")
    ADMINISTRATOR = "administrator", _("Administrator")


def _today():
    from dienhinh.common.dates import today

    return today()


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    title = models.CharField(
        _("position"),
        max_length=150,
        blank=True,
        help_text=_("e.g. Specialist, Home Affairs Office"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A role is held from valid_from until valid_to (the first day without it; the same day
    # for a role that never acted). A
    # restructure that ends the unit ends its memberships (ended_by): the people keep
    # reading the unit's history, but write and grant nothing more.
    valid_from = models.DateField(_("from"), default=_today)
    valid_to = models.DateField(_("until"), null=True, blank=True)
    ended_by = models.ForeignKey(
        "units.RestructureEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["unit__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=models.Q(valid_to__isnull=True),
                name="membership_unique_current",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"

    def acts_on(self, day) -> bool:
        """Whether the role may write and grant on `day`: held then, in a unit that existed
        then. Otherwise it only reads the unit's history."""
        held = self.valid_from <= day and (self.valid_to is None or day < self.valid_to)
        return held and self.unit.is_valid_on(day)
