"""In real Chromium, on the demo: a ward sends an example for this month, the city's
compiler returns it with a reason, the ward completes it and sends it again, the
compiler accepts it; another ward reports that it has nothing this month."""

import pytest
from django.conf import settings
from PIL import Image

from dienhinh.browser import log_in
from dienhinh.demo.scenario import load_demo
from dienhinh.nominations.models import NilReport, Nomination, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = settings.DIENHINH_DEMO_PASSWORD


@pytest.fixture
def demo(live_server):
    load_demo(replay=False)  # the test plays the month itself


def test_a_ward_sends_the_city_returns_the_ward_completes_and_the_city_accepts(
    new_page, live_server, demo, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = tmp_path / "ong-binh.jpg"
    Image.new("RGB", (1200, 900), "steelblue").save(photo, "JPEG")
    ward = new_page(width=390, height=844)  # the ward officer is on a phone
    log_in(ward, live_server.url, "pdk.baocao", PASSWORD)
    ward.get_by_role("link", name="Phường Dương Kinh").first.click()
    ward.get_by_role("link", name="Giới thiệu gương điển hình", exact=True).click()
    ward.get_by_label("Họ và tên").fill("Trần Văn Bình")
    ward.get_by_label("năm sinh").fill("1962")
    ward.get_by_label("tiêu đề").fill("Ông Bình hiến đất làm đường")
    ward.get_by_label("tóm tắt việc tốt, thành tích").fill(
        "Ông Bình tự nguyện hiến 120 m² đất để mở rộng đường ngõ của tổ dân phố."
    )
    ward.get_by_role("button", name="Lưu", exact=True).click()
    ward.get_by_label("Ảnh hoặc tài liệu").set_input_files(photo)
    ward.get_by_role("button", name="Tải lên").click()
    assert ward.locator("figure img").count() == 1
    ward.get_by_role("button", name="Gửi Thành phố Hải Phòng").click()
    assert "Đã gửi Thành phố Hải Phòng" in ward.locator("main").inner_text()

    city = new_page()
    log_in(city, live_server.url, "hp.tonghop", PASSWORD)
    city.get_by_role("link", name="Cần xem xét").click()
    city.get_by_role("link", name="Ông Bình hiến đất làm đường").click()
    city.get_by_text("Trả lại đơn vị").click()
    city.get_by_label("Lý do trả lại").fill("Bổ sung nơi công tác và quê quán")
    city.get_by_role("button", name="Trả lại với lý do này").click()

    ward.reload()
    assert "Bổ sung nơi công tác và quê quán" in ward.locator("main").inner_text()
    ward.get_by_role("link", name="Sửa", exact=True).click()
    ward.get_by_label("quê quán").fill("Phường Dương Kinh, Hải Phòng")
    ward.get_by_role("button", name="Lưu", exact=True).click()
    ward.get_by_role("button", name="Gửi Thành phố Hải Phòng").click()

    city.goto(f"{live_server.url}/ho-so/duyet/")
    city.get_by_role("link", name="Ông Bình hiến đất làm đường").click()
    city.get_by_role("button", name="Tiếp nhận").click()
    assert "Đã tiếp nhận" in city.locator("main").inner_text()
    nomination = Nomination.objects.get()
    assert nomination.status == Status.ACCEPTED
    assert nomination.hometown == "Phường Dương Kinh, Hải Phòng"


def test_a_ward_with_nothing_this_month_says_so_and_it_counts_as_reported(
    new_page, live_server, demo
):
    page = new_page()
    log_in(page, live_server.url, "phd.baocao", PASSWORD)
    page.get_by_role("link", name="Phường Hưng Đạo").first.click()
    page.get_by_role("link", name="Kỳ này không có gương để giới thiệu").click()
    page.get_by_label("Vì sao kỳ này không có gương để giới thiệu?").fill(
        "Phường đang sáp xếp tổ dân phố, tháng sau sẽ giới thiệu"
    )
    page.get_by_role("button", name="Gửi", exact=True).click()
    assert "Đã gửi báo cáo" in page.locator("main").inner_text()
    assert NilReport.objects.get().unit.name == "Phường Hưng Đạo"
