"""Editorial items through their transition map: choosing, editing with revisions,
approving, scheduling, publishing, withdrawing; and each bad input refused with nothing
changed."""

import datetime as dt

import pytest

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError

from .. import services
from ..models import EditorialItem, ItemRevision, ItemStatus, PublicStory
from ..publication import Publication, item_publish, item_withdraw
from .conftest import choose, forward, send_story

pytestmark = pytest.mark.clock(2026, 11, 20)


def approve_and_schedule(w, item, *, actor=None, leader=None, air=None):
    leader = leader or w.cast.ward_leader
    item = services.item_approve(actor=leader, item=item, revision=item.revision)
    return services.item_schedule(
        actor=actor or w.cast.ward_reporter,
        item=item,
        revision=item.revision,
        on=dt.date(2026, 11, 20),
        air_time=air,
    )


def test_a_ward_story_chosen_for_the_wards_own_loudspeakers_goes_straight_into_editing(
    world, story
):
    item = choose(world, world.loudspeakers, story)
    assert item.status == ItemStatus.EDITING
    assert (item.title, item.body) == (story.headline, story.story)
    assert item.photos.get().alt_text == "Anh Tâm"
    actions = list(
        AuditEvent.objects.filter(object_type="publishing.editorialitem")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["item.create", "item.editing"]


def test_a_story_proposed_to_the_level_above_waits_there_until_its_editors_take_it_up(world, story):
    item = choose(world, world.district_portal, story, unit=world.cast.ward)
    assert item.status == ItemStatus.PROPOSED and item.proposed_by_unit == world.cast.ward
    with pytest.raises(ApplicationError, match="không phụ trách"):
        services.item_take_up(actor=world.cast.ward_reporter, item=item, revision=item.revision)
    item = services.item_take_up(
        actor=world.cast.district_editor, item=item, revision=item.revision
    )
    assert item.status == ItemStatus.EDITING


def test_the_whole_way_to_publication_and_the_story_appears_on_the_portal(world, story):
    item = choose(world, world.loudspeakers, story)
    item = services.item_edit(
        actor=world.cast.ward_reporter,
        item=item,
        revision=item.revision,
        title="Anh Tâm cứu người",
        body="Bài đọc trên loa.",
    )
    item = approve_and_schedule(world, item, air=dt.time(17, 30))
    item = item_publish(
        actor=world.cast.ward_reporter,
        item=item,
        revision=item.revision,
        publication=Publication(published_on=dt.date(2026, 11, 20), air_time=dt.time(17, 30)),
    )
    assert item.status == ItemStatus.PUBLISHED
    public = PublicStory.objects.get(nomination=story)
    assert public.title == "Anh Tâm cứu người"
    assert public.appearances.get().outlet_name == "Đài truyền thanh phường Hưng Đạo"
    assert public.photos.get().alt_text == "Anh Tâm"


def test_edits_keep_every_revision(world, story):
    item = choose(world, world.loudspeakers, story)
    for n in range(2):
        item = services.item_edit(
            actor=world.cast.ward_reporter,
            item=item,
            revision=item.revision,
            title=f"Tiêu đề {n}",
            body=f"Nội dung {n}",
        )
    assert list(item.revisions.values_list("number", "title")) == [
        (3, "Tiêu đề 1"),
        (2, "Tiêu đề 0"),
        (1, story.headline),
    ]


def test_two_editors_saving_the_same_item_the_second_is_refused_and_nothing_changes(world, story):
    item = choose(world, world.loudspeakers, story)
    stale = item.revision
    services.item_edit(
        actor=world.cast.ward_reporter, item=item, revision=stale, title="Của người 1", body="A"
    )
    with pytest.raises(ApplicationError, match="Có người khác vừa lưu"):
        services.item_edit(
            actor=world.cast.ward_leader, item=item, revision=stale, title="Của người 2", body="B"
        )
    item.refresh_from_db()
    assert item.title == "Của người 1" and item.revisions.count() == 2


def test_publishing_without_consent_for_that_outlet_kind_is_refused(world):
    nomination = send_story(world, channels=["loudspeaker"])
    with pytest.raises(
        ApplicationError,
        match="không bao gồm Phát thanh, truyền hình",
    ):
        choose(world, world.radio, forward(world, nomination), actor=world.cast.city_officer)
    assert not EditorialItem.objects.exists()


def test_a_story_without_any_consent_cannot_be_chosen(world):
    nomination = send_story(world, channels=[])
    with pytest.raises(ApplicationError):
        choose(world, world.loudspeakers, nomination)
    assert not EditorialItem.objects.exists()


def test_a_user_choosing_for_an_outlet_of_another_unit_is_refused(world, story):
    with pytest.raises(ApplicationError, match="Vạn Hương"):
        choose(world, world.other_outlet, story)
    assert not EditorialItem.objects.exists()


def test_a_user_scheduling_an_item_on_an_outlet_of_another_unit_is_refused(world, story):
    item = choose(world, world.loudspeakers, story)
    item = services.item_approve(actor=world.cast.ward_leader, item=item, revision=item.revision)
    with pytest.raises(ApplicationError, match="Phường Hưng Đạo"):
        services.item_schedule(
            actor=world.cast.outsider,
            item=item,
            revision=item.revision,
            on=dt.date(2026, 11, 21),
            air_time=dt.time(6, 0),
        )
    item.refresh_from_db()
    assert item.status == ItemStatus.APPROVED and item.scheduled_for is None


def test_only_a_leader_or_board_officer_approves(world, story):
    item = choose(world, world.loudspeakers, story)
    with pytest.raises(ApplicationError, match="lãnh đạo"):
        services.item_approve(actor=world.cast.ward_reporter, item=item, revision=item.revision)
    item.refresh_from_db()
    assert item.status == ItemStatus.EDITING


def test_a_photo_without_a_description_stops_the_approval(world, story):
    item = choose(world, world.loudspeakers, story)
    photo = item.photos.get()
    item = services.item_set_photos(
        actor=world.cast.ward_reporter, item=item, revision=item.revision, photos={photo.pk: " "}
    )
    with pytest.raises(ApplicationError, match="anh.jpg"):
        services.item_approve(actor=world.cast.ward_leader, item=item, revision=item.revision)
    assert EditorialItem.objects.get().status == ItemStatus.EDITING


def test_a_text_giving_the_birth_date_or_hometown_is_not_approved(world):
    nomination = send_story(
        world, birth_date=dt.date(1985, 3, 7), hometown="xã Tân Tiến, huyện An Dương"
    )
    item = choose(world, world.loudspeakers, nomination)
    for body, what in [
        ("Anh sinh ngày 07/03/1985, là người tốt.", "ngày sinh"),
        ("Anh sinh năm 1985.", "năm sinh"),
        ("Quê anh ở Xã Tân Tiến, huyện An Dương.", "quê quán"),
    ]:
        item = services.item_edit(
            actor=world.cast.ward_reporter, item=item, revision=item.revision, title="T", body=body
        )
        with pytest.raises(ApplicationError, match=what):
            services.item_approve(actor=world.cast.ward_leader, item=item, revision=item.revision)
    assert EditorialItem.objects.get().status == ItemStatus.EDITING


def test_the_same_story_cannot_be_chosen_twice_for_one_outlet(world, story):
    choose(world, world.loudspeakers, story)
    with pytest.raises(ApplicationError, match="đã được chọn"):
        choose(world, world.loudspeakers, story)
    assert EditorialItem.objects.count() == 1


def test_a_draft_that_never_reached_the_unit_cannot_be_chosen(world, story):
    with pytest.raises(ApplicationError, match="chưa được gửi đến"):
        choose(world, world.newspaper, story, actor=world.cast.city_officer)
    assert not EditorialItem.objects.exists()


def test_a_round_up_of_several_stories_starts_from_all_their_headlines(world, story):
    other = send_story(world, "Chị Hoa trả lại của rơi", "Lê Thị Hoa")
    item = choose(world, world.loudspeakers, [story, other])
    assert item.is_roundup
    assert "Anh Tâm cứu hai em nhỏ" in item.body and "Chị Hoa trả lại của rơi" in item.body
    assert item.title.startswith("Gương người tốt, việc tốt tháng 11/2026")


@pytest.mark.parametrize(
    "publication, message",
    [
        (Publication(published_on=dt.date(2026, 11, 19)), "được duyệt ngày"),
        (Publication(published_on=dt.date(2026, 11, 21)), "tương lai"),
        (
            Publication(published_on=dt.date(2026, 11, 20), url="javascript:alert(1)"),
            "http",
        ),
        (
            Publication(published_on=dt.date(2026, 11, 20), url="ftp://baohaiphong.vn/a"),
            "http",
        ),
        (Publication(published_on=dt.date(2026, 11, 20)), "số báo"),
    ],
)
def test_bad_publication_records_are_refused_and_nothing_changes(world, publication, message):
    nomination = forward(world, send_story(world))
    item = choose(world, world.newspaper, nomination, actor=world.cast.city_officer)
    item = approve_and_schedule(
        world, item, actor=world.cast.city_officer, leader=world.cast.city_officer
    )
    with pytest.raises(ApplicationError, match=message):
        item_publish(
            actor=world.cast.city_officer,
            item=item,
            revision=item.revision,
            publication=publication,
        )
    item.refresh_from_db()
    assert item.status == ItemStatus.SCHEDULED and item.published_on is None
    assert not PublicStory.objects.exists()


def test_the_transition_map_refuses_publishing_an_item_still_in_editing(world, story):
    item = choose(world, world.loudspeakers, story)
    with pytest.raises(ApplicationError, match="Đang biên tập"):
        item_publish(
            actor=world.cast.ward_reporter,
            item=item,
            revision=item.revision,
            publication=Publication(published_on=dt.date(2026, 11, 20), air_time=dt.time(6)),
        )


def test_withdrawing_needs_a_reason_and_a_withdrawn_item_stays_withdrawn(world, story):
    item = choose(world, world.loudspeakers, story)
    with pytest.raises(ApplicationError, match="lý do"):
        item_withdraw(actor=world.cast.ward_reporter, item=item, revision=item.revision, reason="")
    item_withdraw(
        actor=world.cast.ward_reporter, item=item, revision=item.revision, reason="Trùng bài"
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN and item.withdrawn_reason == "Trùng bài"
    with pytest.raises(ApplicationError):
        services.item_take_up(actor=world.cast.ward_reporter, item=item, revision=item.revision)
    assert ItemRevision.objects.filter(item=item).count() == 1


def test_the_ward_may_take_back_its_proposal_until_the_district_takes_it_up(world, story):
    item = choose(world, world.district_portal, story, unit=world.cast.ward)
    item_withdraw(
        actor=world.cast.ward_reporter,
        item=item,
        revision=item.revision,
        reason="Đề xuất nhầm kênh",
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN
    again = choose(world, world.district_portal, story, unit=world.cast.ward)
    again = services.item_take_up(
        actor=world.cast.district_editor, item=again, revision=again.revision
    )
    with pytest.raises(ApplicationError, match="không phụ trách"):
        item_withdraw(
            actor=world.cast.ward_reporter, item=again, revision=again.revision, reason="Muộn rồi"
        )
    again.refresh_from_db()
    assert again.status == ItemStatus.EDITING
