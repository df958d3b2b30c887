"""Publishing: the media outlets of each unit, the editorial items that carry chosen
nominations to them, the record of what was published where, the ward loudspeaker
bulletin, and the public copy of every published, consented story.

Items move only through `services.py`, one audited function per transition of
`TRANSITIONS`; `revision` is compared on every write. `PublicStory` and its photos and
appearances are derived rows, rebuilt by `public.story_refresh` in the same transaction as
every change that can show or hide a story: the public portal and feeds read nothing else.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dienhinh.nominations.models import Channel


class OutletKind(models.TextChoices):
    E_PORTAL = "e_portal", _("E-portal")
    RADIO_TV = "radio_tv", _("Radio and television")
    NEWSPAPER = "newspaper", _("Newspaper")
    PERIODICAL = "periodical", _("Periodical (special issue)")
    LOUDSPEAKER = "loudspeaker", _("Loudspeaker system")
    SOCIAL = "social", _("Social media page")
    OTHER = "other", _("Other")


# What a publication on each kind of outlet is recorded with (services.item_publish).
BROADCAST_KINDS = {OutletKind.RADIO_TV, OutletKind.LOUDSPEAKER}
PRINT_KINDS = {OutletKind.NEWSPAPER, OutletKind.PERIODICAL}
WEB_KINDS = {OutletKind.E_PORTAL, OutletKind.SOCIAL}


class Outlet(models.Model):
    """A medium a unit publishes on or feeds: its portal, its loudspeakers, the city
    newspaper it sends stories to. `consent_channel` is the consent a story needs to go
    out on it (channels.consent_channel_for)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="outlets"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OutletKind.choices)
    name = models.CharField(_("name"), max_length=255)
    address = models.CharField(
        _("address or frequency"),
        max_length=255,
        blank=True,
        help_text=_("Web address, broadcast frequency, or where the paper is published."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    consent_channel = models.CharField(_("consent needed"), max_length=16, choices=Channel.choices)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["unit__path", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="outlet_name_once_per_unit")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_broadcast(self) -> bool:
        return self.kind in BROADCAST_KINDS


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    EDITING = "editing", _("In editing")
    APPROVED = "approved", _("Approved")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The transition map: services.py refuses every move not listed here. An approved or
# scheduled text sent back to editing must be approved again.
TRANSITIONS: dict[str, set[str]] = {
    ItemStatus.PROPOSED: {ItemStatus.EDITING, ItemStatus.WITHDRAWN},
    ItemStatus.EDITING: {ItemStatus.APPROVED, ItemStatus.WITHDRAWN},
    ItemStatus.APPROVED: {ItemStatus.SCHEDULED, ItemStatus.EDITING, ItemStatus.WITHDRAWN},
    ItemStatus.SCHEDULED: {ItemStatus.PUBLISHED, ItemStatus.EDITING, ItemStatus.WITHDRAWN},
    ItemStatus.PUBLISHED: {ItemStatus.WITHDRAWN},
    ItemStatus.WITHDRAWN: set(),
}
OPEN = {ItemStatus.PROPOSED, ItemStatus.EDITING, ItemStatus.APPROVED, ItemStatus.SCHEDULED}


class EditorialItem(models.Model):
    """One story, or a round-up of several, on its way to one outlet."""

    outlet = models.ForeignKey(
        Outlet, verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="items"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PROPOSED
    )
    nominations = models.ManyToManyField(
        "nominations.Nomination", through="ItemStory", related_name="editorial_items"
    )
    # The unit that chose the story: the outlet's own unit, or a unit below proposing it.
    proposed_by_unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("story title"), max_length=255)
    body = models.TextField(_("text"))
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    scheduled_for = models.DateField(_("planned date"), null=True, blank=True)
    air_time = models.TimeField(_("air time"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    issue_number = models.CharField(_("issue number"), max_length=40, blank=True)
    page = models.CharField(_("page"), max_length=20, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawing"), blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("editorial item")
        verbose_name_plural = _("editorial items")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["outlet", "status"]),
            models.Index(fields=["status", "published_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_roundup(self) -> bool:
        return len(self.stories.all()) > 1


class ItemStory(models.Model):
    item = models.ForeignKey(EditorialItem, on_delete=models.CASCADE, related_name="stories")
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="item_stories"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "nomination"], name="item_story_once")
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.nomination}"


class ItemRevision(models.Model):
    """Every saved text of an item, kept: who changed what, and when."""

    item = models.ForeignKey(EditorialItem, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=255)
    body = models.TextField()
    saved_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="item_revision_once")
        ]

    def __str__(self) -> str:
        return f"{self.item} #{self.number}"


class ItemPhoto(models.Model):
    """A photo of the nomination chosen for the item, with the alt text it is published with."""

    item = models.ForeignKey(EditorialItem, on_delete=models.CASCADE, related_name="photos")
    attachment = models.ForeignKey(
        "nominations.Attachment", on_delete=models.CASCADE, related_name="item_photos"
    )
    alt_text = models.CharField(_("description of the photo"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "attachment"], name="item_photo_once")
        ]

    def __str__(self) -> str:
        return self.alt_text


class EvidenceKind(models.TextChoices):
    LINK = "link", _("Link")
    DOCUMENT = "document", _("PDF of the page")
    SCREENSHOT = "screenshot", _("Screenshot")
    AUDIO = "audio", _("Audio recording")


class Evidence(models.Model):
    """Proof of a publication: the link, a PDF or screenshot of the page, the recording."""

    item = models.ForeignKey(EditorialItem, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=12, choices=EvidenceKind.choices)
    url = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to="publishing/evidence/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.url or self.original_name


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    BROADCAST = "broadcast", _("Broadcast")


class Bulletin(models.Model):
    """A ward loudspeaker bulletin (bản tin truyền thanh) for a week or a month: a script
    written to be read aloud, assembled from the outlet's approved stories."""

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="bulletins")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    title = models.CharField(_("bulletin title"), max_length=255)
    script = models.TextField(_("script to be read"))
    items = models.ManyToManyField(EditorialItem, related_name="bulletins")
    status = models.CharField(
        max_length=12, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT
    )
    audio = models.FileField(upload_to="publishing/bulletins/%Y/%m/", blank=True)
    audio_revision = models.PositiveIntegerField(default=0)  # the script revision it reads
    broadcast_on = models.DateField(_("broadcast on"), null=True, blank=True)
    air_time = models.TimeField(_("air time"), null=True, blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("loudspeaker bulletin")
        verbose_name_plural = _("loudspeaker bulletins")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title


class PublicStory(models.Model):
    """The public copy of a story (one nomination): present exactly while it has been
    published somewhere and its consent covers the e-portals. Holds only what may be
    shown: never a birth date, a year of birth, a hometown or a gender."""

    nomination = models.OneToOneField(
        "nominations.Nomination", on_delete=models.CASCADE, related_name="public_story"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=1000, db_index=True)
    unit_name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=120, allow_unicode=False)
    title = models.CharField(max_length=255)
    lead = models.CharField(max_length=400)
    body = models.TextField()
    subject_name = models.CharField(max_length=255)
    field = models.CharField(max_length=20)
    channels = models.CharField(max_length=120)  # " portal loudspeaker ": for filtering
    month = models.CharField(max_length=7, db_index=True)  # of the first publication
    first_published_on = models.DateField()
    last_published_on = models.DateField()
    search_text = models.TextField()  # folded title, name, unit and text
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-first_published_on", "-id"]
        indexes = [
            models.Index(fields=["-first_published_on", "-id"], name="public_story_recent"),
            models.Index(fields=["unit", "-first_published_on"], name="public_story_unit"),
        ]

    def __str__(self) -> str:
        return self.title


class PublicPhoto(models.Model):
    story = models.ForeignKey(PublicStory, on_delete=models.CASCADE, related_name="photos")
    attachment = models.ForeignKey(
        "nominations.Attachment", on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.alt_text


class PublicAppearance(models.Model):
    """Where a public story appeared: one published item on one outlet."""

    story = models.ForeignKey(PublicStory, on_delete=models.CASCADE, related_name="appearances")
    item = models.ForeignKey(EditorialItem, on_delete=models.CASCADE, related_name="+")
    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="+")
    outlet_name = models.CharField(max_length=255)
    outlet_kind = models.CharField(max_length=16)
    unit_name = models.CharField(max_length=255)
    published_on = models.DateField()
    air_time = models.TimeField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True)
    issue_number = models.CharField(max_length=40, blank=True)
    page = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["published_on", "id"]
        indexes = [
            models.Index(fields=["outlet", "-published_on"], name="public_appearance_outlet")
        ]

    def __str__(self) -> str:
        return f"{self.story} · {self.outlet_name}"


class PortalState(models.Model):
    """One row: how many times the public portal changed, and when last. Listings and feeds
    use it as their ETag and Last-Modified; a cache keyed on it never serves a withdrawn
    story."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.version}"
