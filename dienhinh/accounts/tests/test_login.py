"""Logging in, the lock-out after repeated failures, password reset by e-mail."""

import re

from django.core import mail
from django.urls import reverse

from dienhinh.testing import PASSWORD


def _login(client, username, password):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR="10.1.2.3",
    )


def test_a_user_logs_in_with_the_right_password_and_lands_on_their_work(client, cast):
    response = _login(client, "ward.reporter", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert "Phường Hưng Đạo" in client.get(reverse("home")).content.decode()


def test_a_wrong_password_is_refused_with_a_vietnamese_message(client, cast):
    response = _login(client, "ward.reporter", "sai-mat-khau")
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_after_five_failures_even_the_right_password_is_locked_out(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "ward.reporter", "sai-mat-khau")
    response = _login(client, "ward.reporter", PASSWORD)
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_out_of_one_user_does_not_lock_a_colleague_behind_the_same_address(
    client, cast, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "ward.reporter", "sai-mat-khau")
    response = _login(client, "ward.leader", PASSWORD)
    assert response.status_code == 302


def test_the_session_cookie_is_http_only_and_ends_with_the_browser(settings):
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_a_password_reset_mails_a_link_that_sets_a_new_password(client, cast):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "ward.reporter@example.vn"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ward.reporter@example.vn"]
    link = re.search(r"http://testserver(/tai-khoan/dat-lai/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(
        set_url, {"new_password1": "Mat-khau-moi-2026!", "new_password2": "Mat-khau-moi-2026!"}
    )
    assert done.status_code == 302
    client.logout()
    assert _login(client, "ward.reporter", "Mat-khau-moi-2026!").status_code == 302


def test_a_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, cast):
    response = client.post(reverse("accounts:password_reset"), {"email": "ai-do@example.vn"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
