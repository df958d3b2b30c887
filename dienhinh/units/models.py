"""The org-unit tree, with validity dates, dated versions and lineage.

A unit keeps its identity (and so its records) through renames and moves; its dated
`UnitVersion` rows say what it was called and where it hung on any day. Merges, splits and
dissolutions end units (`valid_to`) without deleting them and link them to their successors
through `UnitLineage`. Writes go through `services.py` and `restructure.py` only.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dienhinh.common.dates import is_valid_on


class UnitKind(models.TextChoices):
    CENTRAL_BOARD = "central_board", _("Central board")
    MINISTRY = "ministry", _("Ministry")
    PROVINCE = "province", _("Province / centrally-run city")
    DEPARTMENT = "department", _("Department")
    BOARD = "board", _("Board")
    DISTRICT = "district", _("District")
    WARD = "ward", _("Ward")
    COMMUNE = "commune", _("Commune")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    OFFICE = "office", _("Office")
    PARTY_BOARD = "party_board", _("Party board")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Public service unit")
    ENTERPRISE = "enterprise", _("Enterprise")


# The kinds at the lowest tier of local government since 1/7/2025.
GRASSROOTS_KINDS = (UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE)

# Width of one id in the materialised path; 10 digits cover any id a unit table will reach.
PATH_STEP = 10


class Unit(models.Model):
    name = models.CharField(_("full name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=30,
        blank=True,
        help_text=_("Used in dispatch symbols, e.g. BTĐKT or UBND."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    code = models.CharField(_("official code"), max_length=20, blank=True, default="")
    emails = models.JSONField(_("contact e-mails"), default=list, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("The first day on which the unit no longer exists; empty while it exists."),
    )
    # Materialised path of zero-padded ids ("0000000001.0000000007."), maintained by the
    # services on create and move, so a subtree is one indexed prefix query.
    path = models.CharField(max_length=1000, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    search_text = models.CharField(max_length=600, editable=False, default="")
    # Bumped by every service that changes the row; forms carry it to refuse stale edits.
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_to__isnull=True) & ~Q(code=""),
                name="unit_code_unique_among_current",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]
        indexes = [models.Index(fields=["kind", "valid_to"])]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def is_valid_on(self, day) -> bool:
        return is_valid_on(self.valid_from, self.valid_to, day)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class RestructureKind(models.TextChoices):
    CREATE = "create", _("Creation")
    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")
    RENAME = "rename", _("Rename")
    MOVE = "move", _("Move")
    DISSOLVE = "dissolve", _("Dissolution")


class RestructureEvent(models.Model):
    """One dated restructuring act, e.g. the merge of 1/7/2025 under a resolution."""

    kind = models.CharField(_("kind"), max_length=16, choices=RestructureKind.choices)
    effective_date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    subject = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("restructuring")
        verbose_name_plural = _("restructurings")
        ordering = ["-effective_date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


class UnitLineage(models.Model):
    """predecessor → successor, written by a merge, split or dissolution."""

    event = models.ForeignKey(RestructureEvent, on_delete=models.PROTECT, related_name="links")
    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successor_links")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="predecessor_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "predecessor", "successor"], name="lineage_unique_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class UnitVersion(models.Model):
    """What a unit was called and where it hung during [valid_from, valid_to)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="versions")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=120, blank=True)
    abbreviation = models.CharField(max_length=30, blank=True)
    parent = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="child_versions"
    )
    event = models.ForeignKey(
        RestructureEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["unit_id", "valid_from"]
        indexes = [
            models.Index(fields=["parent", "valid_from"]),
            models.Index(fields=["unit", "valid_from"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d/%m/%Y}–)"
