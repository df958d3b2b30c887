"""The ward loudspeaker bulletin: assembled to be read aloud, edited in place, printed as
DOCX, read by espeak-ng into an audio draft, and broadcast — which records each story."""

import datetime as dt
import io
import shutil

import pytest
from django.urls import reverse
from docx import Document

from dienhinh.common.errors import ApplicationError

from .. import services
from ..bulletin_files import bulletin_docx, bulletin_make_audio
from ..bulletins import bulletin_broadcast, bulletin_create, bulletin_edit, reading_minutes
from ..models import BulletinStatus, ItemStatus, PublicStory
from .conftest import choose, send_story

pytestmark = pytest.mark.clock(2026, 11, 20)


def approved(world, nomination):
    item = choose(world, world.loudspeakers, nomination)
    item = services.item_edit(
        actor=world.cast.ward_reporter,
        item=item,
        revision=item.revision,
        title=item.title,
        body="Ngày 2/9/2023, UBND phường khen thưởng anh Tâm 500.000 đồng.",
    )
    return services.item_approve(actor=world.cast.ward_leader, item=item, revision=item.revision)


@pytest.fixture
def bulletin(world, story):
    items = [approved(world, story), approved(world, send_story(world, "Chị Hoa", "Lê Thị Hoa"))]
    return bulletin_create(
        actor=world.cast.ward_reporter,
        outlet=world.loudspeakers,
        span="week",
        day=dt.date(2026, 11, 18),
        items=items,
    )


def test_the_script_is_written_to_be_read_aloud(bulletin):
    assert (bulletin.starts_on, bulletin.ends_on) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    script = bulletin.script
    assert "Ủy ban nhân dân phường" in script and "UBND" not in script
    assert "Ngày mồng hai tháng chín năm hai nghìn không trăm hai mươi ba" in script
    assert "năm trăm nghìn đồng" in script and "500.000" not in script
    assert "mười sáu tháng mười một" in script  # the week in the title, spelled out
    assert reading_minutes(bulletin) >= 1


def test_a_month_bulletin_covers_the_whole_month(world, story):
    item = approved(world, story)
    monthly = bulletin_create(
        actor=world.cast.ward_reporter,
        outlet=world.loudspeakers,
        span="month",
        day=dt.date(2026, 2, 10),
        items=[item],
    )
    assert (monthly.starts_on, monthly.ends_on) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))


def test_only_approved_stories_of_the_outlet_go_into_a_bulletin(world, story):
    item = choose(world, world.loudspeakers, story)  # still in editing
    with pytest.raises(ApplicationError):
        bulletin_create(
            actor=world.cast.ward_reporter,
            outlet=world.loudspeakers,
            span="week",
            day=dt.date(2026, 11, 20),
            items=[item],
        )


def test_the_script_is_edited_in_place_and_a_stale_page_is_refused(world, bulletin):
    stale = bulletin.revision
    bulletin_edit(
        actor=world.cast.ward_reporter,
        bulletin=bulletin,
        revision=stale,
        title=bulletin.title,
        script="Kính thưa bà con.",
    )
    with pytest.raises(ApplicationError):
        bulletin_edit(
            actor=world.cast.ward_leader,
            bulletin=bulletin,
            revision=stale,
            title=bulletin.title,
            script="Bản khác.",
        )
    bulletin.refresh_from_db()
    assert bulletin.script == "Kính thưa bà con."


def test_the_printable_docx_holds_the_script_in_times_new_roman_on_a4(bulletin):
    document = Document(io.BytesIO(bulletin_docx(bulletin)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BẢN TIN TRUYỀN THANH" in text
    assert "Ủy ban nhân dân phường" in text
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30
    assert document.styles["Normal"].font.name == "Times New Roman"


@pytest.mark.skipif(not shutil.which("espeak-ng"), reason="espeak-ng is not installed")
def test_espeak_ng_reads_the_script_into_an_audio_draft_once_per_revision(world, bulletin):
    assert bulletin_make_audio(bulletin_id=bulletin.pk, revision=bulletin.revision)
    bulletin.refresh_from_db()
    head = bulletin.audio.open("rb").read(4)
    assert head in (b"OggS", b"RIFF")
    assert bulletin.audio_revision == bulletin.revision
    # Run twice (a retried job): nothing is made again.
    assert not bulletin_make_audio(bulletin_id=bulletin.pk, revision=bulletin.revision)


@pytest.mark.skipif(not shutil.which("espeak-ng"), reason="espeak-ng is not installed")
def test_the_ward_makes_and_hears_the_audio_from_the_page(
    client, world, bulletin, django_capture_on_commit_callbacks
):
    client.force_login(world.cast.ward_reporter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("publishing:bulletin_audio", args=[bulletin.pk]))
    response = client.get(reverse("publishing:bulletin_listen", args=[bulletin.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("audio/")
    page = client.get(reverse("publishing:bulletin", args=[bulletin.pk])).content.decode()
    assert "<audio" in page


def test_broadcasting_records_the_broadcast_for_each_story(world, bulletin):
    bulletin = bulletin_broadcast(
        actor=world.cast.ward_reporter,
        bulletin=bulletin,
        revision=bulletin.revision,
        on=dt.date(2026, 11, 20),
        air_time=dt.time(17, 30),
    )
    assert bulletin.status == BulletinStatus.BROADCAST
    for item in bulletin.items.all():
        assert item.status == ItemStatus.PUBLISHED
        assert (item.published_on, item.air_time) == (dt.date(2026, 11, 20), dt.time(17, 30))
    assert PublicStory.objects.count() == 2
    with pytest.raises(ApplicationError):
        bulletin_edit(
            actor=world.cast.ward_reporter,
            bulletin=bulletin,
            revision=bulletin.revision,
            title="x",
            script="y",
        )


@pytest.mark.parametrize(
    "on, air_time, message",
    [
        (dt.date(2026, 11, 21), dt.time(17, 30), "trước khi"),
        (dt.date(2026, 11, 20), None, "giờ đã phát"),
    ],
)
def test_a_broadcast_in_the_future_or_without_a_time_is_refused(
    world, bulletin, on, air_time, message
):
    with pytest.raises(ApplicationError, match=message):
        bulletin_broadcast(
            actor=world.cast.ward_reporter,
            bulletin=bulletin,
            revision=bulletin.revision,
            on=on,
            air_time=air_time,
        )
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.DRAFT
    assert not bulletin.items.filter(status=ItemStatus.PUBLISHED).exists()


def test_a_story_whose_consent_was_withdrawn_stops_the_broadcast(world, story, bulletin):
    from dienhinh.nominations.publicity import consent_withdraw

    consent_withdraw(actor=world.cast.ward_reporter, nomination=story, reason="Không đồng ý nữa")
    with pytest.raises(ApplicationError, match="soạn lại"):
        bulletin_broadcast(
            actor=world.cast.ward_reporter,
            bulletin=bulletin,
            revision=bulletin.revision,
            on=dt.date(2026, 11, 20),
            air_time=dt.time(17, 30),
        )
    assert not PublicStory.objects.exists()
