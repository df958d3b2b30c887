"""The audit log page and the events that concern accounts."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from dienhinh.audit.models import AuditEvent
from dienhinh.audit.services import audit_record
from dienhinh.testing import PASSWORD


def test_a_refused_visit_of_the_audit_log_is_itself_logged(client, cast):
    client.force_login(cast.ward_reporter)
    assert client.get(reverse("audit:events")).status_code == 403
    event = AuditEvent.objects.get(action="access.denied")
    assert event.actor == cast.ward_reporter
    assert event.changes["path"] == reverse("audit:events")


def test_a_system_administrator_also_reads_the_events_filed_under_no_unit(client, cast):
    audit_record(actor=cast.superuser, action="holiday.add", changes={"date": "2026-09-03"})
    client.force_login(cast.superuser)
    actions = [e.action for e in client.get(reverse("audit:events")).context["page"]]
    assert "holiday.add" in actions


def test_a_leader_reads_only_the_events_of_the_own_unit(client, cast):
    audit_record(actor=None, action="unit.update", obj=cast.ward, unit=cast.ward)
    audit_record(actor=None, action="unit.update", obj=cast.ward2, unit=cast.ward2)
    client.force_login(cast.ward_leader)
    units = {e.unit for e in client.get(reverse("audit:events")).context["page"]}
    assert units == {cast.ward}


def test_an_account_that_acted_can_be_deactivated_but_never_deleted(cast):
    audit_record(actor=cast.compiler, action="unit.update", obj=cast.ward, unit=cast.ward)
    with pytest.raises(ProtectedError):
        cast.compiler.delete()
    cast.compiler.is_active = False
    cast.compiler.save()
    assert AuditEvent.objects.get(action="unit.update").actor == cast.compiler


def test_changing_ones_password_is_logged(client, cast):
    client.force_login(cast.ward_reporter)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mat-khau-moi-2026!",
            "new_password2": "Mat-khau-moi-2026!",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="user.password_change")
    assert event.actor == cast.ward_reporter


def test_the_changes_of_an_event_are_shown_as_readable_lines(client, cast):
    audit_record(
        actor=cast.city_admin,
        action="unit.rename",
        obj=cast.ward,
        unit=cast.ward,
        changes={"name": ["Phường Hưng Đạo", "Phường Hưng Đạo mới"]},
    )
    client.force_login(cast.city_admin)
    page = client.get(reverse("audit:events")).content.decode()
    assert "Phường Hưng Đạo → Phường Hưng Đạo mới" in page
