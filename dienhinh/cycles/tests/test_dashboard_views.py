"""The dashboard pages through HTTP: roll-up, missing list, a unit's timeliness, export."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from dienhinh.audit.models import AuditEvent
from dienhinh.cycles.models import Programme
from dienhinh.cycles.tests import test_dashboard as selectors
from dienhinh.cycles.tests.test_dashboard import KEY, LATE, ON_TIME, send

# Written about November 2026: the periods these tests open are those of that month.
pytestmark = pytest.mark.clock(2026, 11, 20)

chain = selectors.chain  # the same programmes: the city's relayed by its two districts


@pytest.fixture
def october(cast, chain, monkeypatch):
    """Dương Kinh: ward on time and accepted, office late, ward2 nothing."""
    send(cast, chain["district"], cast.ward, on=ON_TIME, monkeypatch=monkeypatch, accept=True)
    send(cast, chain["district"], cast.office, on=LATE, monkeypatch=monkeypatch)
    return chain


def rollup_url(unit, key=KEY) -> str:
    return f"{reverse('dashboard:rollup')}?don_vi={unit.pk}&ky={key}"


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_compiler_lands_on_the_latest_period_of_the_district(client, cast, chain):
    client.force_login(cast.compiler)
    html = page(client.get(reverse("dashboard:rollup")))
    assert cast.district.name in html
    assert '<option value="2026-11" selected>' in html
    assert '<option value="2026-01">' in html


def test_the_city_rollup_links_each_district_one_level_down(client, cast, october):
    client.force_login(cast.city_officer)
    html = page(client.get(rollup_url(cast.city)))
    chain = Programme.objects.get(owner=cast.city).pk
    assert f'href="?don_vi={cast.district.pk}&amp;ky={KEY}&amp;chuong_trinh={chain}"' in html
    assert f'href="?don_vi={cast.other_district.pk}&amp;ky={KEY}&amp;chuong_trinh={chain}"' in html
    assert "table-responsive" in html


def test_one_click_from_the_district_to_the_units_that_sent_nothing(client, cast, october):
    client.force_login(cast.compiler)
    html = page(client.get(rollup_url(cast.district)))
    chain = Programme.objects.get(owner=cast.city).pk
    missing = (
        f"{reverse('dashboard:missing')}?don_vi={cast.district.pk}&amp;ky={KEY}"
        f"&amp;chuong_trinh={chain}"
    )
    assert f'href="{missing}"' in html
    listing = page(client.get(missing.replace("&amp;", "&")))
    assert cast.ward2.name in listing
    assert cast.ward.name not in listing
    assert "15/10/2026" in listing  # the deadline


def test_the_district_page_lists_what_the_district_waits_for_with_states_in_words(
    client, cast, october
):
    client.force_login(cast.compiler)
    html = page(client.get(rollup_url(cast.district)))
    with translation.override("vi"):
        on_time, late, missing = gettext("On time"), gettext("Late"), gettext("Missing")
    assert f"✓ {on_time}</span>" in html
    assert f"! {late}</span>" in html
    assert f"✗ {missing}</span>" in html
    assert reverse("nominations:unit_period", args=[october["district"].pk, cast.ward2.pk]) in html


def test_a_unit_timeliness_shows_its_last_periods(client, cast, october):
    client.force_login(cast.ward_reporter)
    html = page(client.get(reverse("dashboard:unit", args=[cast.ward.pk])))
    newest, older, oldest = (html.index(f">tháng {m}/2026</a>") for m in (11, 10, 1))
    assert newest < older < oldest
    assert "10/10/2026" in html  # first sent on


def test_a_reporter_opening_the_dashboard_gets_their_own_unit(client, cast, chain):
    client.force_login(cast.ward_reporter)
    response = client.get(reverse("dashboard:rollup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:unit", args=[cast.ward.pk])


def test_a_user_outside_the_scope_gets_403_and_it_is_logged(client, cast, october):
    client.force_login(cast.outsider)
    response = client.get(rollup_url(cast.district))
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="access.denied")
    assert (event.actor, event.unit) == (cast.outsider, cast.district)
    assert event.changes["path"] == reverse("dashboard:rollup")
    assert client.get(reverse("dashboard:unit", args=[cast.ward.pk])).status_code == 403
    export = f"{reverse('dashboard:export')}?don_vi={cast.district.pk}&ky={KEY}"
    assert client.get(export).status_code == 403
    assert AuditEvent.objects.filter(action="access.denied").count() == 3


def test_a_reporter_may_not_open_the_rollup_of_their_own_unit(client, cast, chain):
    client.force_login(cast.ward_reporter)
    assert client.get(rollup_url(cast.ward)).status_code == 403
    event = AuditEvent.objects.get(action="access.denied")
    assert event.changes["action"] == "review_nominations"


def test_bad_parameters_are_not_found(client, cast, chain):
    client.force_login(cast.city_admin)
    assert client.get(f"{reverse('dashboard:rollup')}?don_vi=abc").status_code == 404
    assert client.get(f"{reverse('dashboard:rollup')}?don_vi=999999").status_code == 404
    assert client.get(rollup_url(cast.city, key="2026'10")).status_code == 404


def test_the_export_opens_in_excel_with_the_figures(client, cast, october):
    client.force_login(cast.compiler)
    url = f"{reverse('dashboard:export')}?don_vi={cast.district.pk}&ky={KEY}"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert (
        'filename="tong-hop-2026-10-uy-ban-nhan-dan-quan-duong-kinh.xlsx"'
        in response["Content-Disposition"]
    )
    book = load_workbook(io.BytesIO(response.content))
    with translation.override("vi"):
        names = [gettext("Roll-up"), gettext("Units"), gettext("Sent nothing")]
        unit, expected, total = gettext("Unit"), gettext("Units expected"), gettext("Total")
        its_own = gettext("%(unit)s (its own report)") % {"unit": cast.district.name}
    assert book.sheetnames == names
    rollup = book[names[0]]
    assert (rollup["A3"].value, rollup["B3"].value) == (unit, expected)
    assert rollup["A3"].font.bold
    assert rollup.column_dimensions["A"].width == 48
    body = {r[0]: r[1:] for r in rollup.iter_rows(min_row=4, values_only=True)}
    # expected, reported, on time, late, missing, sent, accepted, quota met, quota %
    assert body[its_own] == (1, 0, 0, 0, 1, 0, 0, 0, 0)
    assert body[cast.ward.name] == (1, 1, 1, 0, 0, 1, 1, 1, 100)
    assert body[cast.office.name] == (1, 1, 0, 1, 0, 1, 0, 1, 100)
    assert body[total] == (4, 2, 1, 1, 2, 2, 1, 2, 50)
    units = list(book[names[1]].iter_rows(min_row=4, values_only=True))
    assert [row[0] for row in units] == [cast.office.name, cast.ward2.name, cast.ward.name]
    assert units[2][2] == dt.datetime(2026, 10, 15)  # the deadline, as a real date
    missing = list(book[names[2]].iter_rows(min_row=4, values_only=True))
    assert [row[:3] for row in missing] == [
        (cast.district.name, cast.city.name, cast.city.name),
        (cast.ward2.name, cast.district.name, cast.district.name),
    ]


def test_the_missing_list_is_paged(client, cast, october, monkeypatch):
    from dienhinh.cycles import dashboard_views

    monkeypatch.setattr(dashboard_views, "MISSING_PER_PAGE", 1)
    client.force_login(cast.compiler)
    url = f"{reverse('dashboard:missing')}?don_vi={cast.district.pk}&ky={KEY}"
    first, second = page(client.get(url)), page(client.get(url + "&trang=2"))
    assert cast.district.name in first and "trang=2" in first
    assert cast.ward2.name in second


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_page_does_not_scroll_sideways_and_reaches_the_missing_list(
    new_page, live_server, settings
):
    from dienhinh.browser import log_in
    from dienhinh.demo.scenario import load_demo

    load_demo()
    phone = new_page(width=390, height=844)
    log_in(phone, live_server.url, "hp.tonghop", settings.DIENHINH_DEMO_PASSWORD)
    phone.goto(f"{live_server.url}{reverse('dashboard:rollup')}")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert phone.locator("table").count() >= 1
