"""How much an upload may cost to read, and the refusals when it would cost more.

Every reader takes a `Budget`: the characters of text it may produce and the time it may
take. A reader counts as it goes and stops at once when either runs out, so a file that
unpacks or decodes to far more than a dispatch never reaches memory whole.
"""

import time

from django.conf import settings
from django.utils.translation import gettext as _

from dienhinh.common.errors import ApplicationError

# Characters of a dense printed page, to say the limit in pages too.
CHARS_PER_PAGE = 3300


class DispatchReadError(ApplicationError):
    """The uploaded file cannot be read as a dispatch; the message says why and what to do."""


def refuse(message: str) -> DispatchReadError:
    return DispatchReadError(message, field="file")


def max_text_chars() -> int:
    return settings.DISPATCH_MAX_TEXT_CHARS


def read_seconds() -> int:
    return settings.DISPATCH_READ_SECONDS


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 300.000, as Vietnamese writes it


def too_long(limit: int) -> DispatchReadError:
    return refuse(
        _(
            "The file holds more than %(limit)s characters of text (about %(pages)s pages): "
            "far more than a dispatch. Check that this is the right file; nothing was kept."
        )
        % {"limit": _grouped(limit), "pages": _grouped(max(1, limit // CHARS_PER_PAGE))}
    )


def too_slow(seconds: int) -> DispatchReadError:
    return refuse(
        _(
            "Reading the file took more than %(seconds)s seconds and was stopped; nothing was "
            "kept. The file may be damaged or unusually complex: save it again from Word as "
            ".docx or PDF and upload it again."
        )
        % {"seconds": seconds}
    )


class Budget:
    """The text a reading may still produce, and the moment it must have finished by."""

    def __init__(self, *, chars: int | None = None, seconds: int | None = None):
        self.chars = chars or max_text_chars()
        self.seconds = seconds or read_seconds()
        self.used = 0
        self.deadline = time.monotonic() + self.seconds

    def take(self, count: int) -> None:
        self.used += count
        if self.used > self.chars:
            raise too_long(self.chars)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise too_slow(self.seconds)
