"""Checks a story passes before it goes public, and the evidence files of a publication.
Pure functions: they read what they are given and raise ApplicationError."""

import math
import re
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import fold
from dienhinh.nominations.files import clean_name, sniff

from .models import EvidenceKind

MB = 1024 * 1024


def check_photos_described(item) -> None:
    """A published photo needs a description for those who cannot see it (alt text)."""
    for photo in item.photos.select_related("attachment"):
        if not photo.alt_text.strip():
            raise ApplicationError(
                _("Describe the photo “%(name)s” in a few words: published photos need it.")
                % {"name": photo.attachment.original_name},
                field="photos",
            )


def _date_forms(day) -> list[str]:
    return [
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02d}-{day.month:02d}-{day.year}",
        f"{day.day}-{day.month}-{day.year}",
    ]


def check_no_private_data(text: str, nominations) -> None:
    """The birth date, the year of birth and the hometown are not for publication: the
    consent is to tell the deed, not to publish them. Refuse a text that still has them."""
    folded = fold(text)
    for nomination in nominations:
        found = ""
        if nomination.birth_date and any(f in text for f in _date_forms(nomination.birth_date)):
            found = _("the date of birth")
        year = nomination.birth_year or (
            nomination.birth_date.year if nomination.birth_date else None
        )
        if year and re.search(rf"\bsinh (nam )?{year}\b", folded):
            found = _("the year of birth")
        hometown = fold(nomination.hometown)
        if len(hometown) >= 6 and hometown in folded:
            found = _("the hometown")
        if found:
            raise ApplicationError(
                _(
                    "The text still gives %(what)s of %(name)s. Public pages never show it: "
                    "take it out of the text."
                )
                % {"what": found, "name": nomination.subject_name},
                field="body",
            )


def check_url(url: str, *, field: str = "url") -> str:
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in url:
        raise ApplicationError(
            _("“%(url)s” is not a web address: it must start with http:// or https://.")
            % {"url": url[:100]},
            field=field,
        )
    if len(url) > 500:
        raise ApplicationError(_("A web address may be at most 500 characters."), field=field)
    return url


@dataclass(frozen=True)
class EvidenceFile:
    kind: str
    content: bytes
    extension: str
    content_type: str
    original_name: str


# Sniffed format -> (kind, extension, content type)
EVIDENCE_TYPES = {
    "pdf": (EvidenceKind.DOCUMENT, ".pdf", "application/pdf"),
    "png": (EvidenceKind.SCREENSHOT, ".png", "image/png"),
    "jpeg": (EvidenceKind.SCREENSHOT, ".jpg", "image/jpeg"),
    "webp": (EvidenceKind.SCREENSHOT, ".webp", "image/webp"),
    "mp3": (EvidenceKind.AUDIO, ".mp3", "audio/mpeg"),
    "ogg": (EvidenceKind.AUDIO, ".ogg", "audio/ogg"),
    "wav": (EvidenceKind.AUDIO, ".wav", "audio/wav"),
    "m4a": (EvidenceKind.AUDIO, ".m4a", "audio/mp4"),
}


def sniff_evidence(head: bytes) -> str | None:
    found = sniff(head)
    if found in EVIDENCE_TYPES:
        return found
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "mp3"
    if head.startswith(b"OggS"):
        return "ogg"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[4:8] == b"ftyp" and head[8:11] in (b"M4A", b"mp4", b"iso"):
        return "m4a"
    return None


def prepare_evidence(*, name: str | None, size: int | None, stream: IO[bytes]) -> EvidenceFile:
    """A PDF or screenshot of the page, or the recording of the broadcast, judged by its
    content and size. Raises ApplicationError."""
    name = clean_name(name)
    head = stream.read(16)
    found = sniff_evidence(head) if head else None
    if found is None:
        raise ApplicationError(
            _(
                "“%(name)s” is not a PDF, a screenshot (PNG, JPEG, WebP) or a recording "
                "(MP3, OGG, WAV, M4A). Files are judged by their content."
            )
            % {"name": name},
            field="file",
        )
    limit = settings.PUBLISHING_MAX_EVIDENCE_MB * MB
    data = head + stream.read(limit + 1 - len(head))
    if (size or 0) > limit or len(data) > limit:
        shown = number_format(math.ceil(max(size or 0, len(data)) * 10 / MB) / 10, 1)
        raise ApplicationError(
            _("“%(name)s” is %(size)s MB; evidence may be at most %(limit)s MB.")
            % {"name": name, "size": shown, "limit": settings.PUBLISHING_MAX_EVIDENCE_MB},
            field="file",
        )
    kind, extension, content_type = EVIDENCE_TYPES[found]
    return EvidenceFile(kind, data, extension, content_type, name)
