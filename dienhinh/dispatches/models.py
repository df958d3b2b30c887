"""The dispatch registry (sổ công văn đến / đi) of each unit.

A dispatch is registered once, in the registry of the unit that received or issued it. A relay
made inside Dienhinh is one outgoing dispatch whose addressee units see it as incoming, so
nothing is copied and "who received what" is a query, not a duplicate. Writes go through
`services.py` only.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Incoming")
    OUTGOING = "outgoing", _("Outgoing")


class Status(models.TextChoices):
    # An upload is kept at once, so nothing is lost while the fields are checked.
    DRAFT = "draft", _("Being checked")
    REGISTERED = "registered", _("Registered")


class Reading(models.TextChoices):
    """Reading the uploaded file. Text and Word files are read during the upload itself and
    start DONE; PDFs and pictures wait for the worker (text recognition takes seconds a page)."""

    QUEUED = "queued", _("Waiting to be read")
    READING = "reading", _("Being read")
    DONE = "done", _("Read")
    FAILED = "failed", _("Could not be read")


# The reading steps the worker may take; a second run of the same task (a retry after the
# worker died) starts again from READING.
READING_STEPS = {
    Reading.QUEUED: {Reading.READING},
    Reading.READING: {Reading.READING, Reading.DONE, Reading.FAILED},
    Reading.DONE: set(),
    Reading.FAILED: set(),
}


def original_path(instance, filename: str) -> str:
    return f"dispatches/{instance.unit_id}/{filename}"


class Dispatch(models.Model):
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="dispatches", verbose_name=_("unit")
    )
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    number = models.CharField(_("number and symbol"), max_length=80, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    issuer_name = models.CharField(_("issued by"), max_length=255, blank=True)
    issuer_unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    recipients = models.JSONField(_("addressees (Kính gửi)"), default=list, blank=True)
    distribution = models.JSONField(_("distribution (Nơi nhận)"), default=list, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=255, blank=True)
    emails = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    parsed = models.JSONField(default=dict, blank=True)  # the reader's output, spans included
    file = models.FileField(upload_to=original_path, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_size = models.PositiveIntegerField(default=0)
    file_sha256 = models.CharField(max_length=64, blank=True)
    reading = models.CharField(
        _("reading"), max_length=8, choices=Reading.choices, default=Reading.DONE
    )
    reading_done = models.PositiveSmallIntegerField(default=0)  # pages read so far
    reading_total = models.PositiveSmallIntegerField(default=0)
    reading_error = models.TextField(blank=True)  # why it could not be read, as shown
    ocr_pages = models.JSONField(default=list, blank=True)  # pages read by text recognition
    page_images = models.JSONField(default=list, blank=True)  # storage names, one per page
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relays",
        verbose_name=_("relays"),
    )
    programme = models.ForeignKey(
        "cycles.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispatches",
        verbose_name=_("programme"),
    )
    addressee_units = models.ManyToManyField(
        "units.Unit", blank=True, related_name="dispatches_received"
    )
    year = models.PositiveSmallIntegerField(db_index=True)
    search_text = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "-document_date", "-created_at"]
        indexes = [models.Index(fields=["unit", "direction", "year"])]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")

    def __str__(self) -> str:
        return self.number or self.subject[:60] or f"#{self.pk}"


class Reference(models.Model):
    """A document the dispatch cites; linked to the registry when it is there too."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(default=0)
    number = models.CharField(max_length=80)
    date = models.DateField(null=True, blank=True)
    issuer = models.CharField(max_length=255, blank=True)
    cited = models.ForeignKey(
        Dispatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="cited_by"
    )

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.number
