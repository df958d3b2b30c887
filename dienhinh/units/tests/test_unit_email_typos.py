"""Contact e-mails that look mistyped are not saved until the user confirms them."""

import html
import re

from django.urls import reverse

from dienhinh.audit.models import AuditEvent
from dienhinh.units.models import Unit, UnitKind, UnitVersion

WARNING = "Địa chỉ noivuduongkinh@gmali.com có thể bị gõ nhầm: có phải là noivuduongkinh@gmail.com?"
CONFIRM = "Tôi đã kiểm tra: các địa chỉ trên là đúng"


def _snapshot():
    return (
        Unit.objects.count(),
        UnitVersion.objects.count(),
        AuditEvent.objects.exclude(action="access.denied").count(),
    )


def _confirmation(response) -> str | None:
    """The value the confirmation box sends when ticked, as the page shows it."""
    found = re.search(r'type="checkbox" name="confirm_emails" value="([^"]*)"', _text(response))
    return html.unescape(found.group(1)) if found else None


def _text(response) -> str:
    return response.content.decode()


def _new_office(client, cast, **extra):
    data = {"name": "Phòng Nội vụ", "kind": UnitKind.OFFICE, "on": "2024-01-01"} | extra
    return client.post(reverse("units:create_child", args=[cast.district.pk]), data)


def test_a_sub_unit_with_a_mistyped_address_is_not_created_and_the_warning_is_in_vietnamese(
    client, cast
):
    client.force_login(cast.city_admin)
    before = _snapshot()
    response = _new_office(client, cast, emails="hdtckt@haiphong.gov.vn, noivuduongkinh@gmali.com")
    assert response.status_code == 200
    assert WARNING in _text(response)
    assert CONFIRM in _text(response)
    assert _snapshot() == before


def test_re_posting_with_the_confirmation_box_ticked_saves_the_address_as_written(client, cast):
    client.force_login(cast.city_admin)
    emails = "hdtckt@haiphong.gov.vn, noivuduongkinh@gmali.com"
    first = _new_office(client, cast, emails=emails)
    ticked = _confirmation(first)
    assert ticked == "noivuduongkinh@gmali.com"
    second = _new_office(client, cast, emails=emails, confirm_emails=ticked)
    assert second.status_code == 302
    unit = Unit.objects.get(name="Phòng Nội vụ")
    assert unit.emails == ["hdtckt@haiphong.gov.vn", "noivuduongkinh@gmali.com"]


def test_taking_the_suggestion_saves_without_any_confirmation(client, cast):
    client.force_login(cast.city_admin)
    _new_office(client, cast, emails="noivuduongkinh@gmali.com")
    response = _new_office(client, cast, emails="noivuduongkinh@gmail.com")
    assert response.status_code == 302
    assert Unit.objects.get(name="Phòng Nội vụ").emails == ["noivuduongkinh@gmail.com"]


def test_the_confirmation_box_is_only_shown_when_there_is_something_to_confirm(client, cast):
    client.force_login(cast.city_admin)
    page = client.get(reverse("units:create_child", args=[cast.district.pk]))
    assert CONFIRM not in _text(page)
    refused = _new_office(client, cast, name="", emails="hdtckt@haiphong.gov.vn")
    assert refused.status_code == 200
    assert CONFIRM not in _text(refused)


def test_a_tick_given_for_one_address_does_not_let_another_mistyped_one_through(client, cast):
    client.force_login(cast.city_admin)
    first = _new_office(client, cast, emails="noivuduongkinh@gmali.com")
    response = _new_office(
        client, cast, emails="vanthu@yaho.com", confirm_emails=_confirmation(first)
    )
    assert response.status_code == 200
    assert "Địa chỉ vanthu@yaho.com có thể bị gõ nhầm: có phải là vanthu@yahoo.com?" in (
        _text(response)
    )
    assert not Unit.objects.filter(name="Phòng Nội vụ").exists()


def test_a_comma_typed_for_a_dot_is_pointed_out_before_the_address_is_refused(client, cast):
    client.force_login(cast.city_admin)
    response = _new_office(client, cast, emails="noivuduongkinh@gmail,com")
    assert "có phải là noivuduongkinh@gmail.com?" in _text(response)
    assert not Unit.objects.filter(name="Phòng Nội vụ").exists()


def test_changing_a_units_contacts_to_a_mistyped_address_waits_for_confirmation(client, cast):
    client.force_login(cast.city_admin)
    url = reverse("units:edit_details", args=[cast.office.pk])
    data = {
        "name": cast.office.name,
        "kind": UnitKind.OFFICE,
        "code": "",
        "emails": "noivuduongkinh@gmali.com",
        "revision": cast.office.revision,
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert WARNING in _text(refused)
    cast.office.refresh_from_db()
    assert cast.office.emails == []
    saved = client.post(url, data | {"confirm_emails": _confirmation(refused)})
    assert saved.status_code == 302
    cast.office.refresh_from_db()
    assert cast.office.emails == ["noivuduongkinh@gmali.com"]


def test_an_address_already_on_record_is_not_asked_about_again(client, cast):
    Unit.objects.filter(pk=cast.office.pk).update(emails=["noivuduongkinh@gmali.com"])
    cast.office.refresh_from_db()
    client.force_login(cast.city_admin)
    response = client.post(
        reverse("units:edit_details", args=[cast.office.pk]),
        {
            "name": cast.office.name,
            "kind": UnitKind.OFFICE,
            "code": "11692",
            "emails": "noivuduongkinh@gmali.com",
            "revision": cast.office.revision,
        },
    )
    assert response.status_code == 302
    cast.office.refresh_from_db()
    assert cast.office.code == "11692"
