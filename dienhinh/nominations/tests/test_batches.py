"""Compiling and forwarding, the seeds' way: the district accepts what its wards sent,
forwards its list on the 17th naming the ward that sent nothing, and the city decides on
each nomination."""

import datetime as dt

import pytest

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.models import ExpectedUnit, ReportState
from dienhinh.nominations.batches import (
    batch_forward,
    batch_item_accept,
    batch_item_return,
    batch_open,
    batch_set_items,
    eligible_for,
)
from dienhinh.nominations.models import BatchStatus, ItemReview
from dienhinh.nominations.workflow import (
    Content,
    nomination_accept,
    nomination_create,
    nomination_submit,
)
from dienhinh.testing import make_seed_programmes


@pytest.fixture
def chain(cast):
    city, district = make_seed_programmes(cast, starts_on=dt.date(2026, 1, 1))
    return (city.periods.get(key="2026-11"), district.periods.get(key="2026-11"))


def accepted(cast, period, unit, headline="Gương sáng"):
    nomination = nomination_create(
        actor=cast.ward_reporter,
        unit=unit,
        period=period,
        content=Content(headline=headline, story="Việc tốt", full_name="Phan Văn D"),
    )
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    return nomination_accept(
        actor=cast.compiler, nomination=nomination, revision=nomination.revision
    )


def test_the_district_forwards_its_list_naming_the_ward_that_sent_nothing(cast, chain):
    city_period, district_period = chain
    nomination = accepted(cast, district_period, cast.ward)
    batch = batch_open(actor=None, period=district_period)
    batch = batch_set_items(
        actor=cast.compiler, batch=batch, revision=batch.revision, nominations=[nomination]
    )
    batch = batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)
    assert batch.status == BatchStatus.FORWARDED and batch.to_period == city_period
    assert batch.missing_units == [{"id": cast.ward2.pk, "name": "Phường Anh Dũng"}]
    district_row = ExpectedUnit.objects.get(period=city_period, unit=cast.district)
    # Reported by forwarding; its nominations are counted at the wards, not twice.
    assert district_row.state != ReportState.MISSING and district_row.sent == 0
    assert district_row.quota_met
    assert AuditEvent.objects.filter(action="batch.forward").exists()


def test_a_nomination_not_accepted_at_the_district_cannot_be_forwarded(cast, chain):
    _city_period, district_period = chain
    draft = nomination_create(
        actor=cast.ward_reporter,
        unit=cast.ward,
        period=district_period,
        content=Content(headline="Nháp", story="…", full_name="Võ E"),
    )
    batch = batch_open(actor=None, period=district_period)
    with pytest.raises(ApplicationError):
        batch_set_items(
            actor=cast.compiler, batch=batch, revision=batch.revision, nominations=[draft]
        )
    assert batch.items.count() == 0


def test_a_forwarded_list_can_no_longer_change(cast, chain):
    _city_period, district_period = chain
    nomination = accepted(cast, district_period, cast.ward)
    batch = batch_open(actor=None, period=district_period)
    batch = batch_set_items(
        actor=cast.compiler, batch=batch, revision=batch.revision, nominations=[nomination]
    )
    batch = batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)
    with pytest.raises(ApplicationError):
        batch_set_items(actor=cast.compiler, batch=batch, revision=batch.revision, nominations=[])
    with pytest.raises(ApplicationError):
        batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)


def test_a_stale_list_is_refused(cast, chain):
    _city_period, district_period = chain
    nomination = accepted(cast, district_period, cast.ward)
    batch = batch_open(actor=None, period=district_period)
    stale = batch.revision
    batch_set_items(actor=cast.compiler, batch=batch, revision=stale, nominations=[nomination])
    with pytest.raises(ApplicationError):
        batch_set_items(actor=cast.compiler, batch=batch, revision=stale, nominations=[])


def test_the_city_accepts_one_returns_another_and_compiles_only_the_accepted(cast, chain):
    city_period, district_period = chain
    first = accepted(cast, district_period, cast.ward, "Gương thứ nhất")
    second = accepted(cast, district_period, cast.ward2, "Gương thứ hai")
    batch = batch_open(actor=None, period=district_period)
    batch = batch_set_items(
        actor=cast.compiler, batch=batch, revision=batch.revision, nominations=[first, second]
    )
    batch = batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)
    item_one, item_two = batch.items.get(nomination=first), batch.items.get(nomination=second)
    batch_item_accept(actor=cast.city_officer, item=item_one)
    with pytest.raises(ApplicationError):
        batch_item_return(actor=cast.city_officer, item=item_two, reason=" ")
    batch_item_return(actor=cast.city_officer, item=item_two, reason="Chưa có ảnh")
    item_two.refresh_from_db()
    assert (item_two.review, item_two.review_reason) == (ItemReview.RETURNED, "Chưa có ảnh")
    city_batch = batch_open(actor=None, period=city_period)
    assert list(eligible_for(city_batch)) == [first]


def test_a_programme_that_relays_nothing_has_nowhere_to_forward(cast, chain):
    city_period, _district_period = chain
    batch = batch_open(actor=None, period=city_period)
    with pytest.raises(ApplicationError):
        batch_forward(actor=cast.city_officer, batch=batch, revision=batch.revision)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DRAFT


def test_a_nomination_the_city_returns_goes_back_to_its_ward_and_up_again_in_a_next_list(
    cast, chain
):
    from dienhinh.nominations.models import Nomination, Status
    from dienhinh.nominations.workflow import nomination_update

    city_period, district_period = chain
    nomination = accepted(cast, district_period, cast.ward)
    batch = batch_open(actor=None, period=district_period)
    batch = batch_set_items(
        actor=cast.compiler, batch=batch, revision=batch.revision, nominations=[nomination]
    )
    batch = batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)
    batch_item_return(actor=cast.city_officer, item=batch.items.get(), reason="Thiếu ảnh")
    nomination = Nomination.objects.get(pk=nomination.pk)
    assert nomination.status == Status.RETURNED
    assert (
        "Thành phố Hải Phòng" in nomination.return_reason
        and "Thiếu ảnh" in nomination.return_reason
    )
    nomination = nomination_update(
        actor=cast.ward_reporter,
        nomination=nomination,
        revision=nomination.revision,
        content=Content(headline="Gương sáng", story="Việc tốt", full_name="Phan Văn D"),
    )
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    nomination = nomination_accept(
        actor=cast.compiler, nomination=nomination, revision=nomination.revision
    )
    second = batch_open(actor=None, period=district_period)
    assert second.pk != batch.pk
    assert list(eligible_for(second)) == [nomination]
    second = batch_set_items(
        actor=cast.compiler, batch=second, revision=second.revision, nominations=[nomination]
    )
    second = batch_forward(actor=cast.compiler, batch=second, revision=second.revision)
    assert second.to_period == city_period


def test_a_nomination_already_forwarded_is_not_offered_again(cast, chain):
    _city_period, district_period = chain
    nomination = accepted(cast, district_period, cast.ward)
    batch = batch_open(actor=None, period=district_period)
    batch = batch_set_items(
        actor=cast.compiler, batch=batch, revision=batch.revision, nominations=[nomination]
    )
    batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)
    assert list(eligible_for(batch_open(actor=None, period=district_period))) == []


def test_an_old_period_stays_on_the_review_page_while_a_received_list_waits(cast, chain):
    from dienhinh.nominations.selectors import periods_to_compile

    city_period, district_period = chain
    nomination = accepted(cast, district_period, cast.ward)
    batch = batch_open(actor=None, period=district_period)
    batch = batch_set_items(
        actor=cast.compiler, batch=batch, revision=batch.revision, nominations=[nomination]
    )
    batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)
    far_later = dt.date(2027, 6, 1)
    assert city_period in periods_to_compile(user=cast.city_officer, on=far_later)
    batch_item_accept(actor=cast.city_officer, item=batch.items.get())
    assert city_period not in periods_to_compile(user=cast.city_officer, on=far_later)
