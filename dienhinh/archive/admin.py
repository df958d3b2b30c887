from django.contrib import admin

from dienhinh.common.admin import ReadOnlyAdmin

from .models import ArchiveExport, Material, Movement


@admin.register(Movement)
class MovementAdmin(ReadOnlyAdmin):
    """The national emulation movements, preloaded by the archive's migrations."""

    list_display = ["name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


@admin.register(Material)
class MaterialAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "kind", "taken_on", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]


@admin.register(ArchiveExport)
class ArchiveExportAdmin(ReadOnlyAdmin):
    list_display = ["collection", "kind", "status", "size", "created_at"]
    list_filter = ["kind", "status"]
