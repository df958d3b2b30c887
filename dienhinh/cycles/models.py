"""Reporting programmes, their periods, the units expected in each, and public holidays.

A programme is run by an owner unit for units below it ("every month at least 01 example,
before the 15th"). Its periods open on their own; when one opens, the set of expected units
is snapshotted (`ExpectedUnit`), so later restructures change only the periods they fall in
and old periods keep their figures. Writes go through `services.py`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Cadence(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")
    ONCE = "once", _("One-off")


class Relation(models.TextChoices):
    BEFORE = "before", _("before day")
    ON = "on", _("on day")


class Anchor(models.TextChoices):
    MONTH = "month", _("of the month")
    LAST_MONTH_OF_QUARTER = "last_month_of_quarter", _("of the last month of the quarter")
    YEAR = "year", _("of the month below, each year")
    DATE = "date", _("a fixed date")


class Roll(models.TextChoices):
    KEEP = "keep", _("Keep the date even on a weekend or holiday")
    NEXT_WORKING_DAY = "next_working_day", _("Move to the next working day")


class ExpectedReach(models.TextChoices):
    CHILDREN = "children", _("Units directly under the owner")
    SUBTREE = "subtree", _("All units below the owner")


class Holiday(models.Model):
    """A public holiday (or compensatory day off): not a working day for deadlines."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class Programme(models.Model):
    owner = models.ForeignKey(
        "units.Unit", verbose_name=_("run by"), on_delete=models.PROTECT, related_name="programmes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("relays the programme of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relays",
        help_text=_("The programme one level up that this one implements."),
    )
    # The top programme of its relay chain (itself at the top): the city's 785, the
    # district's relay of it and the wards' relays share one chain, which the dashboard
    # reads as one; another programme for the same units is another chain.
    chain = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="chain_members"
    )
    title = models.CharField(_("title"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    cadence = models.CharField(_("cadence"), max_length=16, choices=Cadence.choices)
    quota = models.PositiveSmallIntegerField(_("minimum per unit and period"), default=1)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    expected_kinds = models.JSONField(_("kinds of units expected"), default=list)
    expected_reach = models.CharField(
        _("expected units"),
        max_length=16,
        choices=ExpectedReach.choices,
        default=ExpectedReach.CHILDREN,
    )
    # The units' deadline and the owner's own forwarding deadline (empty at the top level).
    unit_relation = models.CharField(max_length=8, choices=Relation.choices)
    unit_day = models.PositiveSmallIntegerField(null=True, blank=True)
    unit_month = models.PositiveSmallIntegerField(null=True, blank=True)
    unit_date = models.DateField(null=True, blank=True)
    forward_relation = models.CharField(max_length=8, choices=Relation.choices, blank=True)
    forward_day = models.PositiveSmallIntegerField(null=True, blank=True)
    forward_month = models.PositiveSmallIntegerField(null=True, blank=True)
    forward_date = models.DateField(null=True, blank=True)
    roll = models.CharField(
        _("weekends and holidays"), max_length=20, choices=Roll.choices, default=Roll.KEEP
    )
    lock_after_deadline = models.BooleanField(
        _("refuse submissions after the deadline"), default=False
    )
    # What each example must come with; a unit sending one without it is asked to confirm.
    expects_photos = models.BooleanField(_("each example comes with photos"), default=False)
    expects_report = models.BooleanField(
        _("each example comes with its achievement report"), default=False
    )
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(quota__gte=1), name="programme_quota_positive"),
            models.CheckConstraint(
                condition=Q(unit_day__isnull=True) | Q(unit_day__gte=1, unit_day__lte=31),
                name="programme_unit_day_in_month",
            ),
            models.CheckConstraint(
                condition=Q(forward_day__isnull=True) | Q(forward_day__gte=1, forward_day__lte=31),
                name="programme_forward_day_in_month",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def anchor(self) -> str:
        return {
            Cadence.MONTHLY: Anchor.MONTH,
            Cadence.QUARTERLY: Anchor.LAST_MONTH_OF_QUARTER,
            Cadence.YEARLY: Anchor.YEAR,
            Cadence.ONCE: Anchor.DATE,
        }[self.cadence]


class ProgrammeUnitChoice(models.Model):
    """A unit added to, or left out of, the expected set by hand."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="choices")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    included = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "unit"], name="programme_choice_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {'+' if self.included else '-'}"


class Period(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="periods")
    key = models.CharField(max_length=16)  # "2023-10", "2023-Q4", "2023", "once"
    starts_on = models.DateField()
    ends_on = models.DateField()
    unit_deadline = models.DateField(_("units' deadline"))
    forward_deadline = models.DateField(_("forwarding deadline"), null=True, blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["programme_id", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="period_unique_key")
        ]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.programme} · {self.key}"


class ReportState(models.TextChoices):
    MISSING = "missing", _("Missing")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")


class ExpectedUnit(models.Model):
    """A unit expected to report in a period: snapshotted when the period opens.

    It also carries the unit's live figures for the period (what it sent, when, what was
    accepted), kept up to date by the nomination services in the same transaction as each
    change (compliance.expected_refresh), so dashboards read one row per unit instead of
    counting nominations: live figures, no nightly job.
    """

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="expected")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    added_on = models.DateField()
    removed_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=255, blank=True)
    # Copies for fast roll-ups: the period's key and owner, and where the unit hung in the
    # tree when it became expected (a roll-up groups by path prefix).
    period_key = models.CharField(max_length=16, default="")
    unit_path = models.CharField(max_length=1000, default="")
    programme_chain = models.BigIntegerField(default=0)  # the chain of the period's programme
    sent = models.PositiveIntegerField(default=0)  # submitted, confirmed or accepted
    accepted = models.PositiveIntegerField(default=0)
    nil = models.BooleanField(default=False)
    first_sent_on = models.DateField(null=True, blank=True)
    state = models.CharField(
        max_length=10, choices=ReportState.choices, default=ReportState.MISSING
    )
    quota_met = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="expected_unit_unique")
        ]
        indexes = [
            models.Index(fields=["unit", "period"]),
            # Pattern opclasses so PostgreSQL (C.UTF-8 collation) serves "unit_path LIKE
            # 'prefix%'" from the index: one province's rows, not the whole country's
            # (docs/performance.md). SQLite ignores opclasses.
            models.Index(
                fields=["programme_chain", "period_key", "unit_path"],
                name="expected_chain_rollup",
                opclasses=["int8_ops", "varchar_pattern_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.unit}"
