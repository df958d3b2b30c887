"""The signed copy: the office signs on paper (or with a token) outside Dienhinh and uploads
the signed PDF or the scan back. It is kept with the batch or the relay, the dispatch gets
its number and date in the registry, and the draft is never generated again over it.

The file is judged by its content (a PDF that opens, a JPEG or PNG that decodes), never by
its name, and refused over the size limit before it is read whole.
"""

import datetime as dt
import hashlib
import io
import math
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.errors import ApplicationError
from dienhinh.dispatches.issued import dispatch_record_issued, dispatch_set_issued
from dienhinh.dispatches.models import Direction, Dispatch
from dienhinh.nominations.files import clean_name, sniff
from dienhinh.nominations.models import BatchStatus

from . import contexts, headers
from .models import DocumentKind, SignedCopy

MB = 1024 * 1024
TYPES = {
    "pdf": ("application/pdf", ".pdf"),
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
}


def max_bytes() -> int:
    return getattr(settings, "DOCUMENTS_MAX_SIGNED_MB", 20) * MB


def _refuse(message: str, **values) -> ApplicationError:
    return ApplicationError(message % values, field="file")


def read_signed(*, name: str, size: int | None, stream) -> tuple[bytes, str, str]:
    """(content, content type, extension) of an acceptable signed copy, or ApplicationError."""
    name = clean_name(name)
    limit = max_bytes()
    if size is not None and size > limit:
        shown = number_format(math.ceil(size * 10 / MB) / 10, 1)
        raise _refuse(
            _("“%(name)s” is %(size)s MB; a signed copy may be at most %(limit)s MB."),
            name=name,
            size=shown,
            limit=limit // MB,
        )
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _refuse(
            _("“%(name)s” is over %(limit)s MB, the most a signed copy may be."),
            name=name,
            limit=limit // MB,
        )
    found = sniff(data[:16]) if data else None
    if found not in TYPES:
        raise _refuse(
            _(
                "“%(name)s” is not a PDF or a scanned image (JPEG, PNG). Files are judged by "
                "their content, whatever their name ends with."
            ),
            name=name,
        )
    if not _opens(data, found):
        raise _refuse(_("“%(name)s” is damaged or incomplete. Scan or save it again."), name=name)
    content_type, extension = TYPES[found]
    return data, content_type, extension


def _opens(data: bytes, found: str) -> bool:
    try:
        if found == "pdf":
            return len(PdfReader(io.BytesIO(data)).pages) > 0
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        return True
    except (PdfReadError, OSError, ValueError, SyntaxError, KeyError, IndexError, TypeError):
        return False


def _number(settings_row, raw: str) -> str:
    number = " ".join((raw or "").split())
    if not number:
        raise ApplicationError(_("Give the number the dispatch was signed under."), field="number")
    if number.isdigit():
        number = f"{number}/{settings_row.symbol}"
    if "/" not in number or not number.split("/", 1)[0].strip().isdigit():
        raise ApplicationError(
            _("Write the number as in the register, e.g. 125/UBND-NV."), field="number"
        )
    return number[:80]


def _store(upload) -> tuple[ContentFile, dict]:
    data, content_type, extension = read_signed(name=upload.name, size=upload.size, stream=upload)
    details = {
        "original_name": clean_name(upload.name),
        "content_type": content_type,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return ContentFile(data, name=uuid.uuid4().hex + extension), details


def _keep(copy: SignedCopy, content: ContentFile, register) -> SignedCopy:
    """Store the file, then register and save in one transaction; if anything fails, the
    stored file goes too, so a refused upload leaves nothing behind."""
    copy.file.save(content.name, content, save=False)
    try:
        with transaction.atomic():
            copy.dispatch = register()
            try:
                with transaction.atomic():
                    copy.save()
            except IntegrityError:
                raise ApplicationError(
                    _("A signed copy of this dispatch was already uploaded.")
                ) from None
            _audit(copy.uploaded_by, copy)
    except BaseException:
        copy.file.storage.delete(copy.file.name)
        raise
    return copy


def signed_upload_for_batch(*, actor, batch, number: str, document_date: dt.date, upload):
    """The signed forwarding dispatch of a forwarded list: kept with the list and entered in
    the unit's registry of outgoing dispatches."""
    if batch.status != BatchStatus.FORWARDED:
        raise ApplicationError(
            _("This list has not been forwarded yet: forward it first, then draft its dispatch.")
        )
    draft = contexts.forwarding(batch)  # refuses a list already signed
    settings_row = headers.settings_of(batch.unit)
    number = _number(settings_row, number)
    content, details = _store(upload)
    copy = SignedCopy(
        kind=DocumentKind.FORWARDING,
        unit=batch.unit,
        batch=batch,
        number=number,
        document_date=document_date,
        uploaded_by=actor,
        **details,
    )
    return _keep(
        copy,
        content,
        lambda: dispatch_record_issued(
            actor=actor,
            unit=batch.unit,
            number=number,
            document_date=document_date,
            subject="V/v " + draft.context["subject"],
            recipients=[draft.context["addressee_name"]],
            cites=contexts.asking_dispatch(batch),
            signer=(" / ".join(draft.context["signature_lines"]), draft.context["signer_name"]),
        ),
    )


def signed_upload_for_relay(*, actor, dispatch: Dispatch, number: str, document_date, upload):
    """The signed relay dispatch: kept with it, and its number and date set in the registry."""
    if dispatch.direction != Direction.OUTGOING or dispatch.parent_id is None:
        raise ApplicationError(_("Only a dispatch that relays another one is drafted here."))
    contexts.relay(dispatch)  # refuses a relay already signed, or one not set up
    number = _number(headers.settings_of(dispatch.unit), number)
    content, details = _store(upload)
    copy = SignedCopy(
        kind=DocumentKind.RELAY,
        unit=dispatch.unit,
        number=number,
        document_date=document_date,
        uploaded_by=actor,
        **details,
    )
    return _keep(
        copy,
        content,
        lambda: dispatch_set_issued(
            actor=actor, dispatch=dispatch, number=number, document_date=document_date
        ),
    )


def _audit(actor, copy: SignedCopy) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.DOCUMENT_SIGNED_UPLOAD,
        obj=copy,
        unit=copy.unit,
        changes={
            "kind": copy.kind,
            "number": copy.number,
            "document_date": copy.document_date,
            "file": copy.original_name,
            "sha256": copy.sha256,
        },
    )
