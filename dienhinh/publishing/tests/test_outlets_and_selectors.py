"""Outlets (kinds, consent channel, bad input) and the selectors other domains read: the
published examples of a period for the 11 June archive."""

import datetime as dt

import pytest
from django.urls import reverse

from dienhinh.common.errors import ApplicationError
from dienhinh.nominations.models import Channel

from .. import services
from ..channels import consent_channel_for
from ..models import Outlet, OutletKind
from ..outlets import OutletSpec, outlet_create, outlet_update
from ..publication import Publication, item_publish
from ..selectors import published_stories
from .conftest import choose, send_story

pytestmark = pytest.mark.clock(2026, 11, 20)


@pytest.mark.parametrize(
    "kind, owner, channel",
    [
        (OutletKind.LOUDSPEAKER, "ward", Channel.LOUDSPEAKER),
        (OutletKind.E_PORTAL, "district", Channel.PORTAL),
        (OutletKind.NEWSPAPER, "city", Channel.NEWSPAPER),
        (OutletKind.PERIODICAL, "city", Channel.NEWSPAPER),
        (OutletKind.RADIO_TV, "city", Channel.RADIO_TV),
        (OutletKind.SOCIAL, "ward", Channel.SOCIAL),
        (OutletKind.PERIODICAL, "central", Channel.CENTRAL),
        (OutletKind.E_PORTAL, "central", Channel.CENTRAL),
    ],
)
def test_each_kind_of_outlet_needs_the_consent_for_its_channel(cast, kind, owner, channel):
    assert consent_channel_for(kind=kind, owner=getattr(cast, owner)) == channel


@pytest.mark.parametrize(
    "spec, field",
    [
        (OutletSpec(kind="e_portal", name=" "), "name"),
        (OutletSpec(kind="telegraph", name="Điện báo"), "kind"),
        (OutletSpec(kind="e_portal", name="Cổng", contact_email="ban bien tap@"), "contact_email"),
        (OutletSpec(kind="other", name="Bảng tin nhà văn hóa"), "channel"),
    ],
)
def test_an_outlet_with_bad_details_is_refused_and_nothing_is_added(cast, spec, field):
    with pytest.raises(ApplicationError) as error:
        outlet_create(actor=cast.ward_leader, unit=cast.ward, spec=spec)
    assert error.value.field == field
    assert not Outlet.objects.exists()


def test_two_outlets_of_a_unit_cannot_share_a_name(cast):
    spec = OutletSpec(kind="loudspeaker", name="Đài truyền thanh phường")
    outlet_create(actor=cast.ward_leader, unit=cast.ward, spec=spec)
    with pytest.raises(ApplicationError, match="đã có kênh"):
        outlet_create(actor=cast.ward_leader, unit=cast.ward, spec=spec)
    assert Outlet.objects.count() == 1


def test_an_outlet_of_kind_other_names_its_consent_and_a_stale_edit_is_refused(cast):
    spec = OutletSpec(kind="other", name="Bảng tin nhà văn hóa", channel="portal")
    outlet = outlet_create(actor=cast.ward_leader, unit=cast.ward, spec=spec)
    assert outlet.consent_channel == "portal"
    outlet_update(
        actor=cast.ward_leader,
        outlet=outlet,
        revision=1,
        spec=OutletSpec(kind="other", name="Bảng tin", channel="loudspeaker"),
    )
    with pytest.raises(ApplicationError):
        outlet_update(
            actor=cast.ward_leader,
            outlet=outlet,
            revision=1,
            spec=OutletSpec(kind="other", name="Bảng tin cũ", channel="portal"),
        )
    outlet.refresh_from_db()
    assert (outlet.name, outlet.consent_channel) == ("Bảng tin", "loudspeaker")


def test_a_ward_leader_adds_an_outlet_from_the_page(client, cast):
    client.force_login(cast.ward_leader)
    response = client.post(
        reverse("publishing:outlets", args=[cast.ward.pk]),
        {
            "kind": "social",
            "name": "Trang Zalo phường Hưng Đạo",
            "contact_email": "",
            "address": "https://zalo.me/hungdao",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Outlet.objects.get().consent_channel == "social"


def test_the_archive_gets_the_published_examples_of_a_year_with_the_units_history(world):
    c = world.cast
    story = send_story(world)
    send_story(world, "Chưa đăng", "Trần Chưa Đăng")
    item = choose(world, world.loudspeakers, story)
    item = services.item_approve(actor=c.ward_leader, item=item, revision=item.revision)
    item = services.item_schedule(
        actor=c.ward_reporter,
        item=item,
        revision=item.revision,
        on=dt.date(2026, 11, 20),
        air_time=dt.time(6, 0),
    )
    item_publish(
        actor=c.ward_reporter,
        item=item,
        revision=item.revision,
        publication=Publication(dt.date(2026, 11, 20), air_time=dt.time(6, 0)),
    )
    year = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31)}
    found = list(published_stories(within_unit=c.city, **year))
    assert found == [story] and found[0].first_published_on == dt.date(2026, 11, 20)
    assert list(published_stories(within_unit=c.other_district, **year)) == []
    assert (
        list(
            published_stories(
                within_unit=c.city, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)
            )
        )
        == []
    )
    assert list(published_stories(within_unit=c.city, public_only=True, **year)) == [story]
