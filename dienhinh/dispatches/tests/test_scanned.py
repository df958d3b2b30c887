"""Scanned dispatches and phone photos: read by the worker with real Tesseract (Vietnamese
model), the draft showing its progress, the recognised text shown beside the page to
correct, and every bad scan refused plainly with nothing kept.

The scans are made here from the sample dispatches (tests/scans.py): printed with a serif
font, a red seal over the signature, specks of noise, a page laid crooked.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter

from dienhinh.audit.models import AuditEvent
from dienhinh.dispatches import ocr, services, uploads
from dienhinh.dispatches.models import Dispatch, Reading
from dienhinh.dispatches.parser import parse_text
from dienhinh.dispatches.reading import DispatchReadError, extract_text

from . import scans
from .conftest import SAMPLES
from .test_reading import fixture

pytestmark = pytest.mark.django_db

CITY = (SAMPLES / "city-785-BTDKT-THHC.txt").read_text(encoding="utf-8")
DISTRICT = (SAMPLES / "district-UBND-NV-duong-kinh.txt").read_text(encoding="utf-8")
OCR_MISSING = (
    "Tệp này là bản quét (ảnh chụp các trang). Muốn đọc được cần phần mềm nhận dạng chữ (OCR, "
    "Tesseract có gói tiếng Việt) nhưng máy chủ chưa cài. Hãy đề nghị quản trị hệ thống cài đặt, "
    "hoặc tải lên tệp .docx hay tệp PDF xuất trực tiếp từ Word."
)
NOTHING = (
    "Không nhận dạng được chữ nào trong bản quét hoặc ảnh chụp. Hãy chụp hoặc quét lại công văn "
    "đặt phẳng, đủ sáng, lấy trọn cả trang, rồi tải lên lại."
)
# What a programme is proposed from: the same in a scan as in the text.
PROGRAMME_FIELDS = ("asks_for_examples", "cadence", "quota", "symbol", "subject")


@pytest.fixture(scope="module")
def district_scan():
    return scans.as_pdf(scans.scanned(DISTRICT, skew=1.5, seed=2))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(cast, data: bytes, name: str, *, run=True, capture=None):
    draft = services.dispatch_upload(
        actor=cast.compiler,
        unit=cast.district,
        direction="outgoing",
        upload=SimpleUploadedFile(name, data),
    )
    if run:
        uploads.dispatch_read(dispatch_id=draft.pk)
    draft.refresh_from_db()
    return draft


def deadlines(parsed):
    return [(d["relation"], d["day"], d["in"]) for d in parsed["deadlines"]]


def test_a_scanned_pdf_is_queued_for_the_worker_and_read_like_its_text(
    cast, district_scan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        draft = upload(cast, district_scan, "cong-van-quet.pdf", run=False)
    assert len(callbacks) == 1  # the worker's task, queued once the draft is stored
    draft.refresh_from_db()
    assert draft.reading == Reading.DONE
    assert draft.ocr_pages == [1, 2, 3, 4] and len(draft.page_images) == 4
    text = parse_text(DISTRICT)
    for key in PROGRAMME_FIELDS:
        assert draft.parsed[key] == text[key], key
    assert deadlines(draft.parsed) == deadlines(text)
    assert draft.issuer_name == "ỦY BAN NHÂN DÂN QUẬN DƯƠNG KINH"
    assert AuditEvent.objects.filter(action="dispatch.read").count() == 1


def test_a_phone_photo_of_a_page_is_read(cast):
    page = scans.photo(scans.stamp(scans.pages(CITY)[0]), seed=3)
    draft = upload(cast, scans.as_jpeg(page), "anh-chup.jpg")
    assert draft.reading == Reading.DONE and draft.ocr_pages == [1]
    assert draft.parsed["symbol"] == "BTĐKT-THHC"
    assert "tăng cường công tác tuyên truyền" in draft.subject


def test_a_pdf_mixing_text_pages_and_scanned_pages_reads_both(cast):
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(fixture("city-785-BTDKT-THHC.pdf"))).pages[0])
    rest = CITY[CITY.index("Cung cấp hình ảnh") :]
    for page in PdfReader(io.BytesIO(scans.as_pdf(scans.scanned(rest, seed=5)))).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    draft = upload(cast, out.getvalue(), "hon-hop.pdf")
    assert draft.reading == Reading.DONE
    assert draft.ocr_pages == [2]
    assert "Số: /BTĐKT-THHC" in draft.text  # the text layer of page 1
    assert draft.parsed["emails"][0]["address"] == "hdtckt@haiphong.gov.vn"  # the scan
    assert draft.parsed["signer"] == {"name": "Vũ Thị Hương", "title": "TRƯỞNG BAN"}


def wall() -> Image.Image:
    """A photo of a brick wall: texture, no text."""
    image = Image.new("RGB", (1600, 1200), (150, 70, 50))
    draw = ImageDraw.Draw(image)
    for row in range(0, 1200, 60):
        offset = 60 if (row // 60) % 2 else 0
        draw.line((0, row, 1600, row), fill=(210, 210, 200), width=8)
        for x in range(offset, 1600, 120):
            draw.line((x, row, x, row + 60), fill=(210, 210, 200), width=8)
    return scans.scanner(image, skew=3, noise=0.02)


def test_a_photo_of_a_wall_is_refused_as_holding_no_text_and_nothing_is_kept(
    cast, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = upload(cast, scans.as_jpeg(wall()), "tuong.jpg", run=False)
    draft.refresh_from_db()
    assert draft.reading == Reading.FAILED
    assert draft.reading_error == NOTHING
    assert not draft.file and not draft.text
    assert not [p for p in (settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_a_300_page_scan_is_refused_before_any_recognition_naming_the_limit(cast, monkeypatch):
    monkeypatch.setattr(ocr, "recognise", lambda *args: pytest.fail("recognised"))
    blank = Image.new("L", (200, 280), 255)
    ImageDraw.Draw(blank).rectangle((20, 20, 180, 60), fill=0)  # a picture on every page
    out = io.BytesIO()
    blank.save(out, "PDF", save_all=True, append_images=[blank] * 299)
    with translation.override("vi"), pytest.raises(DispatchReadError) as caught:
        upload(cast, out.getvalue(), "quet-300-trang.pdf")
    assert caught.value.message == (
        "Tệp PDF có 300 trang, trong khi một công văn không dài quá 200 trang. Hãy kiểm tra lại "
        "xem có đúng tệp không."
    )
    assert not Dispatch.objects.exists()


def test_a_scan_longer_than_the_recognition_limit_is_refused_before_recognition(
    cast, settings, monkeypatch
):
    settings.DISPATCH_MAX_OCR_PAGES = 20
    monkeypatch.setattr(ocr, "recognise", lambda *args: pytest.fail("recognised"))
    blank = Image.new("L", (200, 280), 255)
    ImageDraw.Draw(blank).rectangle((20, 20, 180, 60), fill=0)
    out = io.BytesIO()
    blank.save(out, "PDF", save_all=True, append_images=[blank] * 24)
    draft = upload(cast, out.getvalue(), "quet-25-trang.pdf")
    assert draft.reading == Reading.FAILED
    assert draft.reading_error == (
        "Tệp có 25 trang quét, trong khi mỗi lần tải lên chỉ nhận dạng tối đa 20 trang quét. Hãy "
        "chỉ tải lên các trang của công văn."
    )
    assert not draft.file


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "anh.heic",
            b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100,
            "Không đọc được ảnh định dạng .heic. Hãy lưu ảnh chụp hoặc bản quét dưới dạng JPEG "
            "hoặc PNG (hoặc PDF) rồi tải lên lại.",
        ),
        (
            "anh.png",  # a Windows bitmap named .png
            (lambda out: (Image.new("RGB", (50, 50)).save(out, "BMP"), out.getvalue())[1])(
                io.BytesIO()
            ),
            "Không đọc được ảnh định dạng .bmp. Hãy lưu ảnh chụp hoặc bản quét dưới dạng JPEG "
            "hoặc PNG (hoặc PDF) rồi tải lên lại.",
        ),
        (
            "anh.jpg",
            b"\xff\xd8\xff" + b"hong" * 50,
            "Ảnh bị hỏng, hoặc không đúng định dạng như đuôi tên tệp.",
        ),
    ],
    ids=["heic", "bmp named png", "damaged jpeg"],
)
def test_an_image_in_an_unsupported_format_is_refused_at_once(cast, name, data, message):
    with translation.override("vi"), pytest.raises(DispatchReadError) as caught:
        upload(cast, data, name)
    assert caught.value.message == message
    assert not Dispatch.objects.exists()


def test_without_ocr_installed_a_photo_is_refused_at_once_saying_scans_need_it(cast, settings):
    settings.DISPATCH_TESSERACT = "/nonexistent/tesseract"
    assert not ocr.available()
    with translation.override("vi"), pytest.raises(DispatchReadError) as caught:
        upload(cast, scans.as_jpeg(scans.pages(CITY)[0]), "anh.jpg")
    assert caught.value.message == OCR_MISSING
    assert not Dispatch.objects.exists()


def test_without_ocr_installed_a_scanned_pdf_fails_saying_scans_need_it(
    cast, settings, district_scan
):
    settings.DISPATCH_TESSERACT = "/nonexistent/tesseract"
    draft = upload(cast, district_scan, "quet.pdf")
    assert draft.reading == Reading.FAILED and draft.reading_error == OCR_MISSING
    assert not draft.file


def test_without_ocr_a_pdf_with_a_text_layer_still_reads(cast, settings):
    settings.DISPATCH_TESSERACT = "/nonexistent/tesseract"
    draft = upload(cast, fixture("city-785-BTDKT-THHC.pdf"), "cv.pdf")
    assert draft.reading == Reading.DONE and draft.ocr_pages == []


def test_the_draft_shows_its_progress_until_read_then_the_page_beside_its_text(
    client, cast, district_scan
):
    client.force_login(cast.compiler)
    with translation.override("vi"):
        draft = upload(cast, district_scan, "quet.pdf", run=False)
        page = client.get(reverse("dispatches:review", args=[draft.pk])).content.decode()
        assert "Đang chờ đọc" in page and 'hx-trigger="every 1s"' in page
        status = client.get(reverse("dispatches:reading_status", args=[draft.pk]))
        assert "HX-Refresh" not in status
        Dispatch.objects.filter(pk=draft.pk).update(
            reading=Reading.READING, reading_done=1, reading_total=4
        )
        status = client.get(reverse("dispatches:reading_status", args=[draft.pk]))
        assert "Đang đọc: đã xong 1/4 trang" in status.content.decode()

        Dispatch.objects.filter(pk=draft.pk).update(reading=Reading.QUEUED)
        uploads.dispatch_read(dispatch_id=draft.pk)
        status = client.get(reverse("dispatches:reading_status", args=[draft.pk]))
        assert status["HX-Refresh"] == "true"
        page = client.get(reverse("dispatches:review", args=[draft.pk])).content.decode()
    assert "Đối chiếu văn bản nhận dạng với trang gốc" in page
    assert page.count('class="img-fluid border"') == 4
    image = client.get(reverse("dispatches:page_image", args=[draft.pk, 1]))
    assert image["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(image.streaming_content))).width > 500
    assert client.get(reverse("dispatches:page_image", args=[draft.pk, 5])).status_code == 404


def test_a_failed_reading_is_shown_plainly(client, cast):
    client.force_login(cast.compiler)
    draft = upload(cast, scans.as_jpeg(wall()), "tuong.jpg")
    with translation.override("vi"):
        page = client.get(reverse("dispatches:review", args=[draft.pk])).content.decode()
    assert NOTHING in page and "Hệ thống không lưu lại gì của tệp này." in page


def test_correcting_the_recognised_text_reads_the_fields_again(client, cast):
    draft = upload(cast, scans.as_jpeg(scans.pages(CITY)[0]), "anh.jpg")
    corrected = draft.text.replace("Số: /BTĐKT-THHC", "Số: 785/BTĐKT-THHC")
    if "785/BTĐKT-THHC" not in corrected:
        corrected = "Số: 785/BTĐKT-THHC\n" + draft.text
    client.force_login(cast.compiler)
    response = client.post(
        reverse("dispatches:correct_text", args=[draft.pk]),
        {"text": corrected, "revision": draft.revision},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.number == "785/BTĐKT-THHC" and draft.revision == 2
    assert AuditEvent.objects.filter(action="dispatch.correct_text").count() == 1


def test_a_correction_posted_on_a_stale_page_changes_nothing(client, cast):
    draft = upload(cast, scans.as_jpeg(scans.pages(CITY)[0]), "anh.jpg")
    client.force_login(cast.compiler)
    client.post(
        reverse("dispatches:correct_text", args=[draft.pk]),
        {"text": "Số: 1/ABC", "revision": draft.revision + 5},
    )
    draft.refresh_from_db()
    assert draft.revision == 1 and "Số: 1/ABC" not in draft.text


def test_recognition_reads_a_crooked_noisy_stamped_page_with_its_diacritics():
    text = extract_text(scans.as_png(scans.scanned(CITY, skew=3.0, seed=9)[0]), "p.png").text
    assert "Kính gửi" in text and "Ủy ban nhân dân các quận, huyện" in text
