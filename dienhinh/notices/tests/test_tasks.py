"""The hourly job: scheduled at minute 15, sending what is due today."""

import datetime as dt

from dienhinh.notices import tasks
from dienhinh.notices.models import ReminderSent


def test_it_runs_every_hour_at_minute_15():
    task = tasks.send_reminders.task_class()
    assert task.validate_datetime(dt.datetime(2026, 11, 23, 3, 15))
    assert task.validate_datetime(dt.datetime(2026, 11, 23, 17, 15))
    assert not task.validate_datetime(dt.datetime(2026, 11, 23, 3, 16))


def test_it_sends_the_reminders_due_today(period, monkeypatch):
    monkeypatch.setattr(tasks, "today", lambda: dt.date(2026, 11, 13))
    tasks.send_reminders.call_local()
    assert ReminderSent.objects.filter(kind="before_deadline").count() == 2
