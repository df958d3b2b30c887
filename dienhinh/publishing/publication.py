"""Recording a publication (date, web address or issue and page, or air time), its
evidence, and withdrawing a story. Each write is atomic and audited, and rebuilds the
public copy of the stories concerned in the same transaction (public.story_refresh), so
the portal and the feeds change the moment the change commits."""

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dienhinh.accounts.scope import Action, can
from dienhinh.audit.actions import AuditAction
from dienhinh.common.dates import today, vn_date
from dienhinh.common.errors import ApplicationError
from dienhinh.common.mail import email_queue

from . import checks, public
from .models import (
    BROADCAST_KINDS,
    PRINT_KINDS,
    WEB_KINDS,
    EditorialItem,
    Evidence,
    EvidenceKind,
    ItemStatus,
)
from .services import check_consent, locked_item, move, record, require_publisher

logger = logging.getLogger(__name__)


@dataclass
class Publication:
    published_on: dt.date
    url: str = ""
    issue_number: str = ""
    page: str = ""
    air_time: dt.time | None = None


def _check_publication(item: EditorialItem, pub: Publication) -> Publication:
    url = checks.check_url(pub.url)
    approved = timezone.localdate(item.approved_at) if item.approved_at else None
    if approved and pub.published_on < approved:
        raise ApplicationError(
            _("The story was approved on %(day)s: it cannot have been published before that.")
            % {"day": vn_date(approved)},
            field="published_on",
        )
    if pub.published_on > today():
        raise ApplicationError(
            _("A publication date cannot be in the future: record it once it is out."),
            field="published_on",
        )
    kind = item.outlet.kind
    if kind in WEB_KINDS and not url:
        raise ApplicationError(_("Give the web address of the published story."), field="url")
    if kind in PRINT_KINDS and not (pub.issue_number.strip() or url):
        raise ApplicationError(
            _("Give the issue number (and page), or the web address of the article."),
            field="issue_number",
        )
    if kind in BROADCAST_KINDS and pub.air_time is None:
        raise ApplicationError(_("Give the time it went on air."), field="air_time")
    return Publication(
        pub.published_on, url, pub.issue_number.strip()[:40], pub.page.strip()[:20], pub.air_time
    )


@transaction.atomic
def item_publish(*, actor, item: EditorialItem, revision: int, publication: Publication):
    """Record that the scheduled story went out: when, and where to find it."""
    item = locked_item(item, revision)
    require_publisher(actor, item.outlet.unit)
    pub = _check_publication(item, publication)
    nominations = list(item.nominations.all())
    check_consent(nominations, item.outlet)
    old = move(item, ItemStatus.PUBLISHED)
    item.published_on, item.url = pub.published_on, pub.url
    item.issue_number, item.page = pub.issue_number, pub.page
    item.air_time = pub.air_time or item.air_time
    item.save()
    if pub.url and not item.evidence.filter(kind=EvidenceKind.LINK, url=pub.url).exists():
        Evidence.objects.create(item=item, kind=EvidenceKind.LINK, url=pub.url, added_by=actor)
    record(
        actor,
        item,
        AuditAction.ITEM_PUBLISH,
        status=[old, item.status],
        published_on=pub.published_on.isoformat(),
        url=pub.url,
        issue=pub.issue_number,
        page=pub.page,
        air_time=item.air_time.strftime("%H:%M") if item.air_time else "",
    )
    public.story_refresh(nomination_ids=[n.pk for n in nominations])
    return item


def evidence_add(*, actor, item: EditorialItem, url: str = "", upload=None) -> Evidence:
    """Add a link, or a PDF / screenshot of the page / recording of the broadcast. The file
    is checked and stored before the transaction; a refusal leaves nothing behind."""
    require_publisher(actor, item.outlet.unit)
    if item.status != ItemStatus.PUBLISHED:
        raise ApplicationError(_("Evidence belongs to a published story: record it first."))
    url = checks.check_url(url)
    if not url and upload is None:
        raise ApplicationError(_("Give a link or choose a file."), field="file")
    evidence = Evidence(item=item, added_by=actor, kind=EvidenceKind.LINK, url=url)
    if upload is not None:
        upload.seek(0)
        prepared = checks.prepare_evidence(name=upload.name, size=upload.size, stream=upload)
        evidence.kind, evidence.content_type = prepared.kind, prepared.content_type
        evidence.original_name, evidence.size = prepared.original_name, len(prepared.content)
        name = uuid.uuid4().hex + prepared.extension
        evidence.file.save(name, ContentFile(prepared.content), save=False)
    try:
        with transaction.atomic():
            evidence.save()
            record(
                actor,
                item,
                AuditAction.ITEM_EVIDENCE,
                kind=evidence.kind,
                url=url,
                file=evidence.original_name,
            )
    except BaseException:
        if evidence.file:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


@transaction.atomic
def item_withdraw(*, actor, item: EditorialItem, revision: int | None, reason: str) -> None:
    """Take a story off an outlet, with the reason. A published one leaves the portal and
    feeds at once, and the outlet's contact is asked to take it down too."""
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Say why the story is withdrawn."), field="reason")
    item = locked_item(item, revision)
    if actor is not None and not may_cancel_proposal(actor, item):
        require_publisher(actor, item.outlet.unit)
    withdraw_locked(actor=actor, item=item, reason=reason)


def may_cancel_proposal(actor, item: EditorialItem) -> bool:
    """The unit that proposed a story to the level above may take the proposal back until
    the editors there take it up."""
    return item.status == ItemStatus.PROPOSED and can(actor, item.proposed_by_unit, Action.PUBLISH)


def withdraw_locked(*, actor, item: EditorialItem, reason: str) -> None:
    """Withdraw an item already locked by the caller (also used when consent is narrowed)."""
    was_published = item.status == ItemStatus.PUBLISHED
    in_hand = item.status in (ItemStatus.APPROVED, ItemStatus.SCHEDULED, ItemStatus.PUBLISHED)
    old = move(item, ItemStatus.WITHDRAWN)
    item.withdrawn_reason, item.withdrawn_at = reason, timezone.now()
    item.save()
    record(actor, item, AuditAction.ITEM_WITHDRAW, status=[old, item.status], reason=reason)
    public.story_refresh(nomination_ids=list(item.nominations.values_list("pk", flat=True)))
    outlet = item.outlet
    if outlet.contact_email and in_hand:  # the outlet may already hold the text
        context = {"item": item, "outlet": outlet, "reason": reason, "published": was_published}
        transaction.on_commit(
            lambda: email_queue(
                template="publishing/emails/withdrawn", context=context, to=[outlet.contact_email]
            )
        )
