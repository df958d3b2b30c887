"""Refused requests: each is counted, but only the first of its kind in an hour goes to the
audit log, so a probe of hundreds of refused requests leaves a log people can still read.

Kinds are (user or client address, path, hour); past DIENHINH_DENIALS_LOGGED_PER_HOUR paths
in one hour a user's further refusals share one row with the path "*".
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import acting_user, audit_record

from .models import DeniedAccess
from .throttles import client_address

ANY_PATH = "*"


def access_denied_record(*, request, action: str, unit=None) -> bool:
    """Count one refused request; True when it was also written to the audit log."""
    actor = acting_user(request.user)
    ip = client_address(request) or None
    who = f"user:{actor.pk}" if actor else f"ip:{ip or '-'}"
    now = timezone.now()
    key = {"who": who, "path": request.path[:255], "hour": now.replace(minute=0, second=0)}
    key["hour"] = key["hour"].replace(microsecond=0)
    with transaction.atomic():
        if _add_one(key, now):
            return False
        if DeniedAccess.objects.filter(who=who, hour=key["hour"]).count() >= _logged_paths():
            key["path"] = ANY_PATH
            if _add_one(key, now):
                return False
        fields = {"actor": actor, "ip_address": ip, "method": request.method, "action": action}
        if not _create(key, now, fields):
            return False
        audit_record(
            actor=request.user,
            action=AuditAction.ACCESS_DENIED,
            obj=unit,
            unit=unit,
            changes={"action": action, "path": key["path"], "method": request.method},
            ip_address=ip,
        )
    return True


def _logged_paths() -> int:
    return settings.DIENHINH_DENIALS_LOGGED_PER_HOUR


def _add_one(key: dict, now) -> bool:
    return bool(DeniedAccess.objects.filter(**key).update(count=F("count") + 1, last_at=now))


def _create(key: dict, now, fields: dict) -> bool:
    """Create the hour's row; False when another request created it this very moment."""
    try:
        with transaction.atomic():
            DeniedAccess.objects.create(last_at=now, **key, **fields)
    except IntegrityError:
        _add_one(key, now)
        return False
    return True
