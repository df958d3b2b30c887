"""The 11 June flow in real Chromium on the demo, October 2023: a ward officer sends an
activity photo from a phone with the October submission, the district forwards it with its
list (and keeps another ward's), the city's board officer marks it in the album, builds
the 11/6 archive, watches the progress bar and downloads the ZIP, which opens with its
index and the caption inside the photo.

Set SCREENSHOTS_DIR to keep screenshots of every page at 390 px and 1366 px.
"""

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from dienhinh.archive.sample_material import picture
from dienhinh.archive.services import MaterialDetails, material_send
from dienhinh.browser import log_in
from dienhinh.cycles.models import Period
from dienhinh.demo.scenario import load_demo
from dienhinh.units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = django_settings.DIENHINH_DEMO_PASSWORD
ICT = dt.timezone(dt.timedelta(hours=7))
SHOTS = os.environ.get("SCREENSHOTS_DIR")


@pytest.fixture
def clock(monkeypatch):
    current = {}

    def set_to(*args):
        current["now"] = dt.datetime(*args, tzinfo=ICT).astimezone(dt.UTC)

    monkeypatch.setattr(timezone, "now", lambda: current["now"])
    return set_to


@pytest.fixture
def october(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600
    load_demo(replay=False)
    district = Unit.objects.get(name="Ủy ban nhân dân quận Dương Kinh")
    return Period.objects.get(programme__owner=district, key="2023-10")


def look(page, name: str) -> None:
    """Screenshots at phone and desktop width; the page must not scroll sideways."""
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} scrolls sideways at {width} px"


def test_wards_send_photos_the_district_forwards_the_city_builds_the_11_june_archive(
    new_page, live_server, october, clock, tmp_path
):
    period = october
    photo = tmp_path / "IMG_1009.jpg"
    photo.write_bytes(picture(3, "Trao giấy khen"))

    # 10/10/2023: the Hưng Đạo ward officer sends the award ceremony's photo from a phone.
    clock(2023, 10, 10, 9, 0)
    phone = new_page(width=390, height=844)
    log_in(phone, live_server.url, "hungdao.baocao", PASSWORD)
    phone.get_by_role("link", name="tháng 10/2023").first.click()
    phone.get_by_role("link", name="Gửi hình ảnh, tư liệu").click()
    look(phone, "send")
    phone.get_by_label("Ảnh, video (MP4) hoặc tài liệu").set_input_files(photo)
    phone.get_by_label("Tiêu đề").fill("Trao giấy khen người tốt việc tốt")
    phone.get_by_label("Ngày diễn ra hoạt động").fill("09/10/2023")
    phone.get_by_label("Chú thích").fill("Chủ tịch UBND phường trao giấy khen cho anh Tâm.")
    phone.get_by_label("Tác giả, nguồn ảnh").fill("Văn phòng UBND phường Hưng Đạo")
    phone.get_by_role("button", name="Gửi", exact=True).click()
    assert "Đã gửi “Trao giấy khen người tốt việc tốt”" in phone.locator("main").inner_text()
    look(phone, "unit-period")

    # 12/10: Đa Phúc sends its own photo (through the same service as the form).
    clock(2023, 10, 12, 15, 0)
    da_phuc = Unit.objects.get(name="Phường Đa Phúc", kind="ward", valid_to=dt.date(2025, 7, 1))
    material_send(
        actor=da_phuc.memberships.get(role="reporter").user,
        unit=da_phuc,
        period=period,
        upload=_upload(picture(4, "Ra quân")),
        details=MaterialDetails(title="Ra quân vệ sinh môi trường", taken_on=dt.date(2023, 10, 12)),
    )

    # 17/10: the district's compiler forwards the list with Hưng Đạo's photo only.
    clock(2023, 10, 17, 9, 0)
    desk = new_page(width=1366, height=900)
    log_in(desk, live_server.url, "dk.tonghop", PASSWORD)
    desk.goto(live_server.url + reverse("nominations:compile", args=[period.pk]))
    desk.get_by_label("Trao giấy khen người tốt việc tốt").check()
    look(desk, "compile")
    desk.get_by_role("button", name="Gửi lên Thành phố Hải Phòng").click()
    assert "Thành phố Hải Phòng" in desk.locator(".alert-success").first.inner_text()

    # 20/10: the city's board officer opens the album, looks, and marks it for 11/6.
    clock(2023, 10, 20, 9, 0)
    city = new_page(width=1366, height=900)
    log_in(city, live_server.url, "hp.canbo", PASSWORD)
    city.get_by_role("link", name="Tư liệu", exact=True).click()
    tiles = city.locator(".album-tile")
    assert tiles.count() == 1 and "Trao giấy khen" in tiles.first.inner_text()
    assert "Ra quân" not in city.locator("main").inner_text()  # kept by the district
    city.locator(".album-thumb").first.focus()
    city.keyboard.press("Enter")
    assert city.locator("#album-lightbox").is_visible()
    assert "Trao giấy khen" in city.locator("#lightbox-title").inner_text()
    look(city, "lightbox")
    city.keyboard.press("Escape")
    assert city.locator("#album-lightbox").is_hidden()
    city.get_by_role("button", name="Chọn cho 11/6").click()
    city.get_by_role("button", name="Đã chọn cho 11/6").wait_for()
    look(city, "album")

    # The 11/6 archive: build it, watch the progress, download it.
    city.get_by_role("link", name="Bộ tư liệu 11/6").click()
    look(city, "collection")
    city.get_by_role("button", name="Bộ tư liệu (ZIP)").click()
    bar = city.get_by_role("progressbar")
    bar.wait_for()
    city.wait_for_selector("#download")
    assert bar.get_attribute("value") == "100"
    look(city, "export")
    with city.expect_download() as arrived:
        city.locator("#download").click()
    saved = tmp_path / "archive.zip"
    arrived.value.save_as(saved)
    checksum = city.locator("#sha256").inner_text()

    archive = zipfile.ZipFile(saved)
    names = archive.namelist()
    assert {"index.xlsx", "index.html"} <= set(names)
    photo_name = next(n for n in names if n.endswith(".jpg"))
    assert photo_name.startswith("Phường Hưng Đạo/2023-10/")
    sheet = load_workbook(io.BytesIO(archive.read("index.xlsx"))).worksheets[0]
    assert sheet.cell(row=3, column=10).value == "Chủ tịch UBND phường trao giấy khen cho anh Tâm."
    image = Image.open(io.BytesIO(archive.read(photo_name)))
    assert "trao giấy khen cho anh Tâm".encode() in image.info["xmp"]
    import hashlib

    assert hashlib.sha256(saved.read_bytes()).hexdigest() == checksum


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("anh.jpg", data)
