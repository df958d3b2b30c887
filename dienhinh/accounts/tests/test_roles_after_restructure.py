"""Roles in a unit that has ended: their holders read its history and do nothing more; the
successor's administrator sees whose access ended and may give them a role there."""

import datetime as dt

import pytest
from django.urls import reverse

from dienhinh.accounts.models import Membership, Role
from dienhinh.accounts.scope import Action, can
from dienhinh.accounts.services import membership_grant
from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.testing import make_user
from dienhinh.units.restructure import units_merge
from dienhinh.units.services import NewUnit

pytestmark = pytest.mark.clock(2026, 11, 20)
MERGED_ON = dt.date(2025, 7, 1)


@pytest.fixture
def merged(cast):
    """The two wards merged into a new ward on 1/7/2025, with an administrator of its own."""
    new_ward = units_merge(
        actor=cast.city_admin,
        sources=[cast.ward, cast.ward2],
        on=MERGED_ON,
        new_unit=NewUnit(name="Phường Hưng Đạo mới", kind="ward", parent=cast.district),
    )
    make_user("ward.admin", unit=new_ward, role=Role.ADMINISTRATOR)
    return new_ward


def test_a_restructure_ends_the_roles_of_the_units_it_ends_and_audits_it(cast, merged):
    ended = Membership.objects.get(user=cast.ward_reporter)
    assert ended.valid_to == MERGED_ON
    assert ended.ended_by.kind == "merge"
    assert AuditEvent.objects.filter(action="membership.end", unit=cast.ward).count() == 2


def test_a_role_in_an_ended_unit_reads_its_history_and_writes_nothing(cast, merged):
    cast.ward.refresh_from_db()
    assert can(cast.ward_reporter, cast.ward, Action.VIEW)
    assert not can(cast.ward_reporter, cast.ward, Action.ENTER_NOMINATIONS)
    assert not can(cast.ward_leader, cast.ward, Action.CONFIRM_NOMINATIONS)


def test_nobody_is_given_a_role_in_a_unit_that_has_ended(cast, merged):
    cast.ward.refresh_from_db()
    with pytest.raises(ApplicationError):
        membership_grant(
            actor=cast.city_admin, user=cast.nobody, unit=cast.ward, role=Role.REPORTER
        )


def test_an_administrator_of_a_dissolved_unit_grants_nothing(client, cast):
    from dienhinh.units.restructure import unit_dissolve

    admin = make_user("district.admin", unit=cast.district, role=Role.ADMINISTRATOR)
    unit_dissolve(actor=None, unit=cast.district, on=MERGED_ON, successor=cast.city, cascade=True)
    client.force_login(admin)
    response = client.post(
        reverse("accounts:members", args=[cast.district.pk]),
        {"username": "nobody", "role": Role.REPORTER},
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=cast.nobody).exists()


def test_the_successors_administrator_sees_whose_access_ended_and_gives_it_back(
    client, cast, merged
):
    client.force_login(Membership.objects.get(user__username="ward.admin").user)
    url = reverse("accounts:members", args=[merged.pk])
    page = client.get(url).content.decode()
    assert "ward.reporter" in page and "ward.leader" in page
    ended = Membership.objects.get(user=cast.ward_reporter)
    client.post(reverse("accounts:member_carry_over", args=[merged.pk, ended.pk]))
    moved = Membership.objects.get(user=cast.ward_reporter, unit=merged)
    assert moved.role == Role.REPORTER and moved.valid_to is None
    assert can(cast.ward_reporter, merged, Action.ENTER_NOMINATIONS)
    assert "ward.reporter" not in client.get(url).context["ended"].values_list(
        "user__username", flat=True
    )
