"""Checking a short video by its content: an MP4 within the size limit, its own metadata
(GPS position, device, owner) blanked, and a poster frame made with ffmpeg when installed.

The metadata is blanked in place: every `udta`, `meta` and XMP `uuid` box inside the movie
header becomes a `free` box of the same size filled with zeros. No byte moves, so the
sample offsets stay right and the file plays as before, without ffmpeg.
"""

import math
import shutil
import subprocess
import tempfile
from typing import IO

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from dienhinh.common.errors import ApplicationError
from dienhinh.nominations.files import MB, THUMBNAIL_SIDE

# Major brands of the ISO base media file format that are MP4 (or its M4V variant).
MP4_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1",
    b"M4V ", b"M4VH", b"M4VP", b"dash", b"mmp4", b"MSNV", b"f4v ",
}  # fmt: skip
# Boxes that hold other boxes, walked to find the metadata inside the movie header.
CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"edts", b"dinf", b"stbl"}
METADATA = {b"udta", b"meta", b"uuid"}
COPY_CHUNK = 1024 * 1024


def video_container(head: bytes) -> str | None:
    """ "mp4" for an MP4, "other" for a video in another container, None for no video."""
    if head[4:8] == b"ftyp":
        return "mp4" if head[8:12] in MP4_BRANDS else "other"
    others = (b"\x1aE\xdf\xa3", b"FLV", b"\x30\x26\xb2\x75", b"\x00\x00\x01\xba")
    if head.startswith(others) or (head[:4] == b"RIFF" and head[8:11] == b"AVI"):
        return "other"
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free"):  # QuickTime without ftyp
        return "other"
    return None


def unknown_container(name: str) -> ApplicationError:
    return ApplicationError(
        _(
            "“%(name)s” is a video in a format that is not accepted. Only MP4 videos are "
            "accepted: save or convert it as MP4 (H.264) and upload it again."
        )
        % {"name": name},
        field="file",
    )


def copy_checked(*, name: str, size: int | None, stream: IO[bytes]) -> IO[bytes]:
    """The upload copied to a temporary file, refused past the size limit (announced or
    counted), so ffmpeg and the box walker can seek in it. The caller closes it."""
    limit = settings.DIENHINH_MAX_VIDEO_MB * MB
    if size is not None and size > limit:
        raise _video_too_large(name, size, limit)
    copy = tempfile.NamedTemporaryFile(suffix=".mp4")  # noqa: SIM115 - the caller closes it
    copied = 0
    while chunk := stream.read(COPY_CHUNK):
        copied += len(chunk)
        if copied > limit:
            copy.close()
            raise _video_too_large(name, copied, limit)
        copy.write(chunk)
    copy.flush()
    return copy


def _video_too_large(name: str, size: int, limit: int) -> ApplicationError:
    # Rounded up, so a file just over the limit never reads as exactly the limit.
    shown = number_format(math.ceil(size * 10 / MB) / 10, 1)
    return ApplicationError(
        _("“%(name)s” is %(size)s MB; a video may be at most %(limit)s MB.")
        % {"name": name, "size": shown, "limit": limit // MB},
        field="file",
    )


def blank_metadata(*, name: str, file: IO[bytes]) -> int:
    """Turn the metadata boxes into zero-filled free boxes; return how many were blanked.
    Refuses a file without a movie header (not a playable MP4)."""
    file.seek(0, 2)
    end = file.tell()
    boxes = list(_boxes(file, 0, end))
    movie = [(start, size, header) for kind, start, size, header in boxes if kind == b"moov"]
    if not movie:
        raise ApplicationError(
            _("“%(name)s” is damaged or incomplete. Save it again and upload it once more.")
            % {"name": name},
            field="file",
        )
    blanked = 0
    for kind, start, size, header in boxes:
        if kind == b"meta" or kind == b"uuid":
            _blank(file, start, size, header)
            blanked += 1
    for start, size, header in movie:
        blanked += _blank_inside(file, start + header, start + size)
    file.flush()
    return blanked


def _blank_inside(file: IO[bytes], start: int, end: int) -> int:
    blanked = 0
    for kind, box_start, size, header in list(_boxes(file, start, end)):
        if kind in METADATA:
            _blank(file, box_start, size, header)
            blanked += 1
        elif kind in CONTAINERS:
            blanked += _blank_inside(file, box_start + header, box_start + size)
    return blanked


def _boxes(file: IO[bytes], start: int, end: int):
    """(type, start, size, header length) of each box between start and end."""
    position = start
    while position + 8 <= end:
        file.seek(position)
        head = file.read(16)
        size, kind, header = int.from_bytes(head[:4], "big"), head[4:8], 8
        if size == 1 and len(head) >= 16:
            size, header = int.from_bytes(head[8:16], "big"), 16
        elif size == 0:
            size = end - position
        if size < header or position + size > end:
            return  # a damaged box: stop walking rather than guess
        yield kind, position, size, header
        position += size


def _blank(file: IO[bytes], start: int, size: int, header: int) -> None:
    file.seek(start + 4)
    file.write(b"free")
    file.seek(start + header)
    remaining = size - header
    while remaining > 0:
        step = min(remaining, COPY_CHUNK)
        file.write(b"\x00" * step)
        remaining -= step


def poster_frame(*, path: str) -> bytes | None:
    """A JPEG frame from the first second, THUMBNAIL_SIDE wide at most; None without ffmpeg
    or when no frame could be decoded."""
    ffmpeg = shutil.which(settings.DIENHINH_FFMPEG)
    if ffmpeg is None:
        return None
    scale = f"scale='min({THUMBNAIL_SIDE},iw)':-2"
    for offset in ("1", "0"):
        command = [ffmpeg, "-v", "error", "-nostdin", "-ss", offset, "-i", path]
        command += ["-frames:v", "1", "-vf", scale, "-map_metadata", "-1"]
        command += ["-f", "image2pipe", "-c:v", "mjpeg", "-"]
        try:
            done = subprocess.run(command, capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        if done.returncode == 0 and done.stdout.startswith(b"\xff\xd8"):
            return done.stdout
    return None
