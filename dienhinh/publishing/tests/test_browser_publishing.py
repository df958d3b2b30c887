"""October 2023 on the demo, told on every level's media, in real Chromium.

The Hưng Đạo ward officer chooses the ward's story for the ward loudspeakers and proposes it
to the district portal; the ward leader approves; the bulletin is assembled, listened to and
broadcast. The district forwards its list to the city; its portal editor publishes the
story. The city publishes it in Báo Hải Phòng with its link and proposes it to the central
board, which takes it into the Đặc san. A citizen without an account finds it on the portal
and in the feeds; then the person withdraws the consent and the story is gone everywhere.
"""

import datetime as dt

import feedparser
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from dienhinh.browser import log_in
from dienhinh.cycles.models import Period
from dienhinh.demo.scenario import load_demo
from dienhinh.nominations.attachments import attachment_add
from dienhinh.nominations.models import Nomination
from dienhinh.nominations.publicity import consent_record
from dienhinh.nominations.workflow import Content, nomination_create, nomination_submit
from dienhinh.units.models import Unit

from ..models import EditorialItem, ItemStatus, PublicStory
from .conftest import photo_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = django_settings.DIENHINH_DEMO_PASSWORD
HEADLINE = "Anh Tâm cứu hai em nhỏ đuối nước"


def ward(name):
    return Unit.objects.get(name=name, valid_to=dt.date(2025, 7, 1), kind="ward")


def send(period, unit_name, headline, name):
    unit = ward(unit_name)
    reporter = unit.memberships.get(role="reporter").user
    nomination = nomination_create(
        actor=reporter,
        unit=unit,
        period=period,
        content=Content(
            headline=headline,
            full_name=name,
            birth_year=1988,
            story=f"{name} đã lao xuống sông cứu hai em nhỏ bị đuối nước.",
        ),
    )
    upload = SimpleUploadedFile("anh.jpg", photo_upload().read(), content_type="image/jpeg")
    attachment_add(actor=reporter, nomination=nomination, upload=upload, caption="Anh Tâm")
    consent_record(
        actor=reporter,
        nomination=nomination,
        given_by=name,
        given_on=dt.date(2023, 10, 9),
        channels=["loudspeaker", "portal", "newspaper", "radio_tv", "central"],
    )
    return nomination_submit(actor=reporter, nomination=nomination, revision=nomination.revision)


@pytest.fixture
def october(live_server, settings, tmp_path, clock):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600  # the clock jumps days ahead
    clock(2023, 10, 9, 9)
    load_demo(replay=False)
    district = Unit.objects.get(name="Ủy ban nhân dân quận Dương Kinh")
    period = Period.objects.get(programme__owner=district, key="2023-10")
    return send(period, "Phường Hưng Đạo", HEADLINE, "Nguyễn Văn Tâm")


def person(new_page, username, *, width=1366):
    page = new_page(width=width, height=900)
    log_in(page, page.base_url, username, PASSWORD)
    return page


def press(page, name):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def main_text(page):
    return page.locator("main").inner_text()


def record(tab, **fields):
    for name, value in fields.items():
        tab.locator(f"[name={name}]").last.fill(value)


def test_a_ward_story_told_from_the_loudspeakers_to_the_dac_san_then_withdrawn(
    new_page, live_server, october, clock
):
    story = october
    # 10/10: the ward officer, on a phone, chooses it for the ward loudspeakers...
    clock(2023, 10, 10, 8)
    officer = person(new_page, "hungdao.baocao", width=390)
    officer.goto(f"{live_server.url}/tuyen-truyen/")
    officer.get_by_label(HEADLINE).check()
    officer.locator("#desk-outlet").select_option(label="Đài truyền thanh phường Hưng Đạo")
    press(officer, "Chọn cho kênh này")
    assert "Đang biên tập" in main_text(officer)
    officer.locator("textarea[name=body]").fill(
        "Ngày 5/10/2023, anh Nguyễn Văn Tâm ở TDP số 3 đã lao xuống sông cứu hai em nhỏ. "
        "UBND phường đã biểu dương anh."
    )
    press(officer, "Lưu nội dung")
    assert "Đã lưu nội dung bài" in main_text(officer)
    # ... and proposes it to the district portal from the story's own page.
    officer.goto(f"{live_server.url}/ho-so/{story.pk}/")
    officer.locator("select[name=kenh]").select_option(
        label="Cổng thông tin điện tử quận Dương Kinh (đề xuất lên Quận Dương Kinh)"
    )
    press(officer, "Chọn đăng trên kênh của Phường Hưng Đạo")
    assert "Được đề xuất" in main_text(officer)

    # The ward leader approves the loudspeaker text.
    leader = person(new_page, "hungdao.lanhdao")
    item = EditorialItem.objects.get(outlet__kind="loudspeaker")
    leader.goto(f"{live_server.url}/tuyen-truyen/bai/{item.pk}/")
    press(leader, "Duyệt đăng")
    assert "Đã duyệt bài" in main_text(leader)

    # 11/10: the bulletin of the week is assembled, listened to, broadcast on the 12th.
    clock(2023, 10, 11, 8)
    officer.goto(f"{live_server.url}/tuyen-truyen/kenh/{item.outlet_id}/ban-tin/moi/")
    press(officer, "Soạn bản tin")
    script = officer.locator("textarea[name=script]").input_value()
    assert "Ủy ban nhân dân phường" in script and "UBND" not in script
    assert "ngày mồng năm tháng mười năm hai nghìn không trăm hai mươi ba" in script.lower()
    assert "tổ dân phố số ba" in script
    assert "phút đọc" in main_text(officer)
    press(officer, "Tạo bản thu thử")
    duration = officer.locator("audio").evaluate(
        """audio => new Promise(done => {
             audio.addEventListener('loadedmetadata', () => done(audio.duration));
             audio.addEventListener('error', () => done(-1));
             audio.preload = 'metadata'; audio.load(); })"""
    )
    assert duration > 3, "the audio draft plays for some seconds"
    docx = officer.request.get(officer.url + "docx/")
    assert docx.ok and docx.body()[:2] == b"PK"
    clock(2023, 10, 12, 18)
    record(officer, on="12/10/2023", air_time="17:30")
    press(officer, "Đã phát")
    assert "Đã ghi nhận buổi phát" in main_text(officer)
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.air_time == dt.time(17, 30)

    # 17/10: the district accepts and forwards its list to the city.
    clock(2023, 10, 17, 9)
    compiler = person(new_page, "dk.tonghop")
    compiler.goto(f"{live_server.url}/ho-so/{story.pk}/")
    press(compiler, "Tiếp nhận")
    compiler.goto(f"{live_server.url}/ho-so/tong-hop/{story.period_id}/")
    for box in compiler.locator("input[name=chon]").all():
        box.check()
    press(compiler, "Gửi lên Thành phố Hải Phòng")
    assert "Đã gửi danh sách lên Thành phố Hải Phòng" in main_text(compiler)

    # 18/10: the district portal's editor takes up the ward's proposal and publishes it.
    clock(2023, 10, 18, 9)
    editor = person(new_page, "dk.baocao")
    editor.goto(f"{live_server.url}/tuyen-truyen/")
    editor.get_by_role("link", name=HEADLINE).first.click()
    press(editor, "Nhận biên tập")
    district_leader = person(new_page, "dk.lanhdao")
    district_leader.goto(editor.url)
    press(district_leader, "Duyệt đăng")
    editor.reload()
    record(editor, on="18/10/2023")
    press(editor, "Lên lịch")
    record(
        editor,
        published_on="18/10/2023",
        url="https://duongkinh.haiphong.gov.vn/tin-tuc/anh-tam-cuu-nguoi",
    )
    press(editor, "Đã đăng, phát")
    assert "Đã ghi nhận bài đã đăng, phát" in main_text(editor)

    # 24/10: the city publishes it in Báo Hải Phòng, with its link, and proposes it to the
    # central board's Đặc san.
    clock(2023, 10, 24, 9)
    city = person(new_page, "hp.canbo")
    city.goto(f"{live_server.url}/tuyen-truyen/")
    city.get_by_label(HEADLINE).check()
    city.locator("#desk-outlet").select_option(label="Báo Hải Phòng")
    press(city, "Chọn cho kênh này")
    press(city, "Duyệt đăng")
    record(city, on="24/10/2023")
    press(city, "Lên lịch")
    record(
        city,
        published_on="24/10/2023",
        issue_number="7.412",
        page="3",
        url="https://baohaiphong.vn/xa-hoi/anh-tam-cuu-hai-em-nho.html",
    )
    press(city, "Đã đăng, phát")
    assert "https://baohaiphong.vn/xa-hoi/anh-tam-cuu-hai-em-nho.html" in main_text(city)
    city.goto(f"{live_server.url}/ho-so/{story.pk}/")
    city.locator("select[name=kenh]").select_option(
        label="Đặc san Thi đua - Khen thưởng (đề xuất lên Ban TĐKT Trung ương)"
    )
    press(city, "Chọn đăng trên kênh của TP Hải Phòng")

    # November: the central board takes it into the Đặc san.
    clock(2023, 11, 20, 9)
    centre = person(new_page, "tw.canbo")
    centre.goto(f"{live_server.url}/tuyen-truyen/")
    centre.get_by_role("link", name=HEADLINE).first.click()
    press(centre, "Nhận biên tập")
    press(centre, "Duyệt đăng")
    record(centre, on="20/11/2023")
    press(centre, "Lên lịch")
    record(centre, published_on="20/11/2023", issue_number="Số 11/2023", page="24")
    press(centre, "Đã đăng, phát")
    # The city sees that the example it sent up was taken.
    city.goto(f"{live_server.url}/tuyen-truyen/")
    proposals = city.locator("section", has_text="Đã đề xuất lên cấp trên").inner_text()
    assert "Đặc san Thi đua - Khen thưởng" in proposals and "Đã đăng, phát" in proposals
    # The story's page shows where it was told, level by level.
    city.goto(f"{live_server.url}/ho-so/{story.pk}/")
    told = city.locator("#publications").inner_text()
    for level in (
        "Truyền thông cấp xã, phường",
        "Truyền thông cấp huyện, quận",
        "Truyền thông cấp tỉnh, thành phố",
        "Truyền thông Trung ương",
    ):
        assert level in told

    # A citizen without an account, on a phone, finds it on the portal and in the feeds.
    citizen = new_page(width=390, height=844)
    citizen.goto(f"{live_server.url}/cong-khai/")
    citizen.get_by_label("Tìm gương").fill("anh tam cuu")
    press(citizen, "Tìm kiếm")
    citizen.get_by_role("link", name=HEADLINE).click()
    page_text = main_text(citizen)
    for outlet in (
        "Đài truyền thanh phường Hưng Đạo",
        "Cổng thông tin điện tử quận Dương Kinh",
        "Báo Hải Phòng",
        "Đặc san Thi đua - Khen thưởng",
    ):
        assert outlet in page_text
    assert "1988" not in page_text
    assert citizen.locator("img[alt='Anh Tâm']").count() == 1
    story_url = citizen.url
    city_unit = Unit.objects.get(code="31")
    feed_url = f"{live_server.url}/cong-khai/don-vi/{city_unit.pk}/atom.xml?cap-duoi=1"
    feed = feedparser.parse(citizen.request.get(feed_url).body())
    assert [entry.title for entry in feed.entries] == [HEADLINE]

    # The person withdraws the consent: the story is gone from the portal and the feeds.
    clock(2023, 11, 25, 9)
    officer.goto(f"{live_server.url}/ho-so/{story.pk}/")
    officer.get_by_text("Rút lại sự đồng ý").first.click()
    officer.locator("#id_withdraw_reason").fill("Anh Tâm đề nghị không đăng nữa")
    press(officer, "Rút lại sự đồng ý")
    assert "Đã rút lại sự đồng ý" in main_text(officer)
    assert citizen.goto(story_url).status == 404
    feed = feedparser.parse(citizen.request.get(feed_url).body())
    assert feed.entries == []
    assert not PublicStory.objects.exists()
    assert set(EditorialItem.objects.values_list("status", flat=True)) == {ItemStatus.WITHDRAWN}
    assert Nomination.objects.get(pk=story.pk).editorial_items.count() == 4
