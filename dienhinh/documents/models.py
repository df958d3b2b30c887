"""Official documents (Nghị định 30/2020/NĐ-CP): each unit's document settings, the
templates it replaced, the PDF conversions and the signed copies uploaded back.

The documents themselves are not stored: a draft is rendered again from Dienhinh's data each
time it is asked for (so it always shows the current list), its PDF is cached by the hash
of what went into it (template + content), and once a paper or token signature exists the
signed copy is what is kept and served. Writes go through `services.py`, `conversion.py`
and `signed.py` only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    FORWARDING = "forwarding", _("Forwarding dispatch")
    ANNEX_LIST = "annex_list", _("Summary list (annex)")
    RELAY = "relay", _("Relay dispatch")
    REPORT_INDIVIDUAL = "report_individual", _("Achievement report of an individual")
    REPORT_COLLECTIVE = "report_collective", _("Achievement report of a collective")
    SUMMARY = "summary", _("Summary of achievements (half a page to one page)")


class SigningMode(models.TextChoices):
    """How the signer signs (Nghị định 30, Điều 8 khoản 1 and Phụ lục I)."""

    DIRECT = "direct", _("The head signs in person")
    TM = "tm", _("TM. – on behalf of the collective (e.g. TM. ỦY BAN NHÂN DÂN)")
    KT = "kt", _("KT. – a deputy signs for the head (e.g. KT. CHỦ TỊCH)")
    TM_KT = "tm_kt", _("TM. and KT. – a deputy signs for the head, on behalf of the collective")
    TL = "tl", _("TL. – signed by order of the head (e.g. TL. CHỦ TỊCH)")
    TUQ = "tuq", _("TUQ. – signed by authorisation of the head")


class DocumentSettings(models.Model):
    """What a unit's documents print: its header, symbol, place name and signer."""

    unit = models.OneToOneField(
        "units.Unit", on_delete=models.PROTECT, related_name="document_settings"
    )
    parent_body = models.CharField(
        _("governing body (printed above the issuing body)"), max_length=255, blank=True
    )
    body_name = models.CharField(_("issuing body as printed"), max_length=255, blank=True)
    symbol = models.CharField(_("dispatch symbol"), max_length=40, blank=True)
    place_name = models.CharField(_("place name for the date line"), max_length=80, blank=True)
    drafting_office = models.CharField(_("drafting office"), max_length=120, blank=True)
    signing_mode = models.CharField(
        _("signing"), max_length=8, choices=SigningMode.choices, default=SigningMode.DIRECT
    )
    authority = models.CharField(
        _("collective or head's title signed for"), max_length=120, blank=True
    )
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail printed in dispatches"), blank=True)
    filing = models.CharField(_("filing line (Lưu)"), max_length=80, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document settings")
        verbose_name_plural = _("document settings")

    def __str__(self) -> str:
        return str(self.unit)


def template_path(instance, filename: str) -> str:
    return f"documents/templates/{instance.unit_id}/{filename}"


class UnitTemplate(models.Model):
    """A unit's own replacement of a default template (a .docx checked on upload). Units
    below use it too, unless they have their own."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=24, choices=DocumentKind.choices)
    # The legal basis a report template belongs to ("nd98-2023"); empty for the others.
    version = models.CharField(max_length=24, blank=True)
    file = models.FileField(upload_to=template_path)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "version"], name="unit_template_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_kind_display()} {self.version}".strip()


class ConversionStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the converter")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


STALE_SECONDS = 600


def conversion_path(instance, filename: str) -> str:
    return f"documents/pdf/{instance.key[:2]}/{filename}"


class Conversion(models.Model):
    """One DOCX → PDF conversion, keyed by the hash of the document version: asking for the
    same version again serves the same PDF."""

    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=24, choices=DocumentKind.choices)
    filename = models.CharField(max_length=200)
    status = models.CharField(
        max_length=8, choices=ConversionStatus.choices, default=ConversionStatus.QUEUED
    )
    docx = models.FileField(upload_to=conversion_path)
    pdf = models.FileField(upload_to=conversion_path, blank=True)
    pages = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.filename

    @property
    def is_stale(self) -> bool:
        """Queued for so long the worker must have lost it: it may be asked for again."""
        from django.utils import timezone

        waited = timezone.now() - self.requested_at
        return self.status == ConversionStatus.QUEUED and waited.total_seconds() > STALE_SECONDS


def signed_path(instance, filename: str) -> str:
    return f"documents/signed/{instance.unit_id}/{filename}"


class SignedCopy(models.Model):
    """The signed paper (scan) or token-signed PDF of a dispatch Dienhinh drafted, kept with
    the batch or the relay it belongs to, and the number and date it was issued under."""

    kind = models.CharField(max_length=24, choices=DocumentKind.choices)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(
        "nominations.Batch", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dispatch = models.ForeignKey(
        "dispatches.Dispatch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_copies",
    )
    number = models.CharField(_("number and symbol"), max_length=80)
    document_date = models.DateField(_("document date"))
    file = models.FileField(upload_to=signed_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "batch"],
                condition=Q(batch__isnull=False),
                name="signed_copy_once_per_batch",
            ),
            models.UniqueConstraint(
                fields=["kind", "dispatch"],
                condition=Q(batch__isnull=True, dispatch__isnull=False),
                name="signed_copy_once_per_dispatch",
            ),
        ]

    def __str__(self) -> str:
        return self.number
