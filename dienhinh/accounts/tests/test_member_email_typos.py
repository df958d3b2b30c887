"""A new member's invitation is never sent to an address that looks mistyped unless the
administrator confirms it."""

import html
import re

from django.core import mail
from django.urls import reverse

from dienhinh.accounts.models import Membership, Role, User
from dienhinh.audit.models import AuditEvent

WARNING = "Địa chỉ nva@gmali.com có thể bị gõ nhầm: có phải là nva@gmail.com?"
CONFIRM = "Tôi đã kiểm tra: địa chỉ trên là đúng"


def _add(client, unit, **extra):
    data = {
        "username": "nguyen.van.a",
        "full_name": "Nguyễn Văn A",
        "email": "nva@gmali.com",
        "role": Role.REPORTER,
    } | extra
    return client.post(reverse("accounts:members", args=[unit.pk]), data)


def _confirmation(response) -> str | None:
    found = re.search(
        r'type="checkbox" name="confirm_emails" value="([^"]*)"', response.content.decode()
    )
    return html.unescape(found.group(1)) if found else None


def test_inviting_a_member_at_a_mistyped_address_sends_nothing_and_opens_no_account(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.city_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = _add(client, cast.ward)
    assert response.status_code == 200
    page = response.content.decode()
    assert WARNING in page
    assert CONFIRM in page
    assert mail.outbox == []
    assert not User.objects.filter(username="nguyen.van.a").exists()
    assert not AuditEvent.objects.filter(action__in=["user.create", "membership.grant"]).exists()


def test_once_confirmed_the_account_is_opened_and_the_invitation_goes_to_that_address(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.city_admin)
    first = _add(client, cast.ward)
    with django_capture_on_commit_callbacks(execute=True):
        response = _add(client, cast.ward, confirm_emails=_confirmation(first))
    assert response.status_code == 302
    user = User.objects.get(username="nguyen.van.a")
    assert user.email == "nva@gmali.com"
    assert Membership.objects.filter(user=user, unit=cast.ward, role=Role.REPORTER).exists()
    assert [m.to for m in mail.outbox] == [["nva@gmali.com"]]


def test_correcting_the_address_as_suggested_needs_no_confirmation(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.city_admin)
    _add(client, cast.ward)
    with django_capture_on_commit_callbacks(execute=True):
        response = _add(client, cast.ward, email="nva@gmail.com")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["nva@gmail.com"]]


def test_a_tick_for_one_address_does_not_cover_another(client, cast):
    client.force_login(cast.city_admin)
    first = _add(client, cast.ward)
    response = _add(client, cast.ward, email="nva@hotmial.com", confirm_emails=_confirmation(first))
    assert response.status_code == 200
    assert "có phải là nva@hotmail.com?" in response.content.decode()
    assert not User.objects.filter(username="nguyen.van.a").exists()


def test_the_address_is_not_checked_when_the_role_goes_to_an_existing_account(client, cast):
    client.force_login(cast.city_admin)
    response = _add(client, cast.ward2, username="ward.reporter", email="nva@gmali.com")
    assert response.status_code == 302
    assert Membership.objects.filter(user=cast.ward_reporter, unit=cast.ward2).exists()
    assert mail.outbox == []


def test_the_members_page_shows_no_confirmation_box_until_it_is_needed(client, cast):
    client.force_login(cast.city_admin)
    page = client.get(reverse("accounts:members", args=[cast.ward.pk]))
    assert CONFIRM not in page.content.decode()
