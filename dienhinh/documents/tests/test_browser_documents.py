"""In real Chromium on the demo: the district's compiler takes the dispatch and the list of
October 2023 as Word and PDF, a ward officer takes an achievement report in the template of
its date, the relay of 785/BTĐKT-THHC comes out as a draft dispatch, and its signed copy is
uploaded back. The PDFs are made by real LibreOffice (the worker runs in-process in tests).
"""

import io
import os
import shutil

import pytest
from django.conf import settings as django_settings
from pypdf import PdfReader

from dienhinh.browser import log_in
from dienhinh.demo.scenario import load_demo
from dienhinh.dispatches.models import Dispatch
from dienhinh.documents.tests.docx_reading import read, texts
from dienhinh.documents.tests.test_signed import pdf_bytes
from dienhinh.nominations.models import Batch, Nomination

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = django_settings.DIENHINH_DEMO_PASSWORD
needs_converter = pytest.mark.skipif(
    not shutil.which("soffice") and not os.environ.get("CI"), reason="LibreOffice is needed"
)


@pytest.fixture
def demo(live_server, settings, tmp_path, clock):
    clock(2026, 12, 2, 9)
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    return live_server


def _download(page, locator):
    with page.expect_download() as info:
        locator.click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def _pdf(page, row, timeout=90_000):
    row.get_by_role("button", name="Tạo bản PDF").click()
    link = row.get_by_role("link", name="PDF (")
    link.wait_for(timeout=timeout)
    return _download(page, link)


@needs_converter
def test_the_compiler_downloads_the_october_dispatch_and_list_as_word_and_pdf(new_page, demo):
    # The district was dissolved on 1/7/2025: its records are the city's, and the city's
    # compiler opens them (the district's own compiler now only reads).
    page = new_page(width=1366)
    log_in(page, page.base_url, "hp.tonghop", PASSWORD)
    batch = Batch.objects.get(status="forwarded", period__key="2023-10")
    page.goto(f"{page.base_url}/ho-so/tong-hop/{batch.period_id}/")
    page.get_by_role("link", name="Công văn và danh sách (Word, PDF)").click()
    page.wait_for_load_state()
    letter_row = page.locator("li", has_text="Công văn gửi danh sách")
    name, content = _download(page, letter_row.get_by_role("link", name="Word (.docx)"))
    assert name == "cong-van-gui-danh-sach-2023-10-uy-ban-nhan-dan-quan-duong-kinh.docx"
    letter = texts(read(content))
    assert "Kính gửi: Ban Thi đua - Khen thưởng thành phố Hải Phòng." in letter
    assert "Dương Kinh, ngày 17 tháng 10 năm 2023" in letter
    annex_row = page.locator("li", has_text="Danh sách trích ngang")
    _name, content = _download(page, annex_row.get_by_role("link", name="Word (.docx)"))
    rows = read(content).tables[-1].rows
    assert {r.cells[1].text.split("\n")[0] for r in rows[1:]} == {
        "Nguyễn Văn Tâm",
        "Lê Thị Hoa",
        "Trần Văn Quý",
    }
    for row, pages in ((letter_row, 1), (annex_row, 1)):
        name, content = _pdf(page, row)
        assert name.endswith(".pdf") and content.startswith(b"%PDF-")
        assert len(PdfReader(io.BytesIO(content)).pages) == pages
    page.screenshot(path=str(demo_shot("documents-list-1366.png")), full_page=True)


@needs_converter
def test_a_ward_officer_downloads_the_achievement_report_in_the_template_of_its_date(
    new_page, demo
):
    page = new_page(width=390, height=844)
    log_in(page, page.base_url, "hungdao.baocao", PASSWORD)
    nomination = Nomination.objects.get(full_name="Nguyễn Văn Tâm")
    page.goto(f"{page.base_url}/ho-so/{nomination.pk}/")
    page.get_by_role("link", name="Báo cáo thành tích (Word, PDF)").click()
    page.wait_for_load_state()
    row = page.locator("li", has_text="Báo cáo thành tích cá nhân")
    assert "Mẫu theo Nghị định số 91/2017/NĐ-CP" in row.inner_text()
    name, content = _download(page, row.get_by_role("link", name="Word (.docx)"))
    assert name.startswith("bao-cao-thanh-tich-nd91-2017-")
    report = read(content)
    assert report.core_properties.keywords == "nd91-2017"
    assert "II. THÀNH TÍCH ĐẠT ĐƯỢC" in texts(report)
    _name, pdf = _pdf(page, row)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(demo_shot("documents-report-390.png")), full_page=True)


def test_the_relay_of_785_downloads_as_a_draft_and_its_signed_copy_is_uploaded_back(
    new_page, demo, tmp_path
):
    page = new_page(width=1366)
    log_in(page, page.base_url, "hp.tonghop", PASSWORD)  # the dissolved district's successor
    relay = Dispatch.objects.get(unit__name="Ủy ban nhân dân quận Dương Kinh", parent__isnull=False)
    page.goto(f"{page.base_url}/cong-van/{relay.pk}/")
    page.get_by_role("link", name="Dự thảo công văn (Word, PDF)").click()
    page.wait_for_load_state()
    row = page.locator("li", has_text="Công văn triển khai")
    _name, content = _download(page, row.get_by_role("link", name="Word (.docx)"))
    letter = texts(read(content))
    assert any(
        t.startswith(
            "Ủy ban nhân dân quận Dương Kinh nhận được Công văn số 785/BTĐKT-THHC ngày 12/9/2023"
        )
        for t in letter
    )
    assert "- Ủy ban nhân dân các phường." in letter
    signed = tmp_path / "cong-van-da-ky.pdf"
    signed.write_bytes(pdf_bytes(2))
    page.get_by_text("Tải lên bản đã ký").click()
    page.fill("#id_number", "712/UBND-NV")
    page.fill("#id_date", "20/09/2023")
    page.set_input_files("#id_file", str(signed))
    page.get_by_role("button", name="Lưu bản đã ký").click()
    page.wait_for_load_state()
    assert "Đã lưu bản đã ký và vào sổ số 712/UBND-NV" in page.inner_text("main")
    assert "Không lập lại dự thảo nữa" in page.inner_text("main")
    relay.refresh_from_db()
    assert relay.number == "712/UBND-NV"
    page.goto(f"{page.base_url}/cong-van/{relay.pk}/")
    _name, kept = _download(page, page.get_by_role("link", name="Bản đã ký"))
    assert kept == signed.read_bytes()


def test_the_settings_page_of_the_city_reads_well_on_a_phone(new_page, demo):
    page = new_page(width=390, height=844)
    log_in(page, page.base_url, "hp.quantri", PASSWORD)
    city = Dispatch.objects.filter(parent__isnull=True).first().unit
    page.goto(f"{page.base_url}/van-ban/don-vi/{city.pk}/")
    assert page.input_value("#id_symbol") == "BTĐKT-THHC"
    page.fill("#id_symbol", "BTĐKT/THHC")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state()
    assert "Ghi ký hiệu như trong sổ văn thư" in page.inner_text("main")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.screenshot(path=str(demo_shot("documents-settings-390.png")), full_page=True)


def demo_shot(name: str):
    from pathlib import Path

    folder = Path(django_settings.BASE_DIR) / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
