"""The members page: administrators open accounts, grant and withdraw roles."""

import re

from django.core import mail
from django.urls import reverse

from dienhinh.accounts.models import Membership, Role, User
from dienhinh.audit.models import AuditEvent


def _add(client, unit, **data):
    return client.post(reverse("accounts:members", args=[unit.pk]), data)


def test_an_administrator_opens_an_account_and_the_new_user_sets_a_password_from_the_mail(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.city_admin)
    # The invitation leaves only once the account is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = _add(
            client,
            cast.ward,
            username="nguyen.van.a",
            full_name="Nguyễn Văn A",
            email="nva@duongkinh.gov.vn",
            role=Role.REPORTER,
            title="Công chức VH-XH",
        )
    assert response.status_code == 302
    user = User.objects.get(username="nguyen.van.a")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, unit=cast.ward, role=Role.REPORTER).exists()
    assert [m.to for m in mail.outbox] == [["nva@duongkinh.gov.vn"]]
    link = re.search(r"http://testserver(/tai-khoan/dat-lai/\S+/)", mail.outbox[0].body).group(1)
    client.logout()
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-rieng-2026", "new_password2": "Mat-khau-rieng-2026"},
    )
    logged_in = client.post(
        reverse("accounts:login"),
        {"username": "nguyen.van.a", "password": "Mat-khau-rieng-2026"},
    )
    assert logged_in.status_code == 302
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"user.create", "membership.grant"} <= actions


def test_granting_a_role_to_an_existing_user_sends_no_invitation(client, cast):
    client.force_login(cast.city_admin)
    response = _add(client, cast.ward2, username="ward.reporter", role=Role.REPORTER)
    assert response.status_code == 302
    assert Membership.objects.filter(user=cast.ward_reporter, unit=cast.ward2).exists()
    assert mail.outbox == []


def test_granting_the_same_role_twice_is_refused_with_a_message(client, cast):
    client.force_login(cast.city_admin)
    response = _add(client, cast.ward, username="ward.reporter", role=Role.REPORTER)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Membership.objects.filter(user=cast.ward_reporter).count() == 1


def test_a_new_account_without_an_e_mail_is_refused_and_nothing_is_created(client, cast):
    client.force_login(cast.city_admin)
    response = _add(client, cast.ward, username="khong.email", role=Role.REPORTER)
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not User.objects.filter(username="khong.email").exists()
    assert not AuditEvent.objects.filter(action="user.create").exists()


def test_withdrawing_a_role_is_audited(client, cast):
    membership = Membership.objects.get(user=cast.ward_leader)
    client.force_login(cast.city_admin)
    client.post(reverse("accounts:member_revoke", args=[cast.ward.pk, membership.pk]))
    event = AuditEvent.objects.get(action="membership.revoke")
    assert event.unit == cast.ward
    assert event.changes == {"user": "ward.leader", "role": Role.UNIT_LEADER}


def test_an_administrator_cannot_withdraw_their_own_administrator_role(client, cast):
    membership = Membership.objects.get(user=cast.city_admin)
    client.force_login(cast.city_admin)
    client.post(reverse("accounts:member_revoke", args=[cast.city.pk, membership.pk]))
    assert Membership.objects.filter(pk=membership.pk).exists()
