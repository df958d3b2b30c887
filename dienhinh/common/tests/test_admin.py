"""The administration site: every registration is read-only, or audited where it may delete."""

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from dienhinh.audit.models import AuditEvent
from dienhinh.common.admin import AuditedDeleteAdmin, ReadOnlyAdmin
from dienhinh.notices.models import Notice

# What the admin may still change, and how: deletions, each one audited.
AUDITED_DELETIONS = {AccessAttempt}


def test_every_admin_registration_is_read_only_or_audited(cast):
    request = RequestFactory().get("/quan-tri/")
    request.user = cast.superuser
    for model, model_admin in admin.site._registry.items():
        name = model._meta.label
        assert isinstance(model_admin, ReadOnlyAdmin), f"{name}: register it with ReadOnlyAdmin"
        assert not model_admin.has_add_permission(request), name
        assert not model_admin.has_change_permission(request), name
        deletes = model_admin.has_delete_permission(request)
        assert deletes is (model in AUDITED_DELETIONS), name
        if deletes:
            assert isinstance(model_admin, AuditedDeleteAdmin), name
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_add_permission(request, None), (name, inline)
            assert not inline.has_change_permission(request), (name, inline)
            assert not inline.has_delete_permission(request), (name, inline)


def test_django_groups_are_not_offered_since_roles_are_unit_memberships():
    assert Group not in admin.site._registry


def test_the_superuser_cannot_delete_a_notification_in_the_admin(client, cast):
    notice = Notice.objects.create(user=cast.ward_reporter, title="Hồ sơ đã được tiếp nhận")
    client.force_login(cast.superuser)
    url = reverse("admin:notices_notice_delete", args=[notice.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:notices_notice_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [notice.pk], "post": "yes"}
    client.post(changelist, bulk)
    assert Notice.objects.filter(pk=notice.pk).exists()
    edit = reverse("admin:notices_notice_change", args=[notice.pk])
    client.post(edit, {"user": cast.ward_reporter.pk, "title": "Đã đổi"})
    notice.refresh_from_db()
    assert notice.title == "Hồ sơ đã được tiếp nhận"


def _lock_out(username: str) -> AccessAttempt:
    return AccessAttempt.objects.create(
        username=username,
        ip_address="10.0.0.7",
        user_agent="test",
        http_accept="*/*",
        path_info="/tai-khoan/dang-nhap/",
        failures_since_start=5,
        attempt_time=timezone.now(),
    )


def test_unlocking_an_account_in_the_admin_is_written_to_the_audit_log(client, cast):
    attempt = _lock_out("ward.reporter")
    client.force_login(cast.superuser)
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not AccessAttempt.objects.exists()
    event = AuditEvent.objects.get(action="admin.delete")
    assert event.actor == cast.superuser
    assert event.changes["model"] == "axes.accessattempt"
    assert event.changes["deleted"]["username"] == "ward.reporter"


def test_a_bulk_unlock_writes_one_audit_event_per_deleted_row(client, cast):
    attempts = [_lock_out("ward.reporter"), _lock_out("ward.leader")]
    client.force_login(cast.superuser)
    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk for a in attempts], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    deleted = AuditEvent.objects.filter(action="admin.delete")
    assert sorted(e.changes["deleted"]["username"] for e in deleted) == [
        "ward.leader",
        "ward.reporter",
    ]


@pytest.mark.parametrize("user_key", ["city_admin", "ward_reporter"])
def test_only_superusers_reach_the_admin_at_all(client, cast, user_key):
    client.force_login(getattr(cast, user_key))
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 302
