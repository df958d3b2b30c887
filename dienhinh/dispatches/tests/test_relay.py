"""Putting a dispatch in motion (relay.py): one action with a unit picker, only for units
that exist and have units below; the deadline cascade checked on every path; an incoming
copy's relay linked to the programme it relays; a second programme from the same dispatch
confirmed first."""

import datetime as dt

import pytest
from django.urls import reverse

from dienhinh.accounts.models import Role
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.models import Programme
from dienhinh.cycles.services import ProgrammeSpec
from dienhinh.dispatches import relay, services
from dienhinh.testing import make_unit, make_user
from dienhinh.units.models import UnitKind

from .conftest import CITY_TEXT, register

pytestmark = [pytest.mark.django_db, pytest.mark.clock(2026, 11, 20)]


def spec(**fields) -> ProgrammeSpec:
    values = dict(
        title="Hằng tháng",
        cadence="monthly",
        starts_on=dt.date(2026, 11, 1),
        unit_relation="on",
        unit_day=10,
        forward_relation="before",
        forward_day=15,
    )
    values.update(fields)
    return ProgrammeSpec(**values)


def relayed_to_wards(cast, city_dispatch):
    return services.dispatch_relay(
        actor=cast.compiler,
        parent=city_dispatch,
        sender=cast.district,
        spec=services.RelaySpec(programme=spec(), addressees=[cast.ward, cast.ward2]),
    )


def test_the_dispatch_page_offers_one_action_with_a_picker_of_units_that_can_relay(
    client, cast, city_dispatch
):
    outgoing = relayed_to_wards(cast, city_dispatch)
    make_unit("Tổ dân phố số 1", UnitKind.MASS_ORGANISATION, cast.ward)
    ended = make_unit("Phường đã giải thể", UnitKind.WARD, cast.district)
    type(ended).objects.filter(pk=ended.pk).update(valid_to=dt.date(2025, 7, 1))
    outgoing.addressee_units.add(ended)
    client.force_login(cast.city_admin)
    html = client.get(reverse("dispatches:detail", args=[outgoing.pk])).content.decode()
    senders = client.get(reverse("dispatches:detail", args=[outgoing.pk])).context["senders"]
    # The ward with a unit below it may relay further; ward2 has nothing below, the ended
    # ward no longer exists.
    assert senders == [cast.ward]
    assert html.count(f"?as={cast.ward.pk}") == 1
    assert "Relay below" not in html and "Triển khai dưới" not in html


def test_relaying_a_dispatch_addressed_from_above_checks_the_cascade_too(cast, city_dispatch):
    outgoing = relayed_to_wards(cast, city_dispatch)
    make_unit("Tổ dân phố số 1", UnitKind.MASS_ORGANISATION, cast.ward)
    group = cast.ward.children.get()
    # The district wants the ward's material on the 10th; the ward asks its group for the
    # 12th and forwards on the 14th: both after what the district asks.
    motion = relay.Motion(
        spec=spec(unit_day=12, forward_relation="on", forward_day=14), addressees=[group]
    )
    with pytest.raises(ApplicationError) as refused:
        relay.dispatch_put_in_motion(
            actor=cast.ward_leader, dispatch=outgoing, sender=cast.ward, motion=motion
        )
    assert refused.value.code == "needs_confirmation"
    assert refused.value.extra["warnings"]
    assert not Programme.objects.filter(owner=cast.ward).exists()


def test_a_relay_of_an_incoming_copy_relays_the_programme_of_the_original(cast, city_dispatch):
    copy = register(
        cast.compiler, cast.district, CITY_TEXT, direction="incoming", number="785/BTĐKT-THHC"
    )
    assert copy.programme_id is None
    made = relay.dispatch_put_in_motion(
        actor=cast.compiler,
        dispatch=copy,
        sender=cast.district,
        motion=relay.Motion(spec=spec(), addressees=[cast.ward], confirmed=True),
    )
    assert made.programme.parent == city_dispatch.programme


def test_a_second_programme_from_the_same_dispatch_is_confirmed_first(client, cast, city_dispatch):
    relayed_to_wards(cast, city_dispatch)
    motion = relay.Motion(spec=spec(title="Lần hai"), addressees=[cast.ward])
    with pytest.raises(ApplicationError) as refused:
        relay.dispatch_put_in_motion(
            actor=cast.compiler, dispatch=city_dispatch, sender=cast.district, motion=motion
        )
    assert "đã triển khai công văn này" in refused.value.extra["warnings"][0]
    assert Programme.objects.filter(owner=cast.district).count() == 1


def test_someone_who_runs_no_programme_there_cannot_relay(client, cast, city_dispatch):
    reporter = make_user("district.reporter", unit=cast.district, role=Role.REPORTER)
    client.force_login(reporter)
    url = reverse("dispatches:programme", args=[city_dispatch.pk])
    assert client.get(url).status_code == 403
