"""The compliance export writes user text as text: a unit named like a formula must not
become a live formula in the sheet a compiler forwards (issue 9, defect 2)."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dienhinh.cycles.tests import test_dashboard as selectors
from dienhinh.cycles.tests.test_dashboard import KEY, LATE, ON_TIME, send
from dienhinh.units.models import Unit

pytestmark = pytest.mark.clock(2026, 11, 20)

chain = selectors.chain
HOSTILE = ['=HYPERLINK("http://x.invalid","Bấm")', "+1+2", "@SUM(A1:A2)"]


@pytest.fixture
def hostile_units(cast, chain, monkeypatch):
    """The ward reported on time, the office late, ward2 sent nothing; each (and a sub-unit
    of the district) then carries a name a spreadsheet would take for a formula."""
    send(cast, chain["district"], cast.ward, on=ON_TIME, monkeypatch=monkeypatch, accept=True)
    send(cast, chain["district"], cast.office, on=LATE, monkeypatch=monkeypatch)
    for unit, name in zip([cast.ward2, cast.office, cast.ward], HOSTILE, strict=False):
        Unit.objects.filter(pk=unit.pk).update(name=name)


def _export(client, cast) -> bytes:
    client.force_login(cast.compiler)
    url = f"{reverse('dashboard:export')}?don_vi={cast.district.pk}&ky={KEY}"
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_a_unit_named_like_a_formula_is_written_as_text_in_every_sheet(client, cast, hostile_units):
    content = _export(client, cast)
    book = load_workbook(io.BytesIO(content))
    seen = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in HOSTILE:
                    seen.setdefault(cell.value, []).append(cell)
    assert set(seen) == set(HOSTILE)
    for cells in seen.values():
        for cell in cells:
            assert cell.data_type == "s", cell.coordinate
            assert cell.quotePrefix, cell.coordinate
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)


def test_every_sheet_of_the_export_prints_on_a4_landscape_with_its_header(client, cast, chain):
    book = load_workbook(io.BytesIO(_export(client, cast)))
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.print_title_rows == "$3:$3"
        assert sheet.freeze_panes == "A4"
