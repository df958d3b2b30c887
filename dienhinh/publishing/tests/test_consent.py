"""Consent is enforced always: narrowing or withdrawing it withdraws the items it no longer
covers, takes the story off the portal and feeds at once, and tells the outlets."""

import datetime as dt

import pytest
from django.core import mail

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.nominations.models import Consent
from dienhinh.nominations.publicity import consent_record, consent_withdraw

from .. import services
from ..models import ItemStatus, PublicStory
from ..publication import Publication, item_publish
from .conftest import choose, forward

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
def published(world, story):
    """The story on the ward loudspeakers and in Báo Hải Phòng; proposed to the Đặc san."""
    c = world.cast
    loud = publish(
        world,
        choose(world, world.loudspeakers, story),
        c.ward_reporter,
        c.ward_leader,
        air_time=dt.time(17, 30),
    )
    forward(world, story)
    paper = publish(
        world,
        choose(world, world.newspaper, story, actor=c.city_officer),
        c.city_officer,
        c.city_officer,
        url="https://baohaiphong.vn/guong-sang-anh-tam.html",
    )
    proposal = choose(world, world.dac_san, story, actor=c.city_officer, unit=c.city)
    mail.outbox.clear()
    return loud, paper, proposal


def test_withdrawing_consent_withdraws_every_item_and_takes_the_story_off_the_portal(
    world, story, published, django_capture_on_commit_callbacks
):
    assert PublicStory.objects.filter(nomination=story).exists()
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(actor=world.cast.ward_reporter, nomination=story, reason="Anh Tâm đề nghị")
    for item in published:
        item.refresh_from_db()
        assert item.status == ItemStatus.WITHDRAWN
        assert "Anh Tâm đề nghị" in item.withdrawn_reason
    assert not PublicStory.objects.filter(nomination=story).exists()
    assert not Consent.objects.filter(nomination=story).exists()
    assert AuditEvent.objects.filter(action="consent.withdraw", object_id=str(story.pk)).exists()
    assert AuditEvent.objects.filter(action="item.withdraw").count() == 3
    # The outlets that held it are asked to take it down; the proposal had not reached
    # anyone's hands yet, so the Đặc san gets no mail.
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == ["toasoan@baohaiphong.vn", "truyenthanh@hungdao.vn"]
    assert "Đề nghị gỡ bài" in mail.outbox[0].body


def test_narrowing_consent_withdraws_only_what_it_no_longer_covers(world, story, published):
    loud, paper, proposal = published
    consent_record(
        actor=world.cast.ward_reporter,
        nomination=story,
        given_by="Nguyễn Văn Tâm",
        given_on=dt.date(2026, 11, 20),
        channels=["loudspeaker", "portal"],
    )
    for item in published:
        item.refresh_from_db()
    assert loud.status == ItemStatus.PUBLISHED
    assert paper.status == ItemStatus.WITHDRAWN and proposal.status == ItemStatus.WITHDRAWN
    public = PublicStory.objects.get(nomination=story)
    assert [a.outlet_name for a in public.appearances.all()] == ["Đài truyền thanh phường Hưng Đạo"]


def test_dropping_the_e_portals_takes_the_story_off_the_portal_but_keeps_the_broadcast(
    world, story, published
):
    consent_record(
        actor=world.cast.ward_reporter,
        nomination=story,
        given_by="Nguyễn Văn Tâm",
        given_on=dt.date(2026, 11, 20),
        channels=["loudspeaker", "newspaper", "central"],
    )
    assert not PublicStory.objects.filter(nomination=story).exists()
    published[0].refresh_from_db()
    assert published[0].status == ItemStatus.PUBLISHED


def test_withdrawing_a_consent_needs_a_reason_and_changes_nothing_without_one(world, story):
    with pytest.raises(ApplicationError):
        consent_withdraw(actor=world.cast.ward_reporter, nomination=story, reason=" ")
    assert Consent.objects.filter(nomination=story).exists()


def test_the_unit_withdraws_the_consent_from_the_nomination_page(client, world, story, published):
    from django.urls import reverse

    client.force_login(world.cast.ward_reporter)
    url = reverse("nominations:consent_withdraw", args=[story.pk])
    page = client.post(url, {"reason": ""}, follow=True).content.decode()
    assert "Hãy ghi lý do rút lại sự đồng ý" in page
    assert Consent.objects.filter(nomination=story).exists()
    page = client.post(url, {"reason": "Anh Tâm đề nghị"}, follow=True).content.decode()
    assert "Đã rút lại sự đồng ý" in page
    assert not PublicStory.objects.filter(nomination=story).exists()


def test_someone_outside_the_unit_cannot_withdraw_its_consent(client, world, story):
    from django.urls import reverse

    client.force_login(world.cast.outsider)
    url = reverse("nominations:consent_withdraw", args=[story.pk])
    assert client.post(url, {"reason": "x"}).status_code == 403
    assert Consent.objects.filter(nomination=story).exists()
