"""The unit pages through HTTP: tree browser, search, unit page, restructuring forms."""

import datetime as dt

import pytest
from django.urls import reverse

from dienhinh.audit.models import AuditEvent
from dienhinh.testing import make_unit
from dienhinh.units.models import Unit, UnitKind, UnitVersion
from dienhinh.units.restructure import unit_move, units_merge


def _page(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def _found(response) -> list[str]:
    return [u.name for u in response.context["results"]]


def test_search_ignores_accents_and_capitals(client, cast):
    client.force_login(cast.city_officer)
    for query in ["duong kinh", "DUONG KINH", "Dương Kinh", "dương  KINH"]:
        response = client.get(reverse("units:tree"), {"q": query})
        assert _found(response) == [
            "Ủy ban nhân dân quận Dương Kinh",
            "Phòng Nội vụ quận Dương Kinh",
        ], query


def test_search_matches_d_for_the_vietnamese_letter_d_with_stroke(client, cast):
    make_unit("Phường Đa Phúc", UnitKind.WARD, cast.district)
    response = _page(client, cast.city_officer, "units:tree", q="da phuc")
    assert _found(response) == ["Phường Đa Phúc"]


def test_search_never_returns_units_outside_the_users_scope(client, cast):
    response = _page(client, cast.outsider, "units:tree", q="phuong")
    assert _found(response) == ["Phường Vạn Hương"]


def test_an_impossible_date_is_reported_and_the_tree_of_today_is_shown(client, cast):
    response = _page(client, cast.city_officer, "units:tree", ngay="2025-02-31")
    assert response.status_code == 200
    assert response.context["is_today"] is True
    assert "Nhập ngày hợp lệ" in response.content.decode()


def test_the_tree_as_of_an_old_date_shows_a_moved_unit_under_its_old_parent(client, cast):
    unit_move(actor=None, unit=cast.ward2, on=dt.date(2024, 1, 1), new_parent=cast.other_district)
    client.force_login(cast.city_officer)
    old = client.get(reverse("units:children", args=[cast.district.pk]), {"ngay": "2023-06-01"})
    new = client.get(reverse("units:children", args=[cast.district.pk]), {"ngay": "2024-06-01"})
    assert "Phường Anh Dũng" in old.content.decode()
    assert "Phường Anh Dũng" not in new.content.decode()


def test_the_unit_page_shows_predecessors_successors_and_dates(client, cast):
    merged = units_merge(
        actor=None,
        sources=[cast.ward, cast.ward2],
        on=dt.date(2025, 7, 1),
        new_unit=make_spec("Phường Dương Kinh", cast.city, "11692"),
    )
    new_page = _page(client, cast.city_officer, "units:detail", merged.pk).content.decode()
    assert "Hình thành từ" in new_page
    assert "Phường Hưng Đạo" in new_page and "Phường Anh Dũng" in new_page
    old_page = _page(client, cast.city_officer, "units:detail", cast.ward.pk).content.decode()
    assert "Phường Dương Kinh" in old_page
    assert "01/07/2025" in old_page


def make_spec(name, parent, code):
    from dienhinh.units.services import NewUnit

    return NewUnit(name=name, kind=UnitKind.WARD, parent=parent, code=code)


def test_the_unit_page_lists_members_with_their_roles(client, cast):
    page = _page(client, cast.ward_reporter, "units:detail", cast.ward.pk).content.decode()
    assert "ward.reporter" in page or "Cán bộ báo cáo" in page
    assert "Lãnh đạo đơn vị" in page


def test_an_administrator_renames_a_unit_and_the_change_is_audited(client, cast):
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:rename", args=[cast.ward.pk]),
        {
            "name": "Phường Hưng Đạo mới",
            "short_name": "",
            "abbreviation": "UBND",
            "on": "2024-03-01",
            "legal_basis": "Nghị quyết 01/NQ-HĐND",
        },
    )
    assert response.status_code == 302
    cast.ward.refresh_from_db()
    assert cast.ward.name == "Phường Hưng Đạo mới"
    event = AuditEvent.objects.get(action="unit.rename")
    assert event.actor == cast.city_admin
    assert event.changes["name"] == ["Phường Hưng Đạo", "Phường Hưng Đạo mới"]


def _unchanged(before):
    return (
        Unit.objects.count(),
        UnitVersion.objects.count(),
        AuditEvent.objects.exclude(action="access.denied").count(),
    ) == before


def _snapshot():
    return (
        Unit.objects.count(),
        UnitVersion.objects.count(),
        AuditEvent.objects.exclude(action="access.denied").count(),
    )


def test_moving_a_unit_under_its_own_sub_unit_is_refused_in_vietnamese(client, cast):
    before = _snapshot()
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:move", args=[cast.district.pk]),
        {"new_parent": cast.ward.pk, "on": "2024-01-01"},
    )
    assert response.status_code == 200
    assert "Không thể đặt một đơn vị" in response.content.decode()
    cast.district.refresh_from_db()
    assert cast.district.parent == cast.city
    assert _unchanged(before)


def test_dissolving_a_unit_with_living_sub_units_is_refused_and_nothing_changes(client, cast):
    before = _snapshot()
    client.force_login(cast.city_admin)
    response = client.post(reverse("units:dissolve", args=[cast.district.pk]), {"on": "2025-07-01"})
    assert response.status_code == 200
    assert "đơn vị trực thuộc" in response.content.decode()
    cast.district.refresh_from_db()
    assert cast.district.valid_to is None
    assert _unchanged(before)


def test_a_merge_dated_before_a_source_existed_is_refused(client, cast):
    before = _snapshot()
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:merge", args=[cast.ward.pk]),
        {
            "others": [cast.ward2.pk],
            "new_name": "Phường Mới",
            "new_kind": UnitKind.WARD,
            "on": "2019-06-01",
        },
    )
    assert response.status_code == 200
    assert "chỉ có thể kết thúc sau ngày đó" in response.content.decode()
    assert _unchanged(before)


def test_a_merge_into_a_dissolved_unit_cannot_be_chosen(client, cast):
    units_merge(actor=None, sources=[cast.ward2], on=dt.date(2024, 1, 1), into=cast.ward)
    before = _snapshot()
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:merge", args=[cast.office.pk]),
        {"into": cast.ward2.pk, "new_kind": UnitKind.OFFICE, "on": "2025-01-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["into"]
    assert _unchanged(before)


def test_a_stale_details_form_is_refused_instead_of_overwriting_a_colleagues_edit(client, cast):
    client.force_login(cast.city_admin)
    url = reverse("units:edit_details", args=[cast.ward.pk])
    stale = client.get(url).context["form"].initial["revision"]
    first = client.post(
        url,
        {
            "name": cast.ward.name,
            "kind": UnitKind.WARD,
            "code": "11689",
            "emails": "",
            "revision": stale,
        },
    )
    assert first.status_code == 302
    second = client.post(
        url,
        {
            "name": cast.ward.name,
            "kind": UnitKind.WARD,
            "code": "99999",
            "emails": "",
            "revision": stale,
        },
    )
    assert second.status_code == 200
    assert "vừa được người khác thay đổi" in second.content.decode()
    cast.ward.refresh_from_db()
    assert cast.ward.code == "11689"


def test_a_sub_unit_with_a_code_already_in_use_is_refused(client, cast):
    before = _snapshot()
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:create_child", args=[cast.city.pk]),
        {"name": "Tỉnh trùng mã", "kind": UnitKind.DISTRICT, "code": "31", "on": "2024-01-01"},
    )
    assert response.status_code == 200
    assert "31" in response.content.decode()
    assert response.context["form"].errors["code"]
    assert _unchanged(before)


def test_an_administrator_adds_a_sub_unit_with_its_contact_e_mails(client, cast):
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:create_child", args=[cast.district.pk]),
        {
            "name": "Phòng Văn hóa và Thông tin",
            "kind": UnitKind.OFFICE,
            "emails": "vhtt@duongkinh.gov.vn; VHTT2@duongkinh.gov.vn",
            "on": "2024-01-01",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(name="Phòng Văn hóa và Thông tin")
    assert unit.parent == cast.district
    assert unit.emails == ["vhtt@duongkinh.gov.vn", "vhtt2@duongkinh.gov.vn"]


def test_an_invalid_contact_e_mail_is_refused_in_vietnamese(client, cast):
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:create_child", args=[cast.district.pk]),
        {
            "name": "Phòng Y tế",
            "kind": UnitKind.OFFICE,
            "emails": "khong-phai-email",
            "on": "2024-01-01",
        },
    )
    assert response.status_code == 200
    assert "không phải là địa chỉ thư điện tử hợp lệ" in response.content.decode()
    assert not Unit.objects.filter(name="Phòng Y tế").exists()


def test_an_administrator_splits_a_ward_into_two_new_wards(client, cast):
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:split", args=[cast.ward2.pk]),
        {
            "parts": "Phường Anh Dũng 1\n\nPhường Anh Dũng 2\n",
            "kind": UnitKind.WARD,
            "on": "01/07/2025",
        },
    )
    assert response.status_code == 302
    cast.ward2.refresh_from_db()
    assert cast.ward2.valid_to == dt.date(2025, 7, 1)
    parts = Unit.objects.filter(name__startswith="Phường Anh Dũng ").order_by("name")
    assert [(u.name, u.parent) for u in parts] == [
        ("Phường Anh Dũng 1", cast.district),
        ("Phường Anh Dũng 2", cast.district),
    ]
    assert AuditEvent.objects.filter(action="unit.split").count() == 1


def test_a_split_into_a_single_part_is_refused_and_nothing_changes(client, cast):
    before = _snapshot()
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:split", args=[cast.ward2.pk]),
        {"parts": "Phường Anh Dũng 1", "kind": UnitKind.WARD, "on": "01/07/2025"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert _unchanged(before)


def test_a_search_with_too_many_results_says_it_shows_only_the_first_ones(client, cast):
    for n in range(55):
        make_unit(f"Tổ dân phố số {n}", UnitKind.MASS_ORGANISATION, cast.ward)
    response = _page(client, cast.city_officer, "units:tree", q="to dan pho")
    assert len(response.context["results"]) == 50
    assert "50 đơn vị đầu tiên" in response.content.decode()


@pytest.mark.clock(2026, 12, 2)
def test_a_unit_created_today_with_a_typo_is_corrected_the_same_day(client, cast):

    typo = make_unit("Phường Hưng Đạoo", UnitKind.WARD, cast.district, on=dt.date(2026, 12, 2))
    client.force_login(cast.city_admin)
    rename = client.post(
        reverse("units:rename", args=[typo.pk]),
        {"name": "Phường Hưng Đạo", "on": "02/12/2026"},
    )
    assert "Sửa thông tin" in rename.content.decode()  # the refusal points to the correction
    url = reverse("units:edit_details", args=[typo.pk])
    data = {"name": "Phường Hưng Đạo", "kind": UnitKind.WARD, "code": "", "emails": ""}
    response = client.post(url, data | {"revision": typo.revision})
    assert response.status_code == 302
    typo.refresh_from_db()
    assert typo.name == "Phường Hưng Đạo"
    assert typo.versions.get().name == "Phường Hưng Đạo"  # a correction, not a new version


def test_a_ministry_cannot_be_created_under_a_department(client, cast):

    department = make_unit("Sở Nội vụ", UnitKind.DEPARTMENT, cast.city)
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:create_child", args=[department.pk]),
        {"name": "Bộ Nội vụ", "kind": UnitKind.MINISTRY, "on": "01/01/2026"},
    )
    assert response.status_code == 200
    assert "không thể đặt dưới" in response.content.decode()
    assert not Unit.objects.filter(name="Bộ Nội vụ").exists()


@pytest.mark.parametrize("day", ["01/01/9999", "01/01/1800"])
def test_a_unit_valid_from_an_impossible_year_is_refused(client, cast, day):
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:create_child", args=[cast.district.pk]),
        {"name": "Phường Mới", "kind": UnitKind.WARD, "on": day},
    )
    assert response.status_code == 200
    assert not Unit.objects.filter(name="Phường Mới").exists()
