"""Abuse limits: password-reset mails per address and per client, and refused requests
counted per hour instead of each writing an audit row."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from dienhinh.audit.models import AuditEvent
from dienhinh.system.models import DeniedAccess, Throttle

RESET = "accounts:password_reset"
REFUSED = "Có quá nhiều yêu cầu đặt lại mật khẩu. Vui lòng chờ"


def _ask(client, email: str):
    return client.post(reverse(RESET), {"email": email})


def test_reset_mails_to_one_address_stop_at_the_hourly_limit(client, cast, clock):
    clock(2026, 12, 2, 9, 10)
    for _ in range(3):
        assert _ask(client, "ward.reporter@example.vn").status_code == 302
    assert len(mail.outbox) == 3
    refused = _ask(client, "Ward.Reporter@example.vn ")
    assert refused.status_code == 429
    assert REFUSED in refused.content.decode() and "50 phút" in refused.content.decode()
    assert refused["Retry-After"] == str(50 * 60)
    assert len(mail.outbox) == 3  # nothing more was sent
    clock(2026, 12, 2, 10, 0)  # the next hour
    assert _ask(client, "ward.reporter@example.vn").status_code == 302
    assert len(mail.outbox) == 4


def test_one_client_asking_for_many_addresses_stops_at_its_hourly_limit(client, cast, clock):
    clock(2026, 12, 2, 9, 10)
    for n in range(10):
        assert _ask(client, f"ai-do-{n}@example.vn").status_code == 302
    assert _ask(client, "ward.reporter@example.vn").status_code == 429
    assert mail.outbox == []
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert _ask(other, "ward.reporter@example.vn").status_code == 302
    assert len(mail.outbox) == 1


def test_unknown_addresses_count_alike_so_the_limit_reveals_no_account(client, cast, clock):
    clock(2026, 12, 2, 9, 10)
    for _ in range(3):
        _ask(client, "khong-co@example.vn")
    assert _ask(client, "khong-co@example.vn").status_code == 429


def test_the_counts_live_in_the_database_not_in_a_process(client, cast, clock):
    clock(2026, 12, 2, 9, 10)
    _ask(client, "ward.reporter@example.vn")
    assert sorted(t.count for t in Throttle.objects.all()) == [1, 1]
    assert not any("ward.reporter" in t.key for t in Throttle.objects.all())  # hashed


def _probe(client, path: str, times: int):
    for _ in range(times):
        assert client.get(path).status_code == 403


def test_repeated_refusals_on_one_page_write_one_audit_row_and_a_count(client, cast, clock):
    clock(2026, 12, 2, 9, 10)
    client.force_login(cast.outsider)
    path = reverse("units:detail", args=[cast.ward.pk])
    _probe(client, path, 25)
    assert AuditEvent.objects.filter(action="access.denied").count() == 1
    tally = DeniedAccess.objects.get()
    assert (tally.actor, tally.path, tally.count) == (cast.outsider, path, 25)
    clock(2026, 12, 2, 10, 5)  # a new hour: logged again, once
    _probe(client, path, 3)
    assert AuditEvent.objects.filter(action="access.denied").count() == 2


def test_a_probe_of_many_pages_writes_a_bounded_number_of_audit_rows(client, cast, clock, settings):
    settings.DIENHINH_DENIALS_LOGGED_PER_HOUR = 5
    clock(2026, 12, 2, 9, 10)
    client.force_login(cast.outsider)
    for n in range(10):  # the query string does not make another page
        _probe(client, f"{reverse('units:detail', args=[cast.ward.pk])}?thu={n}", 1)
    for unit in (cast.ward, cast.district, cast.city, cast.ward2, cast.office, cast.central):
        _probe(client, reverse("units:detail", args=[unit.pk]), 3)
        _probe(client, reverse("units:children", args=[unit.pk]), 3)
    logged = AuditEvent.objects.filter(action="access.denied")
    assert logged.count() == 6  # five pages, then one row for "other pages"
    assert DeniedAccess.objects.count() == 6
    assert sum(d.count for d in DeniedAccess.objects.all()) == 10 + 36
    assert DeniedAccess.objects.get(path="*").count == 46 - (10 + 3) - 4 * 3


@pytest.mark.parametrize("user_key", ["outsider", "ward_reporter"])
def test_each_user_is_counted_apart(client, cast, clock, user_key):
    clock(2026, 12, 2, 9, 10)
    client.force_login(getattr(cast, user_key))
    _probe(client, reverse("units:detail", args=[cast.city.pk]), 2)
    client.force_login(cast.compiler)
    _probe(client, reverse("units:detail", args=[cast.city.pk]), 2)
    assert sorted(d.count for d in DeniedAccess.objects.all()) == [2, 2]
    assert AuditEvent.objects.filter(action="access.denied").count() == 2


def test_behind_the_proxy_the_client_is_the_address_the_proxy_added(client, cast, clock, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    clock(2026, 12, 2, 9, 10)
    for n in range(10):  # a forged first entry changes nothing: the proxy's entry is last
        forwarded = f"10.9.9.{n}, 203.0.113.7"
        response = client.post(
            reverse(RESET), {"email": f"x{n}@example.vn"}, HTTP_X_FORWARDED_FOR=forwarded
        )
        assert response.status_code == 302
    refused = client.post(
        reverse(RESET), {"email": "y@example.vn"}, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7"
    )
    assert refused.status_code == 429
    other = client.post(
        reverse(RESET), {"email": "y@example.vn"}, HTTP_X_FORWARDED_FOR="203.0.113.8"
    )
    assert other.status_code == 302
