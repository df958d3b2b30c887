"""In real Chromium: a ward reporter of the seeds' district logs in and sees only its ward."""

import re

import pytest
from django.conf import settings

from dienhinh.browser import log_in
from dienhinh.demo.scenario import load_demo
from dienhinh.units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    load_demo()


def test_the_login_page_is_in_vietnamese_for_an_english_browser(page):
    page.goto(f"{page.base_url}/")
    assert "/tai-khoan/dang-nhap/" in page.url
    assert page.locator("h1").inner_text() == "Đăng nhập Dienhinh"
    assert page.locator("html").get_attribute("lang") == "vi"


def test_a_ward_reporter_logs_in_and_sees_only_its_ward(page, demo):
    log_in(page, page.base_url, "hungdao.baocao", settings.DIENHINH_DEMO_PASSWORD)
    assert page.locator("h1").inner_text().startswith("Xin chào")
    cards = page.locator(".card-title")
    assert cards.all_inner_texts() == ["Phường Hưng Đạo"]

    # The 2023 tree: the ward existed then, and it is the only node this reporter gets.
    page.goto(f"{page.base_url}/don-vi/?ngay=01/10/2023")
    tree_links = page.locator(".tree a").all_inner_texts()
    assert tree_links == ["Phường Hưng Đạo"]
    toggle = page.locator(".tree .toggle").first
    toggle.click()
    children = page.locator(".tree li > ul").first
    children.get_by_text("Không có đơn vị trực thuộc").wait_for()
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()  # and the branch closes again, the button keeping the focus
    assert toggle.get_attribute("aria-expanded") == "false"
    assert children.is_hidden()

    # Searching the whole district finds nothing outside the ward.
    page.goto(f"{page.base_url}/don-vi/?q=duong+kinh")
    assert "Tìm thấy 0 đơn vị" in page.locator("#results-h").inner_text()
    page.goto(f"{page.base_url}/don-vi/?q=HUNG+DAO")
    assert page.locator(".list-group-item a").all_inner_texts() == ["Phường Hưng Đạo"]

    # Another ward of the same district is refused, in Vietnamese.
    other = Unit.objects.get(name="Phường Anh Dũng")
    response = page.goto(f"{page.base_url}/don-vi/{other.pk}/")
    assert response.status == 403
    assert "Bạn không được mở trang này" in page.locator("h1").inner_text()


def test_the_language_switch_turns_the_interface_to_english_and_back(page, demo):
    log_in(page, page.base_url, "hungdao.baocao", settings.DIENHINH_DEMO_PASSWORD)
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert re.match(r"Hello, ", page.locator("h1").inner_text())
    page.click("button[name=language][value=vi]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Xin chào")
