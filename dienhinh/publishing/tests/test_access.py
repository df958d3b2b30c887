"""Every publishing page walked with every role of the cast. The expectations are written
out by hand (not derived from the scope code)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dienhinh.audit.models import AuditEvent

from .. import services
from ..bulletins import bulletin_create
from ..models import EditorialItem, ItemStatus
from ..publication import Publication, evidence_add, item_publish
from .conftest import choose

pytestmark = pytest.mark.clock(2026, 11, 20)

USERS = [
    "ward_reporter",
    "ward_leader",
    "compiler",
    "city_officer",
    "city_admin",
    "outsider",
    "nobody",
    "superuser",
]
RUNS_WARD_MEDIA = {"ward_reporter", "ward_leader", "city_officer", "city_admin", "superuser"}
SEES_WARD = RUNS_WARD_MEDIA | {"compiler"}
MANAGES_WARD_OUTLETS = {"ward_leader", "city_officer", "city_admin", "superuser"}
APPROVES_FOR_WARD = MANAGES_WARD_OUTLETS
REPORTS_ON_WARD = {"ward_leader", "compiler", "city_officer", "city_admin", "superuser"}
HAS_A_DESK = RUNS_WARD_MEDIA | {"outsider"}


@pytest.fixture
def published(world, story):
    """A story broadcast on the ward loudspeakers with a PDF as evidence, and a bulletin."""
    c = world.cast
    item = choose(world, world.loudspeakers, story)
    item = services.item_approve(actor=c.ward_leader, item=item, revision=item.revision)
    item = services.item_schedule(
        actor=c.ward_reporter,
        item=item,
        revision=item.revision,
        on=dt.date(2026, 11, 20),
        air_time=dt.time(17, 30),
    )
    item = item_publish(
        actor=c.ward_reporter,
        item=item,
        revision=item.revision,
        publication=Publication(published_on=dt.date(2026, 11, 20), air_time=dt.time(17, 30)),
    )
    pdf = SimpleUploadedFile("trang.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    evidence = evidence_add(actor=c.ward_reporter, item=item, upload=pdf)
    other = choose(world, world.loudspeakers, _second(world))
    other = services.item_approve(actor=c.ward_leader, item=other, revision=other.revision)
    bulletin = bulletin_create(
        actor=c.ward_reporter,
        outlet=world.loudspeakers,
        span="week",
        day=dt.date(2026, 11, 20),
        items=[other],
    )
    return item, evidence, bulletin


def _second(world):
    from .conftest import send_story

    return send_story(world, "Chị Hoa trả lại của rơi", "Lê Thị Hoa", photo=False)


@pytest.mark.parametrize("user_key", USERS)
def test_publishing_pages_open_exactly_to_those_who_run_see_or_report_on_the_ward(
    client, world, published, user_key
):
    item, evidence, bulletin = published
    ward = world.cast.ward
    client.force_login(getattr(world.cast, user_key))
    expect = {
        reverse("publishing:desk"): HAS_A_DESK,
        reverse("publishing:desk") + f"?don_vi={ward.pk}": RUNS_WARD_MEDIA,
        reverse("publishing:outlets", args=[ward.pk]): SEES_WARD,
        reverse("publishing:outlet_edit", args=[world.loudspeakers.pk]): MANAGES_WARD_OUTLETS,
        reverse("publishing:item", args=[item.pk]): SEES_WARD,
        reverse("publishing:evidence_file", args=[evidence.pk]): SEES_WARD,
        reverse("publishing:item_photo", args=[item.pk, item.photos.get().pk]): SEES_WARD,
        reverse("publishing:bulletin_create", args=[world.loudspeakers.pk]): RUNS_WARD_MEDIA,
        reverse("publishing:bulletin", args=[bulletin.pk]): SEES_WARD,
        reverse("publishing:bulletin_docx", args=[bulletin.pk]): SEES_WARD,
        reverse("publishing:report") + f"?don_vi={ward.pk}": REPORTS_ON_WARD,
        reverse("publishing:report_xlsx") + f"?don_vi={ward.pk}": REPORTS_ON_WARD,
    }
    for url, allowed in expect.items():
        assert client.get(url).status_code == (200 if user_key in allowed else 403), url
    listen = client.get(reverse("publishing:bulletin_listen", args=[bulletin.pk]))
    assert listen.status_code == (404 if user_key in SEES_WARD else 403)  # no audio yet


@pytest.mark.parametrize("user_key", USERS)
def test_only_a_leader_or_board_officer_approves_a_wards_story(client, world, story, user_key):
    item = choose(world, world.loudspeakers, story)
    client.force_login(getattr(world.cast, user_key))
    response = client.post(
        reverse("publishing:item_step", args=[item.pk, "duyet"]), {"revision": item.revision}
    )
    allowed = user_key in APPROVES_FOR_WARD
    assert response.status_code == (302 if allowed else 403)
    item.refresh_from_db()
    assert (item.status == ItemStatus.APPROVED) is allowed
    if not allowed:
        assert AuditEvent.objects.filter(action="access.denied").exists()


@pytest.mark.parametrize("user_key", USERS)
def test_only_the_wards_media_people_choose_its_story_for_its_loudspeakers(
    client, world, story, user_key
):
    client.force_login(getattr(world.cast, user_key))
    response = client.post(
        reverse("publishing:choose"),
        {"unit": world.cast.ward.pk, "kenh": world.loudspeakers.pk, "chon": [story.pk]},
    )
    allowed = user_key in RUNS_WARD_MEDIA
    assert response.status_code == (302 if allowed else 403)
    assert EditorialItem.objects.exists() is allowed
