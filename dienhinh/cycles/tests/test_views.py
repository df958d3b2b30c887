"""The programme pages through HTTP: the seeds' district programme, warnings, bad input."""

import datetime as dt

from django.urls import reverse

from dienhinh.cycles.models import Holiday, Programme
from dienhinh.cycles.services import ProgrammeSpec, programme_create

SEED_FORM = {
    "title": "Tuyên truyền gương điển hình hằng tháng",
    "legal_basis": "Công văn .../UBND-NV tháng 9/2023",
    "cadence": "monthly",
    "quota": "1",
    "starts_on": "2023-09-01",
    "expected_reach": "children",
    "expected_kinds": ["office", "ward"],
    "unit_relation": "on",
    "unit_day": "15",
    "forward_relation": "on",
    "forward_day": "17",
    "roll": "keep",
}


def _city_programme(cast):
    spec = ProgrammeSpec(
        title="785/BTĐKT-THHC",
        cadence="monthly",
        starts_on=dt.date(2023, 9, 1),
        expected_kinds=["district"],
        unit_relation="before",
        unit_day=15,
    )
    return programme_create(actor=cast.city_admin, owner=cast.city, spec=spec)


def test_the_compiler_creates_the_seed_programme_and_sees_its_deadlines(client, cast):
    client.force_login(cast.compiler)
    response = client.post(
        reverse("cycles:programme_create"), {**SEED_FORM, "owner": cast.district.pk}
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    detail = client.get(reverse("cycles:programme_detail", args=[programme.pk]))
    page = detail.content.decode()
    assert "vào ngày 15 hằng tháng" in page
    assert "vào ngày 17 hằng tháng" in page
    assert "15/10/2023" in page and "17/10/2023" in page


def test_forwarding_after_the_city_deadline_is_shown_and_nothing_is_saved_until_confirmed(
    client, cast
):
    city = _city_programme(cast)
    client.force_login(cast.compiler)
    data = {**SEED_FORM, "owner": cast.district.pk, "parent": city.pk}
    first = client.post(reverse("cycles:programme_create"), data)
    assert first.status_code == 200
    assert "Vui lòng kiểm tra trước khi lưu" in first.content.decode()
    assert "17/09/2023" in first.content.decode()
    assert Programme.objects.filter(owner=cast.district).count() == 0
    second = client.post(reverse("cycles:programme_create"), {**data, "confirm_warnings": "true"})
    assert second.status_code == 302
    assert Programme.objects.filter(owner=cast.district, parent=city).count() == 1


def test_a_quota_of_zero_is_refused_with_a_vietnamese_message(client, cast):
    client.force_login(cast.compiler)
    response = client.post(
        reverse("cycles:programme_create"), {**SEED_FORM, "owner": cast.district.pk, "quota": "0"}
    )
    assert response.status_code == 200
    assert "ít nhất là 1" in response.content.decode()
    assert Programme.objects.count() == 0


def test_a_deadline_day_of_32_is_refused_with_a_vietnamese_message(client, cast):
    client.force_login(cast.compiler)
    response = client.post(
        reverse("cycles:programme_create"),
        {**SEED_FORM, "owner": cast.district.pk, "unit_day": "32"},
    )
    assert response.status_code == 200
    assert "từ 1 đến 31" in response.content.decode()
    assert Programme.objects.count() == 0


def test_a_compiler_cannot_create_a_programme_for_a_unit_outside_the_district(client, cast):
    client.force_login(cast.compiler)
    response = client.post(
        reverse("cycles:programme_create"), {**SEED_FORM, "owner": cast.other_district.pk}
    )
    assert response.status_code == 200  # the unit is not even among the choices
    assert response.context["form"].errors["owner"]
    assert Programme.objects.count() == 0


def test_a_ward_reporter_sees_the_programme_that_expects_the_ward(client, cast):
    programme = _city_programme(cast)
    spec = ProgrammeSpec(
        title="Quận Dương Kinh hằng tháng",
        cadence="monthly",
        starts_on=dt.date(2023, 9, 1),
        expected_kinds=["ward"],
        unit_relation="on",
        unit_day=15,
        parent=programme,
    )
    programme_create(actor=cast.compiler, owner=cast.district, spec=spec)
    client.force_login(cast.ward_reporter)
    titles = [
        row["programme"].title
        for row in client.get(reverse("cycles:programme_list")).context["rows"]
    ]
    assert titles == ["Quận Dương Kinh hằng tháng"]


def test_a_system_administrator_adds_a_compensatory_day_off_once(client, cast):
    client.force_login(cast.superuser)
    url = reverse("cycles:holidays")
    assert client.post(url, {"date": "2026-09-03", "name": "Nghỉ bù Quốc khánh"}).status_code == 302
    again = client.post(url, {"date": "2026-09-03", "name": "Nghỉ bù"})
    assert again.status_code == 200
    assert "đã có trong danh sách" in again.content.decode()
    assert Holiday.objects.filter(date=dt.date(2026, 9, 3)).count() == 1


def test_a_city_administrator_sees_the_holidays_but_cannot_add_one(client, cast):
    client.force_login(cast.city_admin)
    url = reverse("cycles:holidays")
    assert client.get(url, {"nam": "2025"}).status_code == 200
    assert client.post(url, {"date": "2026-09-03", "name": "Nghỉ bù"}).status_code == 403
    assert not Holiday.objects.filter(date=dt.date(2026, 9, 3)).exists()


def test_the_compiler_leaves_a_unit_out_and_adds_another_from_the_programme_page(client, cast):
    spec = ProgrammeSpec(
        title="Quận",
        cadence="monthly",
        starts_on=dt.date(2026, 11, 1),
        expected_kinds=["ward"],
        unit_relation="on",
        unit_day=15,
    )
    programme = programme_create(actor=cast.compiler, owner=cast.district, spec=spec)
    url = reverse("cycles:expected_edit", args=[programme.pk])
    client.force_login(cast.compiler)
    client.post(url, {"don_vi": cast.ward2.pk, "thao_tac": "bo"})
    client.post(url, {"don_vi": cast.office.pk, "thao_tac": "them"})
    page = client.get(reverse("cycles:programme_detail", args=[programme.pk]))
    expected = {e.unit.name for e in page.context["expected"] if e.removed_on is None}
    assert expected == {"Phường Hưng Đạo", "Phòng Nội vụ quận Dương Kinh"}
    client.force_login(cast.ward_reporter)
    assert client.post(url, {"don_vi": cast.ward2.pk, "thao_tac": "them"}).status_code == 403


def test_a_year_outside_the_calendar_shows_the_nearest_year_instead_of_failing(client, cast):
    client.force_login(cast.ward_reporter)
    response = client.get(reverse("cycles:holidays"), {"nam": "99999"})
    assert response.status_code == 200
    assert response.context["year"] == 2100
