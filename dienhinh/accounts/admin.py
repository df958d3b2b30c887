from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group

from dienhinh.common.admin import AuditedDeleteAdmin, ReadOnlyAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    """Shown for reference; memberships are granted through the audited unit pages."""

    model = Membership
    extra = 0
    readonly_fields = ("unit", "role", "title", "created_at")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(ReadOnlyAdmin, BaseUserAdmin):
    """Accounts are opened and their roles granted on the audited members pages; an account
    that acted stays (it can be deactivated by `manage.py shell`, never deleted)."""

    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Dienhinh", {"fields": ("full_name", "phone")}),
    )
    list_display = ("username", "full_name", "email", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "email")
    inlines = [MembershipInline]


# Roles are memberships of units (accounts.scope), never Django's groups: nothing to edit.
admin.site.unregister(Group)

# Login lock-outs: a system administrator unlocks an account by deleting its failed attempts
# (audited); the logs are read-only. The bulk clean-up action is left out: it deletes
# without passing through the audited delete.
for model in (AccessAttempt, AccessLog, AccessFailureLog):
    admin.site.unregister(model)


@admin.register(AccessAttempt)
class AuditedAccessAttemptAdmin(AuditedDeleteAdmin, AccessAttemptAdmin):
    actions = ["delete_selected"]


@admin.register(AccessLog)
class ReadOnlyAccessLogAdmin(ReadOnlyAdmin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class ReadOnlyAccessFailureLogAdmin(ReadOnlyAdmin, AccessFailureLogAdmin):
    pass
