from django.contrib import admin

from dienhinh.common.admin import ReadOnlyAdmin

from .models import DeniedAccess, TaskFailure, WorkerHeartbeat


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyAdmin):
    list_display = ("host", "pid", "started_at", "beat_at")


@admin.register(TaskFailure)
class TaskFailureAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "task", "retrying", "error")
    list_filter = ("retrying", "task")


@admin.register(DeniedAccess)
class DeniedAccessAdmin(ReadOnlyAdmin):
    list_display = ("hour", "who", "actor", "path", "count", "last_at")
    search_fields = ("path", "who")
