"""Outgoing mail as rows whose state follows the delivery (tasks run at once in tests)."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from dienhinh.common.mail import email_queue, send_email
from dienhinh.mail.models import MailStatus, OutgoingMail
from dienhinh.mail.services import MailNotReady, mail_deliver, mail_recover
from dienhinh.mail.tasks import deliver_mail
from dienhinh.system.models import TaskFailure

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_smtp(settings):
    """A real SMTP backend aimed at a port where nothing listens: every send fails."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


def test_a_sent_mail_is_kept_with_its_state_and_attempts():
    send_email(subject="Nhắc hạn", body="Còn 3 ngày", to=["a@example.vn"], html="<p>x</p>")
    row = OutgoingMail.objects.get()
    assert (row.status, row.attempts, row.to, row.html) == ("sent", 1, ["a@example.vn"], "<p>x</p>")
    assert row.sent_at is not None and row.last_error == ""
    assert [m.subject for m in mail.outbox] == ["Nhắc hạn"]


def test_a_mail_from_a_template_keeps_the_template_name(cast):
    email_queue(
        template="notices/emails/reminder",
        context={"title": "Nhắc hạn", "body": "Còn 3 ngày", "link": "/"},
        to=["b@example.vn", "a@example.vn", "a@example.vn"],
    )
    row = OutgoingMail.objects.get()
    assert (row.template, row.to) == ("notices/emails/reminder", ["a@example.vn", "b@example.vn"])


def test_a_refused_send_goes_back_to_the_queue_with_its_error_to_be_retried(unreachable_smtp):
    send_email(subject="Nhắc hạn", body="…", to=["a@example.vn"])
    row = OutgoingMail.objects.get()
    assert (row.status, row.attempts) == (MailStatus.QUEUED, 1)
    assert "ConnectionRefusedError" in row.last_error
    failure = TaskFailure.objects.get()
    assert failure.task.endswith("deliver_mail") and failure.retrying
    assert HUEY.scheduled_count() >= 1  # the retry waits in the queue


def test_after_the_last_retry_the_mail_is_marked_not_sent(unreachable_smtp):
    row = OutgoingMail.objects.create(to=["a@example.vn"], subject="x", body="y")
    last_try = deliver_mail.s(row.pk)
    last_try.retries = 0
    HUEY.execute(last_try)
    row.refresh_from_db()
    assert (row.status, row.attempts) == (MailStatus.FAILED, 1)
    assert not TaskFailure.objects.get().retrying


def test_a_mail_left_sending_past_the_lease_is_queued_again_and_sent(settings):
    settings.DIENHINH_MAIL_SENDING_LEASE_SECONDS = 300
    now = timezone.now()
    stuck = OutgoingMail.objects.create(
        to=["a@example.vn"],
        subject="Bị cắt ngang",
        body="…",
        status=MailStatus.SENDING,
        attempts=1,
        sending_since=now - timedelta(seconds=301),
    )
    busy = OutgoingMail.objects.create(
        to=["b@example.vn"],
        subject="Đang gửi",
        body="…",
        status=MailStatus.SENDING,
        attempts=1,
        sending_since=now - timedelta(seconds=30),
    )
    assert mail_recover() == 1
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (MailStatus.SENT, 2)
    assert busy.status == MailStatus.SENDING  # another worker may still be sending it
    assert [m.subject for m in mail.outbox] == ["Bị cắt ngang"]


def test_a_mail_is_sent_once_however_often_its_task_runs():
    row = OutgoingMail.objects.create(to=["a@example.vn"], subject="x", body="y")
    assert mail_deliver(mail_id=row.pk) is True
    assert mail_deliver(mail_id=row.pk) is False
    assert len(mail.outbox) == 1


def test_a_task_for_a_row_not_yet_committed_is_retried_rather_than_dropped():
    with pytest.raises(MailNotReady):
        mail_deliver(mail_id=987654)
