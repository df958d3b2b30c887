"""Writing to the audit log: every state-changing service calls `audit_record` inside its
own transaction, so the event exists exactly when the change does."""

from typing import Any

from django.db import models

from .actions import AuditAction
from .models import AuditEvent


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_safe(v) for v in value]
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def acting_user(actor):
    """The account behind an action, or None for the system (jobs, imports, the demo)."""
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def audit_record(
    *,
    actor,
    action: AuditAction | str,
    obj: models.Model | None = None,
    unit=None,
    changes: dict | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one event. `changes` maps a field to [old, new], or holds free details.
    `action` must be an `AuditAction`: an unlisted one raises ValueError."""
    action = AuditAction(action)
    actor_obj = acting_user(actor)
    return AuditEvent.objects.create(
        actor=actor_obj,
        actor_repr=actor_obj.get_username() if actor_obj else "system",
        action=action.value,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        unit=unit,
        changes=_json_safe(changes or {}),
        ip_address=ip_address,
    )


def diff(instance: models.Model, fields: list[str], new_values: dict) -> dict:
    """[old, new] for each field whose value changes."""
    return {
        f: [getattr(instance, f), new_values[f]]
        for f in fields
        if f in new_values and getattr(instance, f) != new_values[f]
    }
