"""In real Chromium: the district uploads its dispatch (seed 002), checks what was read and
gets the programme proposed, with the 17th-after-the-15th conflict and the gmali.com typo."""

import datetime as dt

import pytest

from dienhinh.browser import log_in
from dienhinh.testing import PASSWORD, build_cast

from .conftest import CITY_TEXT, SAMPLES, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(live_server, settings, tmp_path):
    from dienhinh.cycles.services import ProgrammeSpec
    from dienhinh.dispatches import services

    settings.MEDIA_ROOT = tmp_path
    cast = build_cast()
    city = register(
        cast.city_officer, cast.city, CITY_TEXT, number="785/BTĐKT-THHC", date=dt.date(2026, 9, 12)
    )
    services.dispatch_create_programme(
        actor=cast.city_officer,
        dispatch=city,
        spec=ProgrammeSpec(
            title="785",
            cadence="monthly",
            starts_on=dt.date(2026, 11, 1),
            unit_relation="before",
            unit_day=15,
        ),
        addressees=[cast.district, cast.other_district],
    )
    return cast


def test_the_district_uploads_its_dispatch_and_gets_the_programme_with_the_conflict(
    page, scene, tmp_path
):
    log_in(page, page.base_url, "district.compiler", PASSWORD)
    page.goto(f"{page.base_url}/cong-van/tai-len/")
    page.select_option("#id_unit", str(scene.district.pk))
    page.get_by_role("radio", name="Đi", exact=True).check()
    page.set_input_files("#id_file", str(SAMPLES / "district-UBND-NV-duong-kinh.txt"))
    page.get_by_role("button", name="Đọc công văn").click()
    page.wait_for_load_state()

    # What was read, beside the highlighted text.
    assert page.locator("#id_issuer_name").input_value() == "ỦY BAN NHÂN DÂN QUẬN DƯƠNG KINH"
    assert page.locator("#id_signer_name").input_value() == "Nguyễn Minh Phương"
    assert "785/BTĐKT-THHC" in page.locator("#id_references").input_value()
    assert page.get_by_text("có phải là noivuduongkinh@gmail.com").count() >= 1
    assert page.locator(".dispatch-text mark.dh-deadlines").count() == 2
    page.screenshot(path=str(tmp_path / "review.png"), full_page=True)

    # The number is not in the text: the register gives it.
    page.fill("#id_number", "1520/UBND-NV")
    page.get_by_role("button", name="Vào sổ").click()
    page.get_by_text("Đã vào sổ công văn.").wait_for()
    page.get_by_role("link", name="Tạo chương trình").click()
    page.wait_for_load_state()

    warnings = page.locator("#cascade-warnings")
    assert "785/BTĐKT-THHC" in warnings.inner_text()
    assert page.locator("#id_unit_day").input_value() == "15"
    assert page.locator("#id_forward_day").input_value() == "17"
    page.screenshot(path=str(tmp_path / "programme.png"), full_page=True)
    page.get_by_role("button", name="Dùng các hạn này").click()
    assert page.locator("#id_forward_day").input_value() == "14"
    page.get_by_role("button", name="Tạo chương trình").click()
    page.get_by_text("Đã tạo chương trình từ công văn này.").wait_for()


def test_the_district_relays_the_citys_dispatch_to_its_wards(page, scene, tmp_path):
    from dienhinh.dispatches.models import Dispatch

    log_in(page, page.base_url, "district.compiler", PASSWORD)
    page.goto(f"{page.base_url}/cong-van/tai-len/")
    page.select_option("#id_unit", str(scene.district.pk))
    page.get_by_role("radio", name="Đến", exact=True).check()
    page.set_input_files("#id_file", str(SAMPLES / "city-785-BTDKT-THHC.txt"))
    page.get_by_role("button", name="Đọc công văn").click()
    page.wait_for_load_state()

    assert page.locator("#id_signer_name").input_value() == "Vũ Thị Hương"
    assert page.locator("#id_signer_title").input_value() == "TRƯỞNG BAN"
    assert "2306/BTĐKT-TTTT-TT" in page.locator("#id_references").input_value()
    page.fill("#id_number", "785/BTĐKT-THHC")
    page.fill("#id_document_date", "12/09/2026")
    page.get_by_role("button", name="Vào sổ").click()
    page.get_by_text("Đã vào sổ công văn.").wait_for()
    page.get_by_role("link", name="Triển khai xuống đơn vị").click()
    page.wait_for_load_state()

    # The city's "before the 15th" becomes the district's own deadline; the wards go earlier.
    assert page.locator("#id_forward_relation").input_value() == "before"
    assert page.locator("#id_forward_day").input_value() == "15"
    assert int(page.locator("#id_unit_day").input_value()) < 14
    assert page.locator("#cascade-warnings").count() == 0
    page.get_by_label("Phường Anh Dũng").uncheck()
    page.get_by_label("Phòng Nội vụ quận Dương Kinh").uncheck()
    page.fill("#id_number", "1520/UBND-NV")
    page.screenshot(path=str(tmp_path / "relay.png"), full_page=True)
    page.get_by_role("button", name="Triển khai và mở chương trình").click()
    page.get_by_text("Đã triển khai tới 1 đơn vị").wait_for()

    relay = Dispatch.objects.get(number="1520/UBND-NV")
    assert list(relay.addressee_units.all()) == [scene.ward]
    assert relay.parent.number == "785/BTĐKT-THHC"


PROPOSED = ("cadence", "quota", "unit_relation", "unit_day", "forward_relation", "forward_day")


def _text_proposal(scene, sample: str, direction: str) -> dict:
    """What the text version of a seed proposes, through the services."""
    from dienhinh.dispatches.proposal import propose

    text = (SAMPLES / sample).read_bytes()
    number = "785/BTĐKT-THHC" if direction == "incoming" else "1520/UBND-NV"
    dispatch = register(
        scene.compiler,
        scene.district,
        text,
        direction=direction,
        number=number,
        date=dt.date(2026, 9, 12),
    )
    initial = propose(dispatch=dispatch, sender=scene.district).initial
    return {key: "" if initial.get(key) is None else str(initial[key]) for key in PROPOSED}


@pytest.mark.parametrize(
    ("sample", "direction", "radio", "link"),
    [
        ("city-785-BTDKT-THHC.txt", "incoming", "Đến", "Triển khai xuống đơn vị"),
        ("district-UBND-NV-duong-kinh.txt", "outgoing", "Đi", "Tạo chương trình"),
    ],
    ids=["the city's 785", "the district's relay"],
)
def test_a_scanned_copy_of_a_seed_proposes_the_same_programme_as_its_text(
    page, scene, tmp_path, sample, direction, radio, link
):
    from . import scans

    scan = tmp_path / "ban-quet.pdf"
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    scan.write_bytes(scans.as_pdf(scans.scanned(text, skew=1.5, seed=4)))
    page.set_default_timeout(180_000)  # the worker recognises every page before the redirect
    log_in(page, page.base_url, "district.compiler", PASSWORD)
    page.goto(f"{page.base_url}/cong-van/tai-len/")
    page.select_option("#id_unit", str(scene.district.pk))
    page.get_by_role("radio", name=radio, exact=True).check()
    page.set_input_files("#id_file", str(scan))
    page.get_by_role("button", name="Đọc công văn").click()
    page.locator("#id_number").wait_for()

    # The recognised text beside the scanned pages, to correct.
    assert page.locator("#ocr-check img").count() >= 2
    assert "Kính gửi" in page.locator("#id_text").input_value()
    page.screenshot(path=str(tmp_path / "scan-review.png"), full_page=True)
    page.fill("#id_number", "785/BTĐKT-THHC" if direction == "incoming" else "1520/UBND-NV")
    page.fill("#id_document_date", "12/09/2026")
    page.get_by_role("button", name="Vào sổ").click()
    page.get_by_text("Đã vào sổ công văn.").wait_for()
    page.get_by_role("link", name=link).click()
    page.wait_for_load_state()
    proposed = {key: page.locator(f"#id_{key}").input_value() for key in PROPOSED}

    assert proposed == _text_proposal(scene, sample, direction)
    assert proposed["cadence"] == "monthly" and proposed["quota"] == "1"
