"""Activity material (hình ảnh, tư liệu hoạt động), the 11 June collections and their
exports.

Material is separate from nominations: photos, short videos and documents of emulation
activities (a ceremony, a campaign launch, a commendation conference). A unit sends it in
a period of the programme it reports to; the compiler picks what goes up with its list
(`BatchMaterial`); a board gathers the year's best in a `Collection` and exports it
(`ArchiveExport`). Writes go through services.py and exports.py.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MaterialKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Document")


class MaterialStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The transition map: a sent item may be withdrawn by its unit until it has gone up.
TRANSITIONS: dict[str, set[str]] = {
    MaterialStatus.SENT: {MaterialStatus.WITHDRAWN},
    MaterialStatus.WITHDRAWN: set(),
}


class PublicUse(models.TextChoices):
    """What a consent to a public use of the people shown covers."""

    EXHIBITION = "exhibition", _("11 June exhibition and yearbook")
    PORTAL = "portal", _("E-portals")
    PRESS = "press", _("Newspaper, radio and television")


class Movement(models.Model):
    """An emulation movement (phong trào thi đua) material can belong to."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    is_active = models.BooleanField(_("offered in forms"), default=True)

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Material(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(
        "cycles.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MaterialKind.choices)
    status = models.CharField(
        max_length=10, choices=MaterialStatus.choices, default=MaterialStatus.SENT
    )
    title = models.CharField(_("title of the material"), max_length=255)
    taken_on = models.DateField(_("date of the activity"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("emulation movement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(_("author or credit"), max_length=150, blank=True)
    shows_people = models.BooleanField(_("people can be recognised"), default=False)
    people_note = models.TextField(_("who is shown"), blank=True)
    # Consent of the people shown to a public use, recorded as for nominations.
    consent_given_by = models.CharField(_("consent given by"), max_length=150, blank=True)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_uses = models.JSONField(_("consent covers"), default=list, blank=True)
    file = models.FileField(upload_to="archive/%Y/%m/", max_length=255)
    # A photo's thumbnail, a video's poster frame; empty for documents.
    preview = models.FileField(upload_to="archive/%Y/%m/previews/", blank=True, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    # 64-bit difference hash of a photo (signed, as databases store 64 bits), and the first
    # copy of the same picture sent earlier by another unit: the album shows them as one.
    dhash = models.BigIntegerField(null=True, blank=True)
    same_as = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    # The album's group: the first copy's id (its own id when it is the first), so a
    # level's album pages through pictures with one GROUP BY (selectors.album_groups).
    group_key = models.BigIntegerField(null=True, blank=True, db_index=True)
    is_late = models.BooleanField(_("late"), default=False)
    sent_at = models.DateTimeField()
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("activity material")
        verbose_name_plural = _("activity material")
        ordering = ["-taken_on", "-id"]
        indexes = [
            models.Index(fields=["period", "unit"]),
            models.Index(fields=["taken_on", "id"]),
            # A level's album: its units' material of a year (selectors.album_groups).
            models.Index(fields=["unit", "taken_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_consent(self) -> bool:
        return bool(self.consent_given_by and self.consent_uses)


class BatchMaterial(models.Model):
    """Material the compiler sends up with its list (nominations.Batch), beside the
    nominations; it is fixed once the list is forwarded."""

    batch = models.ForeignKey(
        "nominations.Batch", on_delete=models.CASCADE, related_name="material_links"
    )
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="batch_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["batch", "material"], name="batch_material_once")
        ]

    def __str__(self) -> str:
        return f"{self.batch} · {self.material}"


class Collection(models.Model):
    """A board's 11 June collection for an anniversary year: material from 11/6 of the
    year before to 10/6 of `year`, marked as favourites."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("anniversary year"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="collection_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · 11/6/{self.year}"


class Favourite(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="favourites")
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="favourites")
    added_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collection", "material"], name="favourite_once")
        ]

    def __str__(self) -> str:
        return f"{self.collection} · {self.material}"


class ExportKind(models.TextChoices):
    ZIP = "zip", _("Archive (ZIP)")
    DOCX = "docx", _("Yearbook (Word)")
    PDF = "pdf", _("Yearbook (PDF)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    BUILDING = "building", _("Being built")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


EXPORT_TRANSITIONS: dict[str, set[str]] = {
    ExportStatus.QUEUED: {ExportStatus.BUILDING, ExportStatus.FAILED},
    ExportStatus.BUILDING: {ExportStatus.READY, ExportStatus.FAILED},
    ExportStatus.READY: {ExportStatus.EXPIRED},
    ExportStatus.FAILED: set(),
    ExportStatus.EXPIRED: set(),
}
LIVE_EXPORTS = [ExportStatus.QUEUED, ExportStatus.BUILDING, ExportStatus.READY]


class ArchiveExport(models.Model):
    """One build of a collection's archive or yearbook. `fingerprint` names its exact
    content: two requests for the same content share one build."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="exports")
    kind = models.CharField(max_length=8, choices=ExportKind.choices, default=ExportKind.ZIP)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    file = models.FileField(upload_to="archive/exports/", blank=True, max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    bytes_total = models.PositiveBigIntegerField(default=0)
    bytes_done = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "kind", "fingerprint"],
                condition=Q(status__in=["queued", "building", "ready"]),
                name="export_one_live_build",
            )
        ]

    def __str__(self) -> str:
        return f"{self.collection} · {self.kind} · {self.status}"

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.READY:
            return 100
        if not self.bytes_total:
            return 0
        return min(99, int(self.bytes_done * 100 / self.bytes_total))
