"""The admin's bases. Every registration is one of them (dienhinh/common/tests/test_admin.py
walks the whole site): records that only services write are read-only, and the little the
admin may still change is audited like any service."""

from django.contrib import admin
from django.db import transaction

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible to system administrators, never added, changed or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedDeleteAdmin(ReadOnlyAdmin):
    """Read-only, except that a system administrator may delete rows, each deletion written
    to the audit log in the same transaction (e.g. a login lock-out, to unlock an account)."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def delete_model(self, request, obj):
        with transaction.atomic():
            _audit_deletion(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                _audit_deletion(request, obj)
            super().delete_queryset(request, queryset)


def _audit_deletion(request, obj) -> None:
    fields = {f.name: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    audit_record(
        actor=request.user,
        action=AuditAction.ADMIN_DELETE,
        obj=obj,
        changes={"model": obj._meta.label_lower, "deleted": fields},
        ip_address=request.META.get("REMOTE_ADDR"),
    )
