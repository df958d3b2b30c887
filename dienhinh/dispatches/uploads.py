"""What happens to an upload after the request: the worker reads a PDF or a picture
(`dispatch_read`, text recognition included), and the person checking a recognised text
corrects it (`dispatch_correct_text`), which reads the fields again.

The upload itself is `services.dispatch_upload`. A reading that fails keeps nothing of the
file: the original and its text are deleted, the draft keeps only the reason, shown to the
person who uploaded it.
"""

import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.errors import ApplicationError

from .limits import DispatchReadError, max_text_chars
from .models import READING_STEPS, Dispatch, Reading, Status
from .parser import parse_text
from .reading import ExtractedText, extract_text
from .services import _apply, fields_from_parsed

log = logging.getLogger(__name__)


def _step(dispatch_id: int, to: str) -> Dispatch | None:
    """Move the reading on, if the transition map allows it; None when it does not (a task
    run twice, a draft discarded meanwhile)."""
    with transaction.atomic():
        dispatch = Dispatch.objects.select_for_update().filter(pk=dispatch_id).first()
        if dispatch is None or to not in READING_STEPS[Reading(dispatch.reading)]:
            return None
        dispatch.reading = to
        dispatch.save(update_fields=["reading", "updated_at"])
        return dispatch


def _progress(dispatch_id: int):
    def report(done: int, total: int) -> None:
        Dispatch.objects.filter(pk=dispatch_id).update(reading_done=done, reading_total=total)

    return report


def dispatch_read(*, dispatch_id: int) -> None:
    """The worker's reading of a queued upload (a PDF or a picture)."""
    dispatch = _step(dispatch_id, Reading.READING)
    if dispatch is None:
        return
    with dispatch.file.open("rb") as stream:
        data = stream.read()
    with translation.override(settings.LANGUAGE_CODE):
        try:
            extracted = extract_text(data, dispatch.file_name, progress=_progress(dispatch_id))
        except DispatchReadError as refused:
            _fail(dispatch_id, refused.message)
            return
        except Exception:
            log.exception("reading dispatch %s failed", dispatch_id)
            _fail(dispatch_id, _("The file could not be read. Upload it again, or another copy."))
            return
    _done(dispatch_id, extracted)


def _fail(dispatch_id: int, message: str) -> None:
    with transaction.atomic():
        dispatch = Dispatch.objects.select_for_update().filter(pk=dispatch_id).first()
        if dispatch is None or Reading.FAILED not in READING_STEPS[Reading(dispatch.reading)]:
            return
        name, storage = dispatch.file.name, dispatch.file.storage
        dispatch.reading = Reading.FAILED
        dispatch.reading_error = message
        dispatch.file = ""
        dispatch.text = ""
        dispatch.save()
        audit_record(
            actor=None,
            action=AuditAction.DISPATCH_READ_FAILED,
            obj=dispatch,
            unit=dispatch.unit,
            changes={"file": dispatch.file_name, "reason": message},
        )
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def _store_images(dispatch: Dispatch, images: tuple[bytes, ...]) -> list[str]:
    storage = dispatch.file.storage
    folder = f"dispatches/{dispatch.unit_id}/pages"
    stem = uuid.uuid4().hex
    return [
        storage.save(f"{folder}/{stem}-{number}.jpg", ContentFile(image))
        for number, image in enumerate(images, start=1)
    ]


def _done(dispatch_id: int, extracted: ExtractedText) -> None:
    parsed = parse_text(extracted.text)
    with transaction.atomic():
        dispatch = Dispatch.objects.select_for_update().filter(pk=dispatch_id).first()
        if dispatch is None or Reading.DONE not in READING_STEPS[Reading(dispatch.reading)]:
            return
        dispatch.page_images = _store_images(dispatch, extracted.images)
        dispatch.ocr_pages = list(extracted.ocr_pages)
        dispatch.reading = Reading.DONE
        dispatch.reading_done = dispatch.reading_total = extracted.pages or 0
        dispatch.text = extracted.text
        dispatch.parsed = parsed
        dispatch.emails = [e["address"] for e in parsed["emails"]]
        _apply(dispatch, fields_from_parsed(parsed))
        dispatch.save()
        audit_record(
            actor=None,
            action=AuditAction.DISPATCH_READ,
            obj=dispatch,
            unit=dispatch.unit,
            changes={
                "pages": extracted.pages,
                "ocr_pages": list(extracted.ocr_pages),
                "asks_for_examples": parsed["asks_for_examples"],
            },
        )


@transaction.atomic
def dispatch_correct_text(*, actor, dispatch: Dispatch, text: str, revision: int) -> Dispatch:
    """The person checking a draft corrects its text (a recognised scan's misread words) and
    the fields are read again from the corrected text. Only drafts: a registered dispatch's
    fields are corrected one by one."""
    locked = Dispatch.objects.select_for_update().get(pk=dispatch.pk)
    if locked.status != Status.DRAFT or locked.reading != Reading.DONE:
        raise ApplicationError(_("Only the text of a draft that has been read can be corrected."))
    if locked.revision != revision:
        raise ApplicationError(
            _("Someone else changed this dispatch while you were editing. Reload and try again.")
        )
    text = "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n"))
    if not text.strip():
        raise ApplicationError(_("The text cannot be empty."), field="text")
    if len(text) > max_text_chars():
        raise ApplicationError(
            _("The pasted text is too long (more than %(count)s characters).")
            % {"count": f"{max_text_chars():,}".replace(",", ".")},
            field="text",
        )
    parsed = parse_text(text)
    locked.text, locked.parsed = text, parsed
    locked.emails = [e["address"] for e in parsed["emails"]]
    _apply(locked, fields_from_parsed(parsed))
    locked.revision += 1
    locked.save()
    audit_record(
        actor=actor,
        action=AuditAction.DISPATCH_CORRECT_TEXT,
        obj=locked,
        unit=locked.unit,
        changes={"characters": len(text), "asks_for_examples": parsed["asks_for_examples"]},
    )
    return locked
