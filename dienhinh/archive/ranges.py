"""HTTP byte ranges (RFC 9110 §14) for resumable downloads: one range per request, which
is what download managers and browsers resuming a download send."""

import re

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    pass


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) byte, inclusive, or None for the whole file (no header, or one we do
    not serve: several ranges or another unit). RangeNotSatisfiable when it starts past the
    end of the file."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0:
            raise RangeNotSatisfiable
        return max(0, size - length), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size:
        raise RangeNotSatisfiable
    if end < start:
        return None
    return start, min(end, size - 1)
