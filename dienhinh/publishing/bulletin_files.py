"""The bulletin as files: a printable DOCX (A4, Times New Roman, the margins of Nghị định
30/2020) and an audio draft read by espeak-ng's Vietnamese voice, encoded to OGG Vorbis by
ffmpeg when it is installed (else kept as WAV). The audio is made by the worker."""

import io
import logging
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import vn_long_date
from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import fold

from .bulletins import reading_minutes
from .models import Bulletin

logger = logging.getLogger(__name__)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ESPEAK_SPEED = 140  # words a minute: a calm loudspeaker reading
AUDIO_TIMEOUT = 300


def docx_name(bulletin: Bulletin) -> str:
    return f"ban-tin-{bulletin.starts_on:%Y-%m-%d}-{slugify(fold(bulletin.outlet.unit.name))}.docx"


def _paragraph(document, text: str, *, bold=False, italic=False, size=14, center=False):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def bulletin_docx(bulletin: Bulletin) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    _paragraph(document, bulletin.outlet.unit.name.upper(), bold=True, size=13)
    _paragraph(document, bulletin.outlet.name, size=13)
    _paragraph(document, _("LOUDSPEAKER BULLETIN"), bold=True, size=15, center=True)
    _paragraph(document, bulletin.title, italic=True, center=True)
    minutes = reading_minutes(bulletin)
    _paragraph(
        document,
        _("Reading time: about %(minutes)s minutes.") % {"minutes": minutes},
        italic=True,
        size=12,
    )
    for block in bulletin.script.split("\n\n"):
        paragraph = _paragraph(document, block.strip())
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
    when = bulletin.broadcast_on or bulletin.starts_on
    _paragraph(
        document, vn_long_date(when), italic=True, size=13
    ).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _speak(text: str, folder: Path) -> tuple[bytes, str, str]:
    """(audio, extension, content type) of the text read by espeak-ng's Vietnamese voice."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise ApplicationError(_("The speech engine (espeak-ng) is not installed on the server."))
    source, wav = folder / "script.txt", folder / "bulletin.wav"
    source.write_text(text, encoding="utf-8")
    command = [espeak, "-v", "vi", "-s", str(ESPEAK_SPEED), "-f", str(source), "-w", str(wav)]
    subprocess.run(command, check=True, capture_output=True, timeout=AUDIO_TIMEOUT)
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return wav.read_bytes(), ".wav", "audio/wav"
    ogg = folder / "bulletin.ogg"
    subprocess.run(
        [
            ffmpeg,
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-i",
            str(wav),
            "-c:a",
            "libvorbis",
            "-q:a",
            "3",
            str(ogg),
        ],
        check=True,
        capture_output=True,
        timeout=AUDIO_TIMEOUT,
    )
    return ogg.read_bytes(), ".ogg", "audio/ogg"


def bulletin_make_audio(*, bulletin_id: int, revision: int) -> bool:
    """Read the script at `revision` into an audio draft. Skipped (False) when the script
    changed since it was asked for, or the draft is already of that revision: a job run
    twice, or late, makes nothing twice and never overwrites a newer draft."""
    bulletin = Bulletin.objects.select_related("outlet__unit").get(pk=bulletin_id)
    if bulletin.revision != revision or bulletin.audio_revision == revision:
        return False
    with tempfile.TemporaryDirectory(prefix="dienhinh-bulletin-") as folder:
        audio, extension, _type = _speak(bulletin.script, Path(folder))
    name = f"{uuid.uuid4().hex}{extension}"
    stored = bulletin.audio.storage.save(f"publishing/bulletins/{name}", ContentFile(audio))
    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().get(pk=bulletin_id)
        if locked.revision != revision:
            bulletin.audio.storage.delete(stored)
            return False
        old = locked.audio.name
        locked.audio.name, locked.audio_revision = stored, revision
        locked.save(update_fields=["audio", "audio_revision"])
        audit_record(
            actor=None,
            action=AuditAction.BULLETIN_AUDIO,
            obj=locked,
            unit=locked.outlet.unit,
            changes={"revision": revision, "bytes": len(audio)},
        )
        if old:
            transaction.on_commit(lambda: bulletin.audio.storage.delete(old))
    return True
