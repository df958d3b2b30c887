"""The monthly media report (figures, chart, XLSX with text never read as a formula), the
city's view of what it proposed to the centre, and bad input through the pages."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dienhinh.audit.models import AuditEvent

from .. import services
from ..models import Evidence, ItemStatus, Outlet
from ..outlets import OutletSpec, outlet_create
from ..publication import Publication, item_publish
from ..report import month_span, outlet_rows, unit_rows
from .conftest import choose, forward, send_story

pytestmark = pytest.mark.clock(2026, 11, 20)


def publish(world, item, actor, leader, **publication):
    item = services.item_approve(actor=leader, item=item, revision=item.revision)
    item = services.item_schedule(
        actor=actor,
        item=item,
        revision=item.revision,
        on=dt.date(2026, 11, 20),
        air_time=publication.get("air_time"),
    )
    return item_publish(
        actor=actor,
        item=item,
        revision=item.revision,
        publication=Publication(published_on=dt.date(2026, 11, 20), **publication),
    )


@pytest.fixture
def month(world, story):
    c = world.cast
    publish(
        world,
        choose(world, world.loudspeakers, story),
        c.ward_reporter,
        c.ward_leader,
        air_time=dt.time(17, 30),
    )
    forward(world, story)
    publish(
        world,
        choose(world, world.newspaper, story, actor=c.city_officer),
        c.city_officer,
        c.city_officer,
        url="https://baohaiphong.vn/a.html",
    )
    proposal = choose(world, world.dac_san, story, actor=c.city_officer, unit=c.city)
    return proposal


def test_the_report_counts_per_outlet_and_which_levels_each_unit_reached(world, month):
    start, end = month_span("2026-11")
    rows = {r.outlet.name: r for r in outlet_rows(unit=world.cast.central, start=start, end=end)}
    assert (rows["Báo Hải Phòng"].proposed, rows["Báo Hải Phòng"].published) == (1, 1)
    assert (
        rows["Đặc san Thi đua - Khen thưởng"].proposed,
        rows["Đặc san Thi đua - Khen thưởng"].published,
    ) == (1, 0)
    by_unit = {
        r.unit.name: r.reached for r in unit_rows(unit=world.cast.city, start=start, end=end)
    }
    assert by_unit["Ủy ban nhân dân quận Dương Kinh"]["grassroots"] == 1
    assert by_unit["Ủy ban nhân dân quận Dương Kinh"]["province"] == 1
    assert by_unit["Ủy ban nhân dân quận Dương Kinh"]["central"] == 0
    assert by_unit["Ủy ban nhân dân quận Đồ Sơn"]["grassroots"] == 0


def test_the_report_page_draws_its_chart_and_the_xlsx_keeps_text_as_text(client, world, month):
    outlet_create(
        actor=None,
        unit=world.cast.city,
        spec=OutletSpec(kind="social", name='=HYPERLINK("http://x","bấm")'),
    )
    item = choose(
        world,
        Outlet.objects.get(kind="social"),
        world.cast.ward.nominations.get(),
        actor=world.cast.city_officer,
    )
    assert item.status == ItemStatus.EDITING
    client.force_login(world.cast.city_officer)
    query = f"?don_vi={world.cast.city.pk}&thang=2026-11"
    page = client.get(reverse("publishing:report") + query).content.decode()
    assert "<svg" in page and "Báo Hải Phòng" in page
    widths = re.findall(r'<rect x="\d+" y="[\d.]+" width="([^"]+)"', page)
    assert widths and all(re.fullmatch(r"\d+(\.\d+)?", w) for w in widths)  # not "105,3"
    assert any(float(w) > 0 for w in widths)
    response = client.get(reverse("publishing:report_xlsx") + query)
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for row in book.worksheets[0].iter_rows() for c in row if c.value]
    formula = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert formula and all(c.data_type == "s" for c in formula)


def test_the_city_sees_which_examples_it_proposed_to_the_centre_were_taken_up(client, world, month):
    client.force_login(world.cast.city_officer)
    desk = client.get(reverse("publishing:desk")).content.decode()
    assert "Đặc san Thi đua - Khen thưởng" in desk
    taken = services.item_take_up(
        actor=world.cast.central_officer, item=month, revision=month.revision
    )
    assert taken.status == ItemStatus.EDITING
    desk = client.get(reverse("publishing:desk")).content.decode()
    assert "Đang biên tập" in desk


def test_the_nomination_page_shows_where_it_was_told_level_by_level(client, world, month):
    client.force_login(world.cast.city_officer)
    nomination = world.cast.ward.nominations.get()
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    ward_at = page.index("Đài truyền thanh phường Hưng Đạo")
    city_at = page.index("Báo Hải Phòng")
    central_at = page.index("Đặc san Thi đua - Khen thưởng")
    assert ward_at < city_at < central_at


@pytest.fixture
def published_item(world, story):
    c = world.cast
    return publish(
        world,
        choose(world, world.loudspeakers, story),
        c.ward_reporter,
        c.ward_leader,
        air_time=dt.time(17, 30),
    )


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bao.exe", b"MZ\x90\x00" + b"\x00" * 100, "không phải"),
        ("trang.pdf", b"<html>gia mao</html>", "không phải"),
        ("to.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024), "tối đa"),
    ],
)
def test_evidence_of_the_wrong_type_or_too_large_is_refused_and_nothing_is_kept(
    client, world, published_item, settings, name, content, message
):
    settings.PUBLISHING_MAX_EVIDENCE_MB = 1
    client.force_login(world.cast.ward_reporter)
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        reverse("publishing:item_evidence", args=[published_item.pk]),
        {"file": upload},
        follow=True,
    )
    text = response.content.decode()
    assert any(part in text for part in message.split("|"))
    assert not Evidence.objects.filter(item=published_item).exclude(kind="link").exists()
    stored = settings.MEDIA_ROOT / "publishing" / "evidence"
    assert not stored.exists() or not any(stored.rglob("*.*"))


def test_a_link_that_is_not_http_is_refused_as_evidence(client, world, published_item):
    client.force_login(world.cast.ward_reporter)
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("publishing:item_evidence", args=[published_item.pk]),
        {"url": "javascript:alert(1)"},
        follow=True,
    )
    assert "http" in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_a_stale_page_saving_the_text_is_refused_with_a_message(client, world, story):
    item = choose(world, world.loudspeakers, story)
    client.force_login(world.cast.ward_reporter)
    url = reverse("publishing:item", args=[item.pk])
    client.post(url, {"title": "Lần 1", "body": "A", "revision": item.revision})
    response = client.post(url, {"title": "Lần 2", "body": "B", "revision": item.revision})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Có người khác vừa lưu bài này" in text
    item.refresh_from_db()
    assert item.title == "Lần 1"


def test_choosing_from_the_nomination_page_goes_to_the_new_item(client, world):
    nomination = send_story(world, "Gương mới", "Vũ Mới")
    client.force_login(world.cast.ward_reporter)
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert "Đài truyền thanh phường Hưng Đạo" in page
    response = client.post(
        reverse("publishing:choose"),
        {"unit": world.cast.ward.pk, "kenh": world.district_portal.pk, "chon": nomination.pk},
    )
    item = nomination.editorial_items.get()
    assert response["Location"] == reverse("publishing:item", args=[item.pk])
    assert item.status == ItemStatus.PROPOSED and item.outlet == world.district_portal
