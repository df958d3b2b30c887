"""Nominations (gương điển hình, người tốt việc tốt), nil reports, attachments, consent.

A unit puts a nomination forward in a period of the programme it reports to. The status
moves only through `workflow.py`, one audited function per transition; `revision` is
compared on every write so two people editing at once never lose an update silently.
Personal data is kept to what publicity needs: no identity-card numbers.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CONFIRMED = "confirmed", _("Confirmed by the unit leader")
    RETURNED = "returned", _("Returned for completion")
    ACCEPTED = "accepted", _("Accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The transition map: which status may follow which. workflow.py refuses everything else;
# steps.py says who may take each step.
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
    # Back to DRAFT: the unit takes a sent nomination back while the level above has not
    # acted on it yet (to add the photo it forgot).
    Status.SUBMITTED: {Status.CONFIRMED, Status.ACCEPTED, Status.RETURNED, Status.DRAFT},
    Status.CONFIRMED: {Status.ACCEPTED, Status.RETURNED, Status.DRAFT},
    Status.RETURNED: {Status.SUBMITTED, Status.WITHDRAWN},
    # An accepted nomination goes back to its unit only while the level that accepted it
    # has not forwarded it, or when the level above returns it from the list it received
    # (workflow.check_returnable decides which).
    Status.ACCEPTED: {Status.RETURNED},
    Status.WITHDRAWN: set(),
}
EDITABLE = {Status.DRAFT, Status.RETURNED}


class Field(models.TextChoices):
    """Fields (lĩnh vực) a nomination belongs to; used for selection and statistics."""

    ECONOMY = "economy", _("Economy and production")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health care")
    SOCIAL = "social", _("Social work and charity")
    SECURITY = "security", _("Security and public order")
    CULTURE = "culture", _("Culture, sport and information")
    ADMINISTRATION = "administration", _("Public administration")
    ENVIRONMENT = "environment", _("Environment")
    OTHER = "other", _("Other")


class Nomination(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="nominations"
    )
    period = models.ForeignKey(
        "cycles.Period",
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    subject_kind = models.CharField(
        _("who is introduced"),
        max_length=16,
        choices=SubjectKind.choices,
        default=SubjectKind.INDIVIDUAL,
    )
    # A person: only what publicity needs (no identity-card number).
    full_name = models.CharField(_("full name of the person"), max_length=150, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    workplace = models.CharField(_("workplace"), max_length=255, blank=True)
    hometown = models.CharField(_("hometown"), max_length=255, blank=True)
    # A collective or household.
    collective_name = models.CharField(_("name of the collective"), max_length=255, blank=True)
    collective_size = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices, default=Field.OTHER)
    headline = models.CharField(_("headline"), max_length=255)
    story = models.TextField(_("summary of the good deed or achievement"))
    # The full achievement report (Luật Thi đua, khen thưởng 2022 templates), optional.
    report_background = models.TextField(_("I. Background"), blank=True)
    report_achievements = models.TextField(_("II. Achievements"), blank=True)
    # Folded name + birth year, for spotting the same person put forward twice.
    match_key = models.CharField(max_length=200, blank=True, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The first time it was sent: a resend after a return does not make a unit late.
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["period", "unit", "status"])]

    def __str__(self) -> str:
        return self.headline

    @property
    def subject_name(self) -> str:
        return (
            self.full_name
            if self.subject_kind == SubjectKind.INDIVIDUAL
            else (self.collective_name)
        )


class Award(models.Model):
    """III. Awards already received: year, title or form, decision number and date, issuer."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="awards")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title or form of award"), max_length=255)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)

    class Meta:
        ordering = ["year", "id"]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"


class Channel(models.TextChoices):
    LOUDSPEAKER = "loudspeaker", _("Ward/commune loudspeakers")
    PORTAL = "portal", _("E-portals")
    NEWSPAPER = "newspaper", _("Newspaper")
    RADIO_TV = "radio_tv", _("Radio and television")
    CENTRAL = "central", _("Central board publications")
    SOCIAL = "social", _("Social media pages")


class Consent(models.Model):
    """Consent of the person (or collective's representative) to publication."""

    nomination = models.OneToOneField(Nomination, on_delete=models.CASCADE, related_name="consent")
    given_by = models.CharField(_("given by"), max_length=150)
    given_on = models.DateField(_("given on"))
    channels = models.JSONField(_("for the channels"), default=list)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.given_by} {self.given_on:%d/%m/%Y}"


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


class Attachment(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(upload_to="nominations/%Y/%m/")
    thumbnail = models.FileField(upload_to="nominations/%Y/%m/thumbs/", blank=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class NilReport(models.Model):
    """ "Nothing to report this period", with the reason: it counts as reported, not toward
    the quota."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey("cycles.Period", on_delete=models.PROTECT, related_name="nil")
    reason = models.TextField(_("reason"))
    is_late = models.BooleanField(default=False)
    submitted_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="nil_report_once")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period}"


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Being compiled")
    FORWARDED = "forwarded", _("Forwarded")


class ItemReview(models.TextChoices):
    PENDING = "pending", _("Waiting")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class Batch(models.Model):
    """What a compiler gathers for a period and forwards, as one list, to the level above
    (the period with the same key of the programme it relays), naming who did not report."""

    period = models.ForeignKey("cycles.Period", on_delete=models.PROTECT, related_name="batches")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    to_period = models.ForeignKey(
        "cycles.Period",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_batches",
    )
    status = models.CharField(max_length=12, choices=BatchStatus.choices, default=BatchStatus.DRAFT)
    missing_units = models.JSONField(default=list, blank=True)
    note = models.TextField(_("note to the level above"), blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    forwarded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_late = models.BooleanField(default=False)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        # One list being compiled at a time; more lists may follow a forwarded one (what
        # was accepted late, or completed after a return).
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit"],
                condition=models.Q(status="draft"),
                name="batch_one_draft_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period.key}"


class BatchItem(models.Model):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="items")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="batch_items")
    review = models.CharField(max_length=10, choices=ItemReview.choices, default=ItemReview.PENDING)
    review_reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "nomination"], name="batch_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.batch} · {self.nomination}"


class MediaSelection(models.Model):
    """A board's choice of a nomination for one of its public channels. Only possible
    with the person's consent for that channel (workflow.nomination_select_for_media)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="selections")
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    selected_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    selected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "channel", "unit"], name="media_selection_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nomination} · {self.get_channel_display()}"


class DuplicateLink(models.Model):
    """A compiler's word that two nominations introduce the same person or collective."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="duplicate_links"
    )
    same_as = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="+")
    linked_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nomination", "same_as"], name="duplicate_once")
        ]

    def __str__(self) -> str:
        return f"{self.nomination} = {self.same_as}"


class LateException(models.Model):
    """Leave for one unit to send after the deadline of a locked period, granted by the
    level that receives."""

    period = models.ForeignKey(
        "cycles.Period", on_delete=models.CASCADE, related_name="late_exceptions"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    until = models.DateField(_("may send until"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    granted_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="late_exception_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period} · {self.until:%d/%m/%Y}"
