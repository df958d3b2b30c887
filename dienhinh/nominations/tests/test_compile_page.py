"""The compiler's list page: reading it writes nothing, saving says what was saved and
keeps the note, the top level has no list to forward, and decisions only concern lists
that were forwarded."""

import datetime as dt

import pytest
from django.urls import reverse

from dienhinh.audit.models import AuditEvent
from dienhinh.nominations.batches import batch_open
from dienhinh.nominations.models import Batch, BatchItem, Nomination
from dienhinh.nominations.workflow import (
    Content,
    nomination_accept,
    nomination_create,
    nomination_submit,
)
from dienhinh.testing import make_seed_programmes

pytestmark = pytest.mark.clock(2026, 11, 16)


@pytest.fixture
def periods(cast):
    city, district = make_seed_programmes(cast, starts_on=dt.date(2026, 11, 1))
    return city.periods.get(key="2026-11"), district.periods.get(key="2026-11")


def accepted(cast, period) -> Nomination:
    nomination = nomination_create(
        actor=cast.ward_reporter,
        unit=cast.ward,
        period=period,
        content=Content(headline="Gương sáng", story="Việc tốt", full_name="Lê Văn Bình"),
    )
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    return nomination_accept(
        actor=cast.compiler, nomination=nomination, revision=nomination.revision
    )


def test_opening_the_compile_page_writes_nothing(client, cast, periods):
    _city, district = periods
    client.force_login(cast.compiler)
    before = AuditEvent.objects.count()
    assert client.get(reverse("nominations:compile", args=[district.pk])).status_code == 200
    assert Batch.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_saving_with_nothing_ticked_says_so_and_keeps_the_note(client, cast, periods):
    _city, district = periods
    accepted(cast, district)
    client.force_login(cast.compiler)
    response = client.post(
        reverse("nominations:compile", args=[district.pk]),
        {"revision": "0", "note": "Phường Anh Dũng xin nộp muộn."},
        follow=True,
    )
    html = response.content.decode()
    assert "chưa có hồ sơ nào" in html
    assert "Phường Anh Dũng xin nộp muộn." in html  # the note is back in its box
    assert Batch.objects.get().note == "Phường Anh Dũng xin nộp muộn."


def test_a_stale_page_cannot_overwrite_a_list_a_colleague_opened(client, cast, periods):
    _city, district = periods
    nomination = accepted(cast, district)
    batch_open(actor=cast.compiler, period=district)
    client.force_login(cast.compiler)
    client.post(
        reverse("nominations:compile", args=[district.pk]),
        {"revision": "0", "chon": [nomination.pk]},
    )
    assert BatchItem.objects.count() == 0


def test_the_top_level_list_has_nothing_to_forward_and_no_note_box(client, cast, periods):
    city, _district = periods
    client.force_login(cast.city_officer)
    html = client.get(reverse("nominations:compile", args=[city.pk])).content.decode()
    assert 'name="note"' not in html and 'name="forward"' not in html
    response = client.post(reverse("nominations:compile", args=[city.pk]), {"revision": "0"})
    assert response.status_code == 302
    assert Batch.objects.count() == 0


@pytest.mark.parametrize("role", ["compiler", "city_officer", "ward_reporter", "nobody"])
def test_deciding_on_an_item_of_a_list_not_forwarded_is_not_found(client, cast, periods, role):
    _city, district = periods
    nomination = accepted(cast, district)
    batch = batch_open(actor=cast.compiler, period=district)
    item = BatchItem.objects.create(batch=batch, nomination=nomination)
    client.force_login(getattr(cast, role))
    response = client.post(
        reverse("nominations:batch_item_decide", args=[item.pk]), {"decision": "accept"}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.review == "pending"
