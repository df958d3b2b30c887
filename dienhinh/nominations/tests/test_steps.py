"""Every step from every status by every role, through the pages: a step is taken exactly
when the workflow allows it from that status and the role may take it on that unit; every
other POST changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from dienhinh.nominations.batches import batch_save
from dienhinh.nominations.models import Nomination, Status
from dienhinh.nominations.steps import STEP_RULES, Step, may_take
from dienhinh.nominations.workflow import (
    Content,
    nomination_accept,
    nomination_create,
    nomination_submit,
)
from dienhinh.testing import make_seed_programmes

pytestmark = pytest.mark.clock(2026, 11, 10)

ROLES = [
    "ward_reporter",
    "ward_leader",
    "compiler",
    "city_officer",
    "city_admin",
    "outsider",
    "nobody",
    "superuser",
]
# Written out from the rules of the domain, not read from the code under test: who writes
# and sends for the ward, who confirms for it, who reviews for the district.
WRITERS = {"ward_reporter", "ward_leader", "city_admin", "superuser"}
CONFIRMERS = {"ward_leader", "city_admin", "superuser"}
REVIEWERS = {"compiler", "city_officer", "city_admin", "superuser"}
S = Status
EXPECTED = {
    Step.SUBMIT: ({S.DRAFT, S.RETURNED}, S.SUBMITTED, WRITERS),
    Step.CONFIRM: ({S.SUBMITTED}, S.CONFIRMED, CONFIRMERS),
    Step.ACCEPT: ({S.SUBMITTED, S.CONFIRMED}, S.ACCEPTED, REVIEWERS),
    Step.RETURN: ({S.SUBMITTED, S.CONFIRMED, S.ACCEPTED}, S.RETURNED, REVIEWERS),
    Step.RECALL: ({S.SUBMITTED, S.CONFIRMED}, S.DRAFT, WRITERS),
    Step.WITHDRAW: ({S.DRAFT, S.RETURNED}, S.WITHDRAWN, WRITERS),
}


@pytest.fixture
def period(cast):
    _city, district = make_seed_programmes(cast, starts_on=dt.date(2026, 11, 1))
    return district.periods.get(key="2026-11")


@pytest.fixture
def nomination(cast, period):
    return nomination_create(
        actor=cast.ward_reporter,
        unit=cast.ward,
        period=period,
        content=Content(headline="Gương sáng", story="Việc tốt", full_name="Lê Văn Bình"),
    )


def post_step(client, nomination, step):
    nomination.refresh_from_db()
    if step == Step.RETURN:
        url = reverse("nominations:return", args=[nomination.pk])
        return client.post(url, {"revision": nomination.revision, "reason": "Bổ sung ảnh"})
    url = reverse("nominations:step", args=[nomination.pk, step.value])
    return client.post(url, {"revision": nomination.revision})


def test_the_table_of_the_tests_is_the_table_of_the_code():
    for step, (sources, target, _who) in EXPECTED.items():
        assert (set(STEP_RULES[step].sources), STEP_RULES[step].target) == (sources, target)


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("role", ROLES)
def test_each_step_is_taken_only_from_its_statuses_by_the_roles_that_may(
    client, cast, nomination, status, role
):
    user = getattr(cast, role)
    client.force_login(user)
    for step, (sources, target, who) in EXPECTED.items():
        Nomination.objects.filter(pk=nomination.pk).update(status=status, return_reason="")
        nomination.refresh_from_db()
        allowed = status in sources and role in who
        assert may_take(user, nomination, step) == allowed, (step, status, role)
        response = post_step(client, nomination, step)
        nomination.refresh_from_db()
        if allowed:
            assert nomination.status == target, (step, status, role)
        else:
            assert nomination.status == status, (step, status, role)
            assert response.status_code in (302, 403, 404), (step, status, role)


def test_a_level_cannot_return_what_it_has_forwarded_up(client, cast, nomination, period):
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    nomination = nomination_accept(
        actor=cast.compiler, nomination=nomination, revision=nomination.revision
    )
    batch_save(
        actor=cast.compiler, period=period, revision=0, nominations=[nomination], forward=True
    )
    client.force_login(cast.compiler)
    assert not may_take(cast.compiler, nomination, Step.RETURN)
    response = post_step(client, nomination, Step.RETURN)
    nomination.refresh_from_db()
    assert nomination.status == Status.ACCEPTED
    page = client.get(response["Location"]).content.decode()
    assert "giờ chỉ Thành phố Hải Phòng mới trả lại được" in page


def test_the_reporter_takes_back_a_sent_nomination_until_the_compiler_acts(
    client, cast, nomination
):
    client.force_login(cast.ward_reporter)
    post_step(client, nomination, Step.SUBMIT)
    nomination.refresh_from_db()
    first_sent = nomination.first_submitted_at
    post_step(client, nomination, Step.RECALL)
    nomination.refresh_from_db()
    assert nomination.status == Status.DRAFT
    assert nomination.first_submitted_at == first_sent  # timeliness keeps the first sending
    post_step(client, nomination, Step.SUBMIT)
    client.force_login(cast.compiler)
    post_step(client, nomination, Step.ACCEPT)
    client.force_login(cast.ward_reporter)
    post_step(client, nomination, Step.RECALL)
    nomination.refresh_from_db()
    assert nomination.status == Status.ACCEPTED
