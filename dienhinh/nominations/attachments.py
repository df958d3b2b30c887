"""Adding and removing the photos and documents of a nomination.

Files go through Django's storage API (`default_storage`: a local folder, or S3-compatible
storage when configured) under a generated name; the user's file name is kept only for
display. Nothing is half-saved: a refused, failed or interrupted upload leaves neither a row,
an audit event nor a stored file behind.

Checking the content and re-encoding a photo (files.py) happens before the transaction: it
can take a second for a big photo, and the transaction holds the nomination's row lock (on
SQLite, the database's write lock) until it ends.

Who may add or remove is decided by the views through the scope module, not here.
"""

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.errors import ApplicationError

from .files import Prepared, prepare_upload
from .models import EDITABLE, Attachment, Nomination

CAPTION_MAX = 255
logger = logging.getLogger(__name__)


def attachment_add(
    *, actor, nomination: Nomination, upload: UploadedFile, caption: str = ""
) -> Attachment:
    """Check, re-encode and store one upload, and record it. Raises ApplicationError.

    Call it outside any transaction (views run in autocommit): if a caller's outer
    transaction rolled back after this returned, the stored files would stay behind.
    """
    caption = _check_caption(caption)
    _check_editable(nomination)  # early, so a closed nomination is not worth decoding a photo
    upload.seek(0)
    prepared = prepare_upload(name=upload.name, size=upload.size, stream=upload)
    attachment = Attachment(
        kind=prepared.kind,
        original_name=prepared.original_name,
        content_type=prepared.content_type,
        size=len(prepared.content),
        caption=caption,
        uploaded_by=actor,
    )
    stored: list[str] = []
    try:
        _store(attachment, prepared, stored)
        with transaction.atomic():
            locked = _locked_editable(nomination)
            attachment.nomination = locked
            attachment.save()
            audit_record(
                actor=actor,
                action=AuditAction.ATTACHMENT_ADD,
                obj=attachment,
                unit=locked.unit,
                changes=_details(attachment),
            )
    except BaseException:
        # Also on KeyboardInterrupt or a worker's timeout: whatever was stored goes.
        _delete(attachment, stored)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    """Delete the row now and the stored files once the deletion has committed."""
    nomination = _locked_editable(attachment.nomination)
    names = [name for name in (attachment.file.name, attachment.thumbnail.name) if name]
    if not Attachment.objects.filter(pk=attachment.pk).delete()[0]:
        return  # already removed by someone else: nothing to do, nothing to record
    audit_record(
        actor=actor,
        action=AuditAction.ATTACHMENT_REMOVE,
        obj=attachment,
        unit=nomination.unit,
        changes=_details(attachment),
    )
    transaction.on_commit(lambda: _delete(attachment, names))


def _check_caption(caption: str) -> str:
    caption = (caption or "").strip()
    if len(caption) > CAPTION_MAX:
        raise ApplicationError(
            _("A caption may be at most %(limit)d characters.") % {"limit": CAPTION_MAX},
            field="caption",
        )
    return caption


def _check_editable(nomination: Nomination) -> None:
    if nomination.status not in EDITABLE:
        # The same message as workflow.nomination_update.
        raise ApplicationError(
            _("A nomination that is %(status)s can no longer be changed.")
            % {"status": nomination.get_status_display().lower()}
        )


def _locked_editable(nomination: Nomination) -> Nomination:
    locked = Nomination.objects.select_for_update().select_related("unit").get(pk=nomination.pk)
    _check_editable(locked)
    return locked


def _store(attachment: Attachment, prepared: Prepared, stored: list[str]) -> None:
    """Save the files under a fresh uuid name, noting each stored name as soon as it exists."""
    stem = uuid.uuid4().hex
    attachment.file.save(stem + prepared.extension, ContentFile(prepared.content), save=False)
    stored.append(attachment.file.name)
    if prepared.thumbnail is not None:
        attachment.thumbnail.save(stem + ".jpg", ContentFile(prepared.thumbnail), save=False)
        stored.append(attachment.thumbnail.name)


def _delete(attachment: Attachment, names: list[str]) -> None:
    """Delete stored files; a failure is logged, so it never hides the error being handled."""
    storage = attachment.file.storage
    for name in names:
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Could not delete the stored file %s", name)


def _details(attachment: Attachment) -> dict:
    return {
        "nomination": attachment.nomination_id,
        "kind": attachment.kind,
        "original_name": attachment.original_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "file": attachment.file.name,
    }
