"""The live figures of each expected unit, kept by the nomination services."""

import datetime as dt

import pytest
from django.utils import timezone

from dienhinh.cycles.models import ExpectedUnit, ReportState
from dienhinh.cycles.services import ProgrammeSpec, programme_create
from dienhinh.nominations.models import Nomination
from dienhinh.nominations.workflow import (
    Content,
    nil_report_submit,
    nomination_accept,
    nomination_create,
    nomination_submit,
)


@pytest.fixture
def period(cast):
    spec = ProgrammeSpec(
        title="Hằng tháng",
        cadence="monthly",
        starts_on=dt.date(2026, 1, 1),
        expected_kinds=["ward"],
        unit_relation="on",
        unit_day=15,
        quota=1,
    )
    programme = programme_create(actor=cast.compiler, owner=cast.district, spec=spec)
    return programme.periods.get(key="2026-11")


def row(period, unit) -> ExpectedUnit:
    return ExpectedUnit.objects.get(period=period, unit=unit)


def send(cast, period, unit) -> Nomination:
    nomination = nomination_create(
        actor=cast.ward_reporter,
        unit=unit,
        period=period,
        content=Content(headline="Gương", story="Việc tốt", full_name="Ngô Văn C"),
    )
    return nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )


def test_a_unit_that_sent_nothing_is_missing(cast, period):
    assert row(period, cast.ward2).state == ReportState.MISSING
    assert row(period, cast.ward2).period_key == "2026-11"
    assert row(period, cast.ward2).unit_path == cast.ward2.path


def test_a_nomination_sent_by_the_deadline_counts_on_time_and_meets_the_quota(
    cast, period, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 11, 15, 16, 0, tzinfo=dt.UTC))
    nomination = send(cast, period, cast.ward)
    figures = row(period, cast.ward)
    assert (figures.state, figures.sent, figures.quota_met) == (ReportState.ON_TIME, 1, True)
    assert figures.first_sent_on == dt.date(2026, 11, 15)
    nomination_accept(actor=cast.compiler, nomination=nomination, revision=nomination.revision)
    assert row(period, cast.ward).accepted == 1


def test_a_nomination_sent_after_midnight_vietnam_time_is_late(cast, period, monkeypatch):
    # 17:30 UTC on the 15th is 00:30 on the 16th in Việt Nam: one day late.
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 11, 15, 17, 30, tzinfo=dt.UTC))
    send(cast, period, cast.ward)
    assert row(period, cast.ward).state == ReportState.LATE


def test_a_nil_report_counts_as_reported_but_not_toward_the_quota(cast, period):
    nil_report_submit(
        actor=cast.ward_reporter, unit=cast.ward2, period=period, reason="Không có gương mới"
    )
    figures = row(period, cast.ward2)
    assert figures.nil is True
    assert figures.state != ReportState.MISSING
    assert figures.quota_met is False
