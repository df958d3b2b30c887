"""The yearbook (kỷ yếu) of an 11 June collection: the year's published examples and the
chosen photos, as a Word document laid out as Nghị định 30/2020 asks (A4, Times New Roman
13 pt, margins 20/20/30/15 mm), and as PDF through LibreOffice when it is installed.

`yearbook_render` is the one function that turns a collection into a document, so it can
move onto the shared document engine (dienhinh/documents/) without its callers changing.
"""

import hashlib
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from dienhinh.common.dates import period_label, vn_date

from . import selectors, storage_io
from .models import ArchiveExport, Collection, ExportKind, MaterialKind
from .services import anniversary_range

PHOTO_WIDTH = Mm(150)
MAX_EMBED_BYTES = 4 * 1024 * 1024


def _document() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    for name, size in (("Heading 1", 14), ("Heading 2", 13)):
        heading = document.styles[name]
        heading.font.name, heading.font.size = "Times New Roman", Pt(size)
        heading.font.color.rgb = RGBColor(0, 0, 0)
    return document


def _centered(document, text: str, *, size: int = 13, bold: bool = False, italic=False):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _picture(document, name: str, size: int, preview: str = "") -> None:
    source = name if size <= MAX_EMBED_BYTES or not preview else preview
    data = b"".join(storage_io.read_chunks(default_storage, source))
    document.add_picture(io.BytesIO(data), width=PHOTO_WIDTH)
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _cover(document, collection: Collection) -> None:
    start, end = anniversary_range(collection.year)
    _centered(document, collection.unit.name.upper(), bold=True)
    for _line in range(4):
        document.add_paragraph()
    _centered(document, _("YEARBOOK"), size=26, bold=True)
    _centered(
        document,
        _(
            "Anniversary of President Hồ Chí Minh's Call for Patriotic Emulation "
            "(11/6/1948 – 11/6/%(year)s)"
        )
        % {"year": collection.year},
        size=15,
        bold=True,
    )
    _centered(
        document,
        _("From %(start)s to %(end)s") % {"start": vn_date(start), "end": vn_date(end)},
        italic=True,
    )
    document.add_page_break()


def _examples(document, examples) -> None:
    document.add_heading(_("I. Exemplary people and good deeds of the year"), level=1)
    for number, nomination in enumerate(examples, start=1):
        document.add_heading(f"{number}. {nomination.headline}", level=2)
        line = f"{nomination.subject_name} · {nomination.unit.name} · "
        document.add_paragraph(line + period_label(nomination.period.key)).runs[0].italic = True
        document.add_paragraph(nomination.story)
        photos = [a for a in nomination.attachments.all() if a.kind == "photo"]
        if photos:
            _picture(document, photos[0].file.name, photos[0].size, photos[0].thumbnail.name)


def _material(document, materials) -> None:
    document.add_heading(_("II. Emulation activities in pictures"), level=1)
    current = None
    for material in materials:
        month = period_label(f"{material.taken_on:%Y-%m}")
        if month != current:
            current = month
            document.add_heading(month[:1].upper() + month[1:], level=2)
        if material.kind == MaterialKind.PHOTO:
            _picture(document, material.file.name, material.size, material.preview.name)
        elif material.kind == MaterialKind.VIDEO and material.preview:
            _picture(document, material.preview.name, 0)
        caption = f"{material.title} ({material.unit.name}, {vn_date(material.taken_on)})"
        if material.caption:
            caption += f". {material.caption}"
        if material.credit:
            caption = (
                caption.rstrip(".") + ". " + _("Photo: %(credit)s") % {"credit": material.credit}
            )
        paragraph = document.add_paragraph(caption)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.runs[0].italic = True


def yearbook_render(*, collection: Collection) -> bytes:
    """The collection's yearbook as DOCX bytes."""
    start, end = anniversary_range(collection.year)
    materials = list(selectors.collection_material(collection))
    examples = list(selectors.published_examples(root=collection.unit, start=start, end=end))
    materials.sort(key=lambda m: (m.taken_on, m.unit.name, m.pk))
    document = _document()
    _cover(document, collection)
    if examples:
        _examples(document, examples)
    if materials:
        _material(document, materials)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(docx: bytes) -> bytes | None:
    """The PDF LibreOffice makes of a DOCX; None when LibreOffice is not installed."""
    soffice = shutil.which(settings.DIENHINH_SOFFICE)
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "yearbook.docx"
        source.write_bytes(docx)
        profile = Path(folder, "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless"]
        command += ["--convert-to", "pdf", "--outdir", folder, str(source)]
        subprocess.run(command, capture_output=True, timeout=600, check=False)
        result = Path(folder) / "yearbook.pdf"
        return result.read_bytes() if result.exists() else None


def build_yearbook(export: ArchiveExport) -> tuple[str, int, str]:
    """The worker's part: render, convert if PDF is asked, store. Returns name, size, sha."""
    content = yearbook_render(collection=export.collection)
    extension = "docx"
    if export.kind == ExportKind.PDF:
        content = to_pdf(content)
        if content is None:
            raise RuntimeError(_("LibreOffice is not installed: the PDF cannot be made."))
        extension = "pdf"
    name = f"archive/exports/ky-yeu-11-6-{export.collection.year}-{export.pk}.{extension}"
    stored = default_storage.save(name, ContentFile(content))
    return stored, len(content), hashlib.sha256(content).hexdigest()
