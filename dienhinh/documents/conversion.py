"""DOCX → PDF with LibreOffice, in the background worker, once per document version.

`conversion_request` (in the request) stores the DOCX and queues the job; the page then
polls `Conversion.status` (htmx) and offers the PDF when it is ready. `conversion_run` (the
worker) calls `soffice --headless --convert-to pdf` in a scratch folder with a profile of its
own (several workers may convert at once), stores the PDF and counts its pages. The same
version asked for again is served from the stored PDF.
"""

import io
import logging
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import acting_user, audit_record
from dienhinh.common.errors import ApplicationError

from .contexts import Draft
from .models import Conversion, ConversionStatus

logger = logging.getLogger(__name__)


def converter() -> str | None:
    """The LibreOffice program's path, or None when it is not installed."""
    return shutil.which(getattr(settings, "DOCUMENTS_SOFFICE", "soffice"))


def converter_missing_message() -> str:
    return _(
        "The PDF cannot be made: the document converter (LibreOffice) is not installed on the "
        "server. Download the Word file (.docx) instead, and ask the system administrator to "
        "install LibreOffice."
    )


def conversion_request(*, actor, draft: Draft) -> Conversion:
    """The conversion of this document version: the finished or running one, or a new one
    queued for the worker. Raises ApplicationError when there is no converter."""
    key = draft.version
    found = Conversion.objects.filter(key=key).first()
    if found is not None and found.status != ConversionStatus.FAILED and not found.is_stale:
        return found
    if converter() is None:
        raise ApplicationError(converter_missing_message())
    content = draft.render()
    with transaction.atomic():
        if found is not None:  # a failed (or lost) one is tried again
            conversion = Conversion.objects.select_for_update().get(pk=found.pk)
            conversion.status, conversion.error = ConversionStatus.QUEUED, ""
            conversion.requested_at = timezone.now()
        else:
            conversion = Conversion(key=key, kind=draft.kind, filename=draft.filename)
        conversion.requested_by = acting_user(actor)
        conversion.docx.save(f"{uuid.uuid4().hex}.docx", ContentFile(content), save=False)
        try:
            with transaction.atomic():
                conversion.save()
        except IntegrityError:  # asked for at the same moment by someone else
            return Conversion.objects.get(key=key)
        audit_record(
            actor=actor,
            action=AuditAction.DOCUMENT_PDF_REQUEST,
            obj=conversion,
            unit=draft.unit,
            changes={"kind": draft.kind, "version": key},
        )
        transaction.on_commit(lambda: _queue(conversion.pk))
    return conversion


def _queue(conversion_id: int) -> None:
    from .tasks import convert_document

    convert_document(conversion_id)


def _convert(docx: bytes, *, program: str) -> bytes:
    timeout = getattr(settings, "DOCUMENTS_CONVERT_TIMEOUT", 120)
    with tempfile.TemporaryDirectory(prefix="dienhinh-pdf-") as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(docx)
        profile = Path(folder) / "profile"
        command = [
            program,
            "--headless",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        subprocess.run(command, capture_output=True, timeout=timeout, check=False)  # noqa: S603
        result = Path(folder) / "document.pdf"
        if not result.exists():
            raise RuntimeError("LibreOffice produced no PDF")
        return result.read_bytes()


def conversion_run(*, conversion_id: int) -> Conversion:
    """The worker's part: convert, store, count the pages. Running it twice does nothing
    more; a failure is recorded with its reason and may be asked for again."""
    conversion = Conversion.objects.get(pk=conversion_id)
    if conversion.status == ConversionStatus.DONE:
        return conversion
    program = converter()
    try:
        if program is None:
            raise RuntimeError(converter_missing_message())
        with conversion.docx.open("rb") as handle:
            pdf = _convert(handle.read(), program=program)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        logger.warning("PDF conversion %s failed: %s", conversion.pk, exc)
        return _finish(conversion, error=str(exc) or exc.__class__.__name__)
    return _finish(conversion, pdf=pdf, pages=pages)


@transaction.atomic
def _finish(conversion: Conversion, *, pdf: bytes = b"", pages: int = 0, error: str = ""):
    locked = Conversion.objects.select_for_update().get(pk=conversion.pk)
    if pdf:
        locked.pdf.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
        locked.status, locked.pages = ConversionStatus.DONE, pages
    else:
        locked.status, locked.error = ConversionStatus.FAILED, error[:2000]
    locked.finished_at = timezone.now()
    locked.save()
    audit_record(
        actor=None,
        action=AuditAction.DOCUMENT_PDF_DONE if pdf else AuditAction.DOCUMENT_PDF_FAIL,
        obj=locked,
        changes={"pages": pages} if pdf else {"error": error[:500]},
    )
    return locked
