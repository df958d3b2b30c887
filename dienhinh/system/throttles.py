"""Abuse limits: how many times something may be done per key and per window.

Counted in the database (models.Throttle) by one conditional UPDATE, so several web
processes share the count and two requests at once cannot both take the last place.
"""

import hashlib
import math
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dienhinh.common.errors import ApplicationError

from .models import Throttle

HOUR = 3600


class Throttled(ApplicationError):
    """Refused by a limit; `retry_after` says in how many seconds the window ends."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def client_address(request) -> str | None:
    """The address of the client. Behind the TLS proxy (BEHIND_HTTPS_PROXY) every request
    comes from the proxy, which appends the real client to X-Forwarded-For: the last entry
    is the one it added (earlier ones are whatever the client sent, so never trusted)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded.strip():
        return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR")


def window_start(now: datetime, seconds: int) -> datetime:
    return datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=UTC)


def throttle_hit(*, key: str, limit: int, seconds: int, message: str) -> None:
    """Count one use of `key`, or raise Throttled (counting nothing) when the window's
    `limit` is reached. `message` may use %(minutes)s, the minutes until the window ends."""
    now = timezone.now()
    start = window_start(now, seconds)
    with transaction.atomic():
        try:
            with transaction.atomic():
                Throttle.objects.get_or_create(key=key, window_start=start)
        except IntegrityError:
            pass  # created at the same moment by another request
        taken = Throttle.objects.filter(key=key, window_start=start, count__lt=limit).update(
            count=F("count") + 1
        )
    if not taken:
        retry_after = max(1, int(start.timestamp()) + seconds - int(now.timestamp()))
        minutes = math.ceil(retry_after / 60)
        raise Throttled(message % {"minutes": minutes}, retry_after=retry_after)


def password_reset_throttle(*, email: str, client: str | None) -> None:
    """At most DIENHINH_RESET_PER_ADDRESS_PER_HOUR reset mails to one address, and
    DIENHINH_RESET_PER_CLIENT_PER_HOUR requests from one client address, per hour. Known
    and unknown addresses count alike, so the limit tells nothing about who has an account."""
    message = _(
        "Too many password-reset requests. Wait %(minutes)s minutes and try again, or ask "
        "your unit's administrator."
    )
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    with transaction.atomic():  # both counted, or neither
        throttle_hit(
            key=f"reset:client:{client or '-'}",
            limit=settings.DIENHINH_RESET_PER_CLIENT_PER_HOUR,
            seconds=HOUR,
            message=message,
        )
        throttle_hit(
            key=f"reset:address:{address}",
            limit=settings.DIENHINH_RESET_PER_ADDRESS_PER_HOUR,
            seconds=HOUR,
            message=message,
        )
