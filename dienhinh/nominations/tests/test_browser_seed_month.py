"""The seeds' month, October 2023, in real Chromium on the demo.

Quận Dương Kinh asks its units to send on the 15th and forwards to the city on the 17th,
after the city's own "before the 15th". On the 10th the Hưng Đạo ward officer sends an
example with a photo from a phone; Hải Thành reports it has nothing; Anh Dũng sends
nothing; Hòa Nghĩa and Đa Phúc send in time and Tân Thành a day late. On the 17th the
district's compiler returns Hòa Nghĩa's with a reason, accepts the rest and forwards the
list naming the units that sent nothing; the city's board officer sees the list; the
dashboards show on time / late / missing at the district and at the city.

The clock is moved by replacing django.utils.timezone.now, which the live server thread
shares with the test.
"""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from PIL import Image

from dienhinh.browser import log_in
from dienhinh.cycles.models import ExpectedUnit, Period, ReportState
from dienhinh.demo.scenario import load_demo
from dienhinh.nominations.models import Nomination, Status
from dienhinh.nominations.workflow import (
    Content,
    nomination_accept,
    nomination_create,
    nomination_submit,
)
from dienhinh.units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = django_settings.DIENHINH_DEMO_PASSWORD
ICT = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def clock(monkeypatch):
    """Set the time of day in Việt Nam that the whole process (and the server) sees."""
    current = {}

    def set_to(*args):
        current["now"] = dt.datetime(*args, tzinfo=ICT).astimezone(dt.UTC)

    monkeypatch.setattr(timezone, "now", lambda: current["now"])
    return set_to


@pytest.fixture
def october(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600  # the clock jumps days ahead
    load_demo(replay=False)  # the test plays the month itself
    district = Unit.objects.get(name="Ủy ban nhân dân quận Dương Kinh")
    return Period.objects.get(programme__owner=district, key="2023-10")


def ward(name: str) -> Unit:
    return Unit.objects.get(name=name, valid_to=dt.date(2025, 7, 1), kind="ward")


def send(period, unit_name, headline):
    unit = ward(unit_name)
    reporter = unit.memberships.get(role="reporter").user
    nomination = nomination_create(
        actor=reporter,
        unit=unit,
        period=period,
        content=Content(
            headline=headline,
            story="Câu chuyện người tốt việc tốt.",
            full_name=f"Người tốt {unit_name}",
        ),
    )
    return nomination_submit(actor=reporter, nomination=nomination, revision=nomination.revision)


def state_of(period, unit_name):
    return ExpectedUnit.objects.get(period=period, unit=ward(unit_name)).state


def test_the_month_of_the_seed_dispatches(new_page, live_server, october, clock, tmp_path):
    period = october
    photo = tmp_path / "nguoi-tot.jpg"
    Image.new("RGB", (1600, 1200), "seagreen").save(photo, "JPEG")

    # 10/10/2023: the Hưng Đạo ward officer, on a phone, sends an example with a photo.
    clock(2023, 10, 10, 9, 0)
    phone = new_page(width=390, height=844)
    log_in(phone, live_server.url, "hungdao.baocao", PASSWORD)
    phone.get_by_role("link", name="tháng 10/2023").first.click()
    phone.get_by_role("link", name="Giới thiệu gương điển hình", exact=True).click()
    phone.get_by_label("Họ và tên").fill("Nguyễn Văn Tâm")
    phone.get_by_label("tiêu đề").fill("Anh Tâm cứu người đuối nước")
    phone.get_by_label("tóm tắt việc tốt, thành tích").fill(
        "Anh Tâm đã lao xuống sông cứu hai em nhỏ bị đuối nước."
    )
    phone.get_by_role("button", name="Lưu", exact=True).click()
    phone.get_by_label("Ảnh hoặc tài liệu").set_input_files(photo)
    phone.get_by_role("button", name="Tải lên").click()
    phone.get_by_role("button", name="Gửi Ủy ban nhân dân quận Dương Kinh").click()
    assert "Đã gửi Ủy ban nhân dân quận Dương Kinh" in phone.locator("main").inner_text()

    # 12/10: Hải Thành has nothing this month and says so.
    clock(2023, 10, 12, 15, 0)
    nil_page = new_page()
    log_in(nil_page, live_server.url, "haithanh.baocao", PASSWORD)
    nil_page.get_by_role("link", name="tháng 10/2023").first.click()
    nil_page.get_by_role("link", name="Kỳ này không có gương để giới thiệu").click()
    nil_page.get_by_label("Vì sao kỳ này không có gương").fill("Tháng này chưa có gương mới")
    nil_page.get_by_role("button", name="Gửi", exact=True).click()

    # Others send in time, and Tân Thành a day late; Anh Dũng sends nothing at all.
    clock(2023, 10, 13, 10, 0)
    da_phuc = send(period, "Phường Đa Phúc", "Chị Hoa nhặt được của rơi trả người mất")
    clock(2023, 10, 14, 10, 0)
    hoa_nghia = send(period, "Phường Hòa Nghĩa", "Gương sáng Hòa Nghĩa")
    clock(2023, 10, 16, 8, 0)
    tan_thanh = send(period, "Phường Tân Thành", "Tổ dân phố tự quản kiểu mẫu")
    assert state_of(period, "Phường Hưng Đạo") == ReportState.ON_TIME
    assert state_of(period, "Phường Tân Thành") == ReportState.LATE

    # 17/10: the district's compiler returns one with a reason, accepts the rest, forwards.
    clock(2023, 10, 17, 9, 0)
    compiler = new_page()
    log_in(compiler, live_server.url, "dk.tonghop", PASSWORD)
    compiler.goto(f"{live_server.url}/ho-so/{hoa_nghia.pk}/")
    compiler.get_by_text("Trả lại đơn vị").click()
    compiler.get_by_label("Lý do trả lại").fill("Thiếu ảnh và năm sinh")
    compiler.get_by_role("button", name="Trả lại với lý do này").click()
    hung_dao = Nomination.objects.get(unit=ward("Phường Hưng Đạo"))
    compiler.goto(f"{live_server.url}/ho-so/{hung_dao.pk}/")
    compiler.get_by_role("button", name="Tiếp nhận").click()
    assert "Đã tiếp nhận" in compiler.locator("main").inner_text()
    dk_compiler = hung_dao.period.programme.owner.memberships.get(role="compiler").user
    for nomination in (da_phuc, tan_thanh):
        nomination_accept(actor=dk_compiler, nomination=nomination, revision=nomination.revision)
    compiler.goto(f"{live_server.url}/ho-so/tong-hop/{period.pk}/")
    for box in compiler.locator("input[name=chon]").all():
        box.check()
    compiler.get_by_role("button", name="Gửi lên Thành phố Hải Phòng").click()
    page_text = compiler.locator("main").inner_text()
    assert "Đã gửi danh sách lên Thành phố Hải Phòng" in page_text
    assert "Phường Anh Dũng" in page_text  # named among the units that sent nothing
    assert Nomination.objects.get(pk=hoa_nghia.pk).status == Status.RETURNED

    # The district's dashboard: on time, late and missing, unit by unit (the table of the
    # units it waits for comes after the roll-up table, hence the last matching row).
    district = period.programme.owner
    compiler.goto(f"{live_server.url}/tong-hop/?don_vi={district.pk}&ky=2023-10")
    rows = {
        name: compiler.locator("tr", has_text=name).last.inner_text()
        for name in ("Phường Hưng Đạo", "Phường Tân Thành", "Phường Anh Dũng", "Phường Hải Thành")
    }
    assert "Đúng hạn" in rows["Phường Hưng Đạo"]
    assert "Muộn" in rows["Phường Tân Thành"]
    assert "Chưa báo cáo" in rows["Phường Anh Dũng"]
    assert "Đúng hạn, không có gương" in rows["Phường Hải Thành"]

    # The city's board officer sees the district's list, and the city's dashboard shows the
    # district as late: it forwarded on the 17th, the city wanted it before the 15th.
    city_officer = new_page()
    log_in(city_officer, live_server.url, "hp.canbo", PASSWORD)
    city = Unit.objects.get(code="31")
    city_period = Period.objects.get(programme__owner=city, key="2023-10")
    city_officer.goto(f"{live_server.url}/ho-so/tong-hop/{city_period.pk}/")
    city_officer.get_by_role("link", name="Ủy ban nhân dân quận Dương Kinh").click()
    received = city_officer.locator("main").inner_text()
    assert "Anh Tâm cứu người đuối nước" in received
    assert "Phường Anh Dũng" in received
    city_officer.goto(f"{live_server.url}/tong-hop/?don_vi={city.pk}&ky=2023-10")
    district_row = city_officer.locator("tr", has_text="quận Dương Kinh").last.inner_text()
    assert "Muộn" in district_row
    assert ExpectedUnit.objects.get(period=city_period, unit=district).state == ReportState.LATE
