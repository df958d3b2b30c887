import datetime as dt

import pytest

from dienhinh.accounts.models import Role
from dienhinh.cycles.services import ProgrammeSpec, programme_create
from dienhinh.testing import make_user

from ..reminders import reminders_send


def spec(**fields) -> ProgrammeSpec:
    """Monthly, the wards of the district report on the 15th, the district forwards on the
    20th; November 2026 only, so the real date the suite runs on does not matter."""
    values = {
        "title": "Gương sáng hằng tháng",
        "cadence": "monthly",
        "starts_on": dt.date(2026, 11, 1),
        "ends_on": dt.date(2026, 11, 30),
        "expected_kinds": ["ward"],
        "unit_relation": "on",
        "unit_day": 15,
        "forward_relation": "on",
        "forward_day": 20,
    }
    return ProgrammeSpec(**{**values, **fields})


@pytest.fixture
def ward2_reporter(cast):
    return make_user("ward2.reporter", unit=cast.ward2, role=Role.REPORTER)


@pytest.fixture
def programme(cast, ward2_reporter):
    return programme_create(actor=cast.compiler, owner=cast.district, spec=spec())


@pytest.fixture
def period(programme):
    return programme.periods.get(key="2026-11")


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """One run of the job on a given day, with the e-mails it queues sent to mail.outbox."""

    def run_on(day: dt.date) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=day)

    return run_on
