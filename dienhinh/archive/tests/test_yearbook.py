import io
import os
import shutil
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from dienhinh.archive import exports
from dienhinh.archive.models import ArchiveExport, ExportKind, ExportStatus
from dienhinh.archive.services import collection_for
from dienhinh.archive.yearbook import yearbook_render

from .helpers import favourite, published_example, send_photo

pytestmark = pytest.mark.clock(2023, 10, 14, 10)


@pytest.fixture
def collection(cast, cycle):
    period, _city = cycle
    favourite(cast, send_photo(cast, period, seed=71, title="Lễ phát động", credit="Lê Văn C"))
    published_example(cast, period)
    return collection_for(unit=cast.city, year=2024)


def test_the_yearbook_has_a_cover_the_examples_and_the_captioned_photos(collection):
    document = Document(io.BytesIO(yearbook_render(collection=collection)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "KỶ YẾU" in text and "11/6/1948 – 11/6/2024" in text
    assert "Anh Tâm cứu hai em nhỏ" in text
    assert "Lễ phát động (Phường Hưng Đạo, 09/10/2023)" in text and "Ảnh: Lê Văn C" in text
    assert len(document.inline_shapes) == 2
    section = document.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.page_width.mm) == 210


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
def test_the_worker_makes_the_yearbook_pdf_with_libreoffice(cast, collection):
    export = exports.export_request(
        actor=cast.city_officer, collection=collection, kind=ExportKind.PDF
    )
    exports.export_build(export_id=export.pk)
    export = ArchiveExport.objects.get(pk=export.pk)
    assert export.status == ExportStatus.READY, export.error
    with export.file.open("rb") as stored:
        if os.environ.get("SCREENSHOTS_DIR"):  # keep it to look at
            Path(os.environ["SCREENSHOTS_DIR"], "yearbook.pdf").write_bytes(stored.read())
            stored.seek(0)
        reader = PdfReader(stored)
        text = " ".join(page.extract_text() for page in reader.pages)
    assert "KỶ YẾU" in text and "Anh Tâm" in text
