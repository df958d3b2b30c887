"""Awards already received (section III) and leave to send after a locked deadline."""

import datetime as dt

import pytest
from django.urls import reverse

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.models import Period
from dienhinh.cycles.services import ProgrammeSpec, programme_create
from dienhinh.nominations.awards import award_add, award_remove
from dienhinh.nominations.models import Award, Status
from dienhinh.nominations.workflow import (
    Content,
    late_exception_grant,
    nomination_create,
    nomination_submit,
)

# Written about November 2026: the periods these tests open are those of that month.
pytestmark = pytest.mark.clock(2026, 11, 20)


@pytest.fixture
def period(cast):
    spec = ProgrammeSpec(
        title="Quận hằng tháng",
        cadence="monthly",
        starts_on=dt.date(2026, 10, 1),
        expected_kinds=["ward"],
        unit_relation="on",
        unit_day=15,
        lock_after_deadline=True,
    )
    programme = programme_create(actor=cast.compiler, owner=cast.district, spec=spec)
    return Period.objects.get(programme=programme, key="2026-10")


@pytest.fixture
def draft(cast, period):
    period.programme.lock_after_deadline = False
    period.programme.save()
    nomination = nomination_create(
        actor=cast.ward_reporter,
        unit=cast.ward,
        period=period,
        content=Content(headline="Gương", story="Việc tốt", full_name="Lý Văn G"),
    )
    period.programme.lock_after_deadline = True
    period.programme.save()
    return nomination


def test_awards_are_listed_on_the_nomination_and_audited(cast, draft):
    award = award_add(
        actor=cast.ward_reporter,
        nomination=draft,
        year=2022,
        title="Giấy khen của Chủ tịch UBND quận",
        decision_number="123/QĐ-UBND",
        decision_date=dt.date(2022, 12, 20),
        issuer="UBND quận Dương Kinh",
    )
    assert list(draft.awards.all()) == [award]
    award_remove(actor=cast.ward_reporter, award=award)
    assert Award.objects.count() == 0
    assert AuditEvent.objects.filter(action__startswith="award.").count() == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"year": 1800}, "year"),
        ({"title": " "}, "title"),
        ({"decision_date": dt.date(2019, 1, 1)}, "decision_date"),
    ],
)
def test_an_impossible_award_is_refused(cast, draft, fields, field):
    values = {"year": 2022, "title": "Bằng khen", **fields}
    with pytest.raises(ApplicationError) as error:
        award_add(actor=cast.ward_reporter, nomination=draft, **values)
    assert error.value.field == field
    assert Award.objects.count() == 0


def test_a_locked_period_refuses_late_sending_until_the_level_above_allows_it(cast, draft):
    with pytest.raises(ApplicationError):
        nomination_submit(actor=cast.ward_reporter, nomination=draft, revision=draft.revision)
    late_exception_grant(
        actor=cast.compiler,
        period=draft.period,
        unit=cast.ward,
        until=dt.date(2026, 12, 31),
        reason="Phường bận bầu cử",
    )
    sent = nomination_submit(actor=cast.ward_reporter, nomination=draft, revision=draft.revision)
    assert sent.status == Status.SUBMITTED and sent.is_late


def test_an_exception_that_has_already_run_out_is_refused(cast, draft):
    with pytest.raises(ApplicationError) as error:
        late_exception_grant(
            actor=cast.compiler, period=draft.period, unit=cast.ward, until=dt.date(2026, 1, 1)
        )
    assert error.value.field == "until"


def test_only_the_receiving_level_grants_an_exception(client, cast, draft):
    url = reverse("nominations:late_exception", args=[draft.period.pk, cast.ward.pk])
    client.force_login(cast.ward_leader)
    assert client.post(url, {"until": "31/12/2026"}).status_code == 403
    client.force_login(cast.compiler)
    assert client.post(url, {"until": "31/12/2026"}).status_code == 302
    assert draft.period.late_exceptions.get().until == dt.date(2026, 12, 31)


def test_an_award_is_added_from_the_nomination_page(client, cast, draft):
    client.force_login(cast.ward_reporter)
    response = client.post(
        reverse("nominations:award_create", args=[draft.pk]),
        {
            "year": "2023",
            "title": "Bằng khen của Chủ tịch UBND thành phố",
            "decision_number": "45/QĐ-UBND",
            "decision_date": "05/01/2023",
            "issuer": "UBND TP Hải Phòng",
        },
        follow=True,
    )
    assert "Bằng khen của Chủ tịch UBND thành phố" in response.content.decode()
    client.force_login(cast.outsider)
    award = Award.objects.get()
    assert client.post(reverse("nominations:award_delete", args=[award.pk])).status_code == 403
    assert Award.objects.count() == 1


def test_an_exception_running_past_a_year_after_the_deadline_is_refused(cast, draft):
    with pytest.raises(ApplicationError) as error:
        late_exception_grant(
            actor=cast.compiler, period=draft.period, unit=cast.ward, until=dt.date(9999, 12, 31)
        )
    assert error.value.field == "until"
    assert not draft.period.late_exceptions.exists()
