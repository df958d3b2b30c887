"""In Chromium: an administrator sees that the worker stopped on every page, opens the
system page from the warning, and the system administrator sends failed e-mails again."""

import pytest
from django.core import mail

from dienhinh.browser import log_in
from dienhinh.mail.models import MailStatus, OutgoingMail
from dienhinh.system.services import task_failure_record
from dienhinh.testing import PASSWORD, build_cast

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.clock(2026, 12, 2, 9, 30),
]
SHOTS = "screenshots"


@pytest.fixture
def silent_worker(live_server, settings):
    """Production's arrangement (a separate worker), with no worker running at all."""
    settings.HUEY = {**settings.HUEY, "immediate": False}


def test_an_administrator_is_warned_and_the_superuser_sends_failed_mails_again(
    new_page, live_server, silent_worker, settings, tmp_path
):
    build_cast()
    task_failure_record(task="deliver_mail", task_id="1", error="SMTP timeout", retrying=False)
    OutgoingMail.objects.create(
        to=["ward.reporter@example.vn"],
        subject="Nhắc hạn báo cáo",
        body="…",
        status=MailStatus.FAILED,
        attempts=6,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    admin = new_page(width=390, height=844)
    log_in(admin, live_server.url, "city.admin", PASSWORD)
    warning = admin.get_by_role("alert").filter(has_text="Tiến trình nền đã dừng")
    assert warning.count() == 1
    warning.get_by_role("link", name="Tình trạng hệ thống").click()
    main = admin.locator("main").inner_text()
    assert "Chưa có tiến trình nền nào gửi tín hiệu." in main
    assert "1, trong đó 0 sẽ được thử lại" in main
    assert "ward.reporter@example.vn" not in main  # recipients are for system administrators
    assert admin.get_by_role("button", name="Gửi lại các thư bị lỗi").count() == 0
    admin.screenshot(path=f"{SHOTS}/system-status-admin-390.png", full_page=True)

    root = new_page(width=1366, height=900)
    log_in(root, live_server.url, "root", PASSWORD)
    root.get_by_role("button", name="root").click()
    root.get_by_role("navigation").get_by_role("link", name="Tình trạng hệ thống").click()
    assert "ward.reporter@example.vn" in root.locator("main").inner_text()
    root.screenshot(path=f"{SHOTS}/system-status-root-1366.png", full_page=True)
    settings.HUEY = {**settings.HUEY, "immediate": True}  # a worker is back: it sends at once
    root.get_by_role("button", name="Gửi lại các thư bị lỗi").click()
    assert "Đã đưa 1 thư vào hàng đợi để gửi lại." in root.locator("main").inner_text()
    assert [m.subject for m in mail.outbox] == ["Nhắc hạn báo cáo"]
