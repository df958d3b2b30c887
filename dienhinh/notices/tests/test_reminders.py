"""Reminders: only units still pending, once per unit, period and kind, catching up."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from dienhinh.accounts.models import Role
from dienhinh.audit.models import AuditEvent
from dienhinh.cycles.models import ExpectedUnit
from dienhinh.nominations.workflow import (
    Content,
    nil_report_submit,
    nomination_create,
    nomination_submit,
)
from dienhinh.notices import reminders as services
from dienhinh.notices.models import Notice, ReminderSent
from dienhinh.testing import make_seed_programmes, make_user
from dienhinh.units.restructure import unit_move

from .conftest import spec

# Written about November 2026: the periods these tests open are those of that month.
pytestmark = pytest.mark.clock(2026, 11, 10)

D = dt.date
WARD = "Phường Hưng Đạo"
WARD2 = "Phường Anh Dũng"


def sent() -> list[tuple[str, str | None, str]]:
    rows = ReminderSent.objects.select_related("unit", "period")
    return sorted((r.kind, r.unit.name if r.unit else None, r.period.key) for r in rows)


def mailed_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def counts() -> tuple[int, int, int, int]:
    events = AuditEvent.objects.filter(action="reminder.send").count()
    return ReminderSent.objects.count(), len(mail.outbox), Notice.objects.count(), events


def draft(cast, period, unit):
    return nomination_create(
        actor=cast.ward_reporter,
        unit=unit,
        period=period,
        content=Content(headline="Gương sáng", story="Việc tốt", full_name="Ngô Văn C"),
    )


def submit(cast, period, unit):
    nomination = draft(cast, period, unit)
    nomination_submit(actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision)


def test_nothing_is_due_before_the_window_opens(period, run):
    assert run(D(2026, 11, 11)) == 0
    assert counts() == (0, 0, 0, 0)


def test_reminders_go_only_to_the_people_of_units_still_pending(cast, period, run):
    submit(cast, period, cast.ward)
    mail.outbox.clear()
    Notice.objects.all().delete()  # the notices of the sending itself
    assert run(D(2026, 11, 12)) == 1
    assert sent() == [("before_deadline", WARD2, "2026-11")]
    assert mailed_to() == ["ward2.reporter@example.vn"]
    notice = Notice.objects.get()
    assert notice.user.username == "ward2.reporter"
    assert notice.link == reverse("nominations:unit_period", args=[period.pk, cast.ward2.pk])
    assert WARD2 in notice.body and "15/11/2026" in notice.body


def test_the_reporters_and_leaders_of_the_unit_get_it_by_e_mail_and_in_the_app(
    cast, period, run, settings
):
    run(D(2026, 11, 12))
    assert mailed_to() == [
        "ward.leader@example.vn",
        "ward.reporter@example.vn",
        "ward2.reporter@example.vn",
    ]
    message = next(m for m in mail.outbox if m.to == ["ward.leader@example.vn"])
    link = reverse("nominations:unit_period", args=[period.pk, cast.ward.pk])
    assert message.subject.startswith("Dienhinh: ")
    assert settings.DIENHINH_SITE_URL + link in message.body
    assert WARD in message.body
    assert link in message.alternatives[0][0]
    assert Notice.objects.filter(user=cast.ward_leader, link=link).count() == 1


def test_a_second_run_the_same_day_sends_nothing(period, run):
    assert run(D(2026, 11, 13)) == 2
    before = counts()
    assert before == (2, 3, 3, 2)
    assert run(D(2026, 11, 13)) == 0
    assert run(D(2026, 11, 14)) == 0
    assert counts() == before


def test_after_the_deadline_the_after_reminder_is_sent_once(period, run):
    assert run(D(2026, 11, 15)) == 2  # the deadline day: still "before"
    assert run(D(2026, 11, 16)) == 2
    assert run(D(2026, 11, 17)) == 0
    assert [k for k in sent() if k[0] == "after_deadline"] == [
        ("after_deadline", WARD2, "2026-11"),
        ("after_deadline", WARD, "2026-11"),
    ]
    assert len(mail.outbox) == 6


def test_the_days_before_and_after_come_from_the_settings(period, run, settings):
    settings.DIENHINH_REMIND_DAYS_BEFORE = 1
    settings.DIENHINH_REMIND_DAYS_AFTER = 3
    assert run(D(2026, 11, 13)) == 0
    assert run(D(2026, 11, 14)) == 2
    assert run(D(2026, 11, 17)) == 0
    assert run(D(2026, 11, 18)) == 2


def test_a_worker_down_for_five_days_sends_each_due_reminder_once_on_its_return(period, run):
    assert run(D(2026, 11, 14)) == 2
    # Down from the 15th to the 19th; back on the 20th, running every hour.
    assert [run(D(2026, 11, 20)) for _hour in range(3)] == [3, 0, 0]
    assert run(D(2026, 11, 21)) == 0
    assert sent() == [
        ("after_deadline", WARD2, "2026-11"),
        ("after_deadline", WARD, "2026-11"),
        ("before_deadline", WARD2, "2026-11"),
        ("before_deadline", WARD, "2026-11"),
        ("before_forward", None, "2026-11"),
    ]
    # ward: reporter and leader, ward2: its reporter; twice each, and the compiler once.
    assert len(mail.outbox) == 3 + 3 + 1


def test_the_compiler_reminder_lists_exactly_the_missing_units(cast, period, run):
    officer = make_user("district.officer", unit=cast.district, role=Role.BOARD_OFFICER)
    submit(cast, period, cast.ward)
    mail.outbox.clear()
    Notice.objects.all().delete()  # the notices of the sending itself
    assert run(D(2026, 11, 18)) == 1  # only ward2's "after"; the 20th is two days away
    run(D(2026, 11, 19))
    assert ReminderSent.objects.get(kind="before_forward").unit is None
    owners = {cast.compiler.email, officer.email}
    to_owner = [m for m in mail.outbox if m.to[0] in owners]
    assert sorted(m.to[0] for m in to_owner) == sorted(owners)
    for message in to_owner:
        assert WARD2 in message.body and WARD not in message.body
    notice = Notice.objects.get(user=cast.compiler)
    assert notice.link == reverse("cycles:programme_detail", args=[period.programme_id])
    assert notice.body.splitlines()[1:] == [f"– {WARD2}"]
    event = AuditEvent.objects.get(action="reminder.send", unit=cast.district)
    assert event.actor is None
    assert event.changes["missing"] == [WARD2]
    assert event.changes["recipients"] == ["district.compiler", "district.officer"]


def test_the_compiler_hears_when_everyone_has_reported(cast, period, run):
    submit(cast, period, cast.ward)
    nil_report_submit(actor=cast.ward_reporter, unit=cast.ward2, period=period, reason="Không có")
    Notice.objects.all().delete()  # the compiler's notice of the sending itself
    assert run(D(2026, 11, 19)) == 1
    with translation.override("vi"):
        everyone = gettext("Every expected unit has reported for %(period)s.") % {
            "period": "tháng 11/2026"
        }
    assert Notice.objects.get(user=cast.compiler).body == everyone


def test_a_nil_report_or_a_submitted_nomination_stops_reminders(cast, period, run):
    submit(cast, period, cast.ward)
    nil_report_submit(actor=cast.ward_reporter, unit=cast.ward2, period=period, reason="Không có")
    for day in (D(2026, 11, 13), D(2026, 11, 16)):
        run(day)
    assert ReminderSent.objects.exclude(kind="before_forward").count() == 0


def test_a_draft_that_was_never_sent_does_not_stop_them(cast, period, run):
    draft(cast, period, cast.ward)
    run(D(2026, 11, 13))
    assert ("before_deadline", WARD, "2026-11") in sent()


def test_a_unit_that_reports_after_the_first_reminder_gets_no_second_one(cast, period, run):
    run(D(2026, 11, 13))
    submit(cast, period, cast.ward)
    run(D(2026, 11, 16))
    assert ("after_deadline", WARD, "2026-11") not in sent()
    assert ("after_deadline", WARD2, "2026-11") in sent()


def test_a_unit_restructured_away_gets_nothing(cast, period, run):
    unit_move(
        actor=cast.city_admin, unit=cast.ward2, on=D(2026, 11, 10), new_parent=cast.other_district
    )
    assert ExpectedUnit.objects.get(period=period, unit=cast.ward2).removed_on == D(2026, 11, 10)
    for day in (D(2026, 11, 13), D(2026, 11, 16), D(2026, 11, 19)):
        run(day)
    assert all(unit != WARD2 for _kind, unit, _key in sent())
    assert not Notice.objects.filter(user__username="ward2.reporter").exists()
    assert WARD2 not in Notice.objects.get(user=cast.compiler).body


def test_periods_long_closed_are_never_reminded(cast, ward2_reporter, run):
    from dienhinh.cycles.services import programme_create

    programme_create(actor=cast.compiler, owner=cast.district, spec=spec(starts_on=D(2026, 9, 1)))
    run(D(2026, 11, 16))
    # September closed on 20/09, more than 30 days ago; October on 20/10, 27 days ago.
    assert {key for _kind, _unit, key in sent()} == {"2026-10", "2026-11"}
    assert ("before_forward", None, "2026-10") in sent()


def test_without_a_forwarding_deadline_a_period_closes_a_week_after_the_units_deadline(
    cast, ward2_reporter, run
):
    from dienhinh.cycles.services import programme_create

    programme_create(
        actor=cast.compiler,
        owner=cast.district,
        spec=spec(starts_on=D(2026, 10, 1), forward_relation="", forward_day=None),
    )
    # October's deadline 15/10, closed on 22/10: reminders until 21/11, none after.
    run(D(2026, 11, 22))
    assert "2026-10" not in {key for _kind, _unit, key in sent()}
    run(D(2026, 11, 21))
    assert ("after_deadline", WARD, "2026-10") in sent()
    assert not ReminderSent.objects.filter(kind="before_forward").exists()


def test_a_unit_with_nobody_to_remind_is_reminded_once_someone_can_be(
    cast, period, run, ward2_reporter
):
    ward2_reporter.is_active = False
    ward2_reporter.save()
    run(D(2026, 11, 13))
    assert ("before_deadline", WARD2, "2026-11") not in sent()
    ward2_reporter.is_active = True
    ward2_reporter.save()
    assert run(D(2026, 11, 13)) == 1
    assert ("before_deadline", WARD2, "2026-11") in sent()


def test_a_user_without_an_address_gets_the_notice_but_no_e_mail(cast, period, run):
    cast.ward_leader.email = ""
    cast.ward_leader.save()
    run(D(2026, 11, 13))
    assert Notice.objects.filter(user=cast.ward_leader).count() == 1
    assert "ward.leader@example.vn" not in mailed_to() and "" not in mailed_to()


def test_a_stopped_programme_sends_nothing(programme, run):
    programme.is_active = False
    programme.save()
    assert run(D(2026, 11, 13)) == 0
    assert run(D(2026, 11, 19)) == 0


def test_each_reminder_is_audited_once_with_its_unit(cast, period, run):
    run(D(2026, 11, 13))
    event = AuditEvent.objects.get(action="reminder.send", unit=cast.ward)
    assert event.actor is None and event.actor_repr == "system"
    assert event.changes["kind"] == "before_deadline"
    assert event.changes["recipients"] == ["ward.leader", "ward.reporter"]


def test_a_reminder_selected_twice_is_sent_once(period, run, monkeypatch):
    """Two workers selecting the same reminders: the unique row lets only one through."""
    due = services.reminders_due(today=D(2026, 11, 13))
    monkeypatch.setattr(services, "reminders_due", lambda today: due + due)
    assert run(D(2026, 11, 13)) == 2
    assert counts() == (2, 3, 3, 2)


@pytest.mark.parametrize("kind", ["before_deadline", "after_deadline"])
def test_a_reminder_already_recorded_is_not_due(cast, period, kind):
    ReminderSent.objects.create(period=period, unit=cast.ward, kind=kind, sent_on=D(2026, 11, 1))
    due = services.reminders_due(today=D(2026, 11, 15 if kind == "before_deadline" else 16))
    assert [(r.kind, r.unit) for r in due if r.unit] == [(kind, cast.ward2)]


def test_names_are_written_as_they_are_in_the_text_of_the_e_mail(cast, ward2_reporter, run):
    from dienhinh.cycles.services import programme_create

    title = 'Gương "Người tốt" & việc tốt'
    programme_create(actor=cast.compiler, owner=cast.district, spec=spec(title=title))
    run(D(2026, 11, 13))
    message = mail.outbox[0]
    assert title in message.subject
    assert "&amp;" not in message.subject + message.body
    assert "&amp;" in message.alternatives[0][0]  # the HTML part is escaped


def test_a_compiler_who_already_forwarded_the_list_is_not_reminded_to_forward(cast):
    import datetime as dt

    from dienhinh.nominations.batches import batch_forward, batch_open
    from dienhinh.notices.models import ReminderKind
    from dienhinh.notices.reminders import reminders_due

    _city, district = make_seed_programmes(cast, starts_on=dt.date(2026, 11, 1))
    period = district.periods.get()
    kinds = {(r.kind, r.period.pk) for r in reminders_due(today=dt.date(2026, 11, 16))}
    assert (ReminderKind.BEFORE_FORWARD, period.pk) in kinds
    batch = batch_open(actor=None, period=period)
    batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)
    kinds = {(r.kind, r.period.pk) for r in reminders_due(today=dt.date(2026, 11, 16))}
    assert (ReminderKind.BEFORE_FORWARD, period.pk) not in kinds
