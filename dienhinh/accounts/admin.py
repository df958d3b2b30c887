from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    """Shown for reference; memberships are granted through the audited unit pages."""

    model = Membership
    extra = 0
    readonly_fields = ("unit", "role", "title", "created_at")

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Dienhinh", {"fields": ("full_name", "phone")}),
    )
    """Read-only: accounts are opened and their roles granted on the audited members pages;
    an account that acted stays (it can be deactivated by `manage.py shell`, never deleted)."""

    list_display = ("username", "full_name", "email", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "email")
    inlines = [MembershipInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
