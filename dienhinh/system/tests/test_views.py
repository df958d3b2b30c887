"""The system page, walked with every role, and the warning administrators see."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dienhinh.audit.models import AuditEvent
from dienhinh.mail.models import MailStatus, OutgoingMail
from dienhinh.system.models import WorkerHeartbeat
from dienhinh.system.services import heartbeat_record, task_failure_record

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
SEES_STATUS = {"city_admin", "superuser"}  # units' administrators read, superusers act


@pytest.fixture
def worker_expected(settings):
    """As in production: tasks go to a worker instead of running inside the request."""
    settings.HUEY = {**settings.HUEY, "immediate": False}


@pytest.mark.parametrize("user_key", USERS)
def test_the_system_page_is_for_administrators_and_only_superusers_act(client, cast, user_key):
    failed = OutgoingMail.objects.create(
        to=["a@example.vn"], subject="Nhắc hạn", body="…", status=MailStatus.FAILED
    )
    client.force_login(getattr(cast, user_key))
    page = client.get(reverse("system:status"))
    assert page.status_code == (200 if user_key in SEES_STATUS else 403)
    if user_key == "city_admin":
        html = page.content.decode()
        assert "a@example.vn" not in html and "system:mail_requeue" not in html
        assert reverse("system:mail_requeue") not in html
    requeue = client.post(reverse("system:mail_requeue"))
    assert requeue.status_code == (302 if user_key == "superuser" else 403)
    failed.refresh_from_db()
    expected = MailStatus.QUEUED if user_key == "superuser" else MailStatus.FAILED
    assert failed.status in (expected, MailStatus.SENT)  # tests send at once when queued


def test_the_page_shows_the_heartbeat_the_queue_and_failed_tasks(client, cast, clock):
    clock(2026, 12, 2, 9, 30)
    heartbeat_record(starting=True)
    task_failure_record(task="deliver_mail", task_id="1", error="SMTP down", retrying=True)
    task_failure_record(task="deliver_mail", task_id="2", error="SMTP down", retrying=False)
    client.force_login(cast.superuser)
    html = client.get(reverse("system:status")).content.decode()
    assert "09:30 02/12/2026" in html
    assert "Công việc đang chờ trong hàng đợi" in html
    assert "2, trong đó 1 sẽ được thử lại" in html


def test_the_send_again_button_is_audited(client, cast):
    OutgoingMail.objects.create(to=["a@example.vn"], subject="x", body="y", status="failed")
    client.force_login(cast.superuser)
    client.post(reverse("system:mail_requeue"))
    event = AuditEvent.objects.get(action="mail.requeue")
    assert event.actor == cast.superuser


def test_administrators_are_warned_on_every_page_when_the_heartbeat_is_old(
    client, cast, clock, worker_expected
):
    clock(2026, 12, 2, 9, 0)
    heartbeat_record()
    warning = "Tiến trình nền đã dừng"
    client.force_login(cast.city_admin)
    clock(2026, 12, 2, 9, 4)
    assert warning not in client.get(reverse("home")).content.decode()
    clock(2026, 12, 2, 9, 6)
    assert warning in client.get(reverse("home")).content.decode()
    assert warning in client.get(reverse("units:tree")).content.decode()
    client.force_login(cast.ward_reporter)
    assert warning not in client.get(reverse("home")).content.decode()


def test_administrators_are_warned_when_no_worker_ever_reported(client, cast, worker_expected):
    assert not WorkerHeartbeat.objects.exists()
    client.force_login(cast.superuser)
    assert "Tiến trình nền đã dừng" in client.get(reverse("home")).content.decode()


def test_no_warning_when_tasks_run_inside_the_web_process(client, cast):
    client.force_login(cast.superuser)
    assert "Tiến trình nền đã dừng" not in client.get(reverse("home")).content.decode()


def test_a_heartbeat_keeps_one_row_per_machine(db, clock):
    clock(2026, 12, 2, 9, 0)
    first = heartbeat_record(starting=True)
    clock(2026, 12, 2, 9, 1)
    heartbeat_record()
    beat = WorkerHeartbeat.objects.get()
    assert beat.started_at == first.started_at
    assert beat.beat_at == timezone.make_aware(dt.datetime(2026, 12, 2, 9, 1))
