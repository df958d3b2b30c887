"""The 11 June archive as one streamed ZIP: folders by unit and month, the original files
(photos with their caption, title and credit written into their own XMP and IPTC), an
`index.xlsx` of captions and credits and an offline `index.html` album.

Nothing is assembled in memory or copied to a temporary file: each stored file is read in
chunks as the ZIP writer reaches it (storage_io.read_chunks). Files are stored, not
compressed (photos and videos do not compress), so the output runs at the disk's speed and
its exact size is known before the first byte (zipstream's sized mode): the progress bar
and the download's Content-Length are exact.
"""

import re
import sys
import threading
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.utils import translation
from zipstream import ZIP_DEFLATED, ZIP_STORED, ZipStream

from dienhinh.common.text import fold

from . import pictures, storage_io
from .models import MaterialKind

EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "video/mp4": ".mp4"}


@dataclass
class Entry:
    """One file of the archive: where it goes, its stored size (a photo grows by its
    caption when read), how to read it."""

    arcname: str
    size: int
    read: Callable[[], Iterator[bytes]]
    row: dict


def safe_name(text: str, limit: int = 80) -> str:
    """A file or folder name every system accepts, Vietnamese letters kept."""
    text = unicodedata.normalize("NFC", text or "")
    text = re.sub(r'[\x00-\x1f\x7f<>:"/\\|?*]+', " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    return text[:limit].strip(" .") or "-"


def month_folder(day) -> str:
    return f"{day.year}-{day.month:02d}"


def _stored(name: str) -> Callable[[], Iterator[bytes]]:
    return lambda: storage_io.read_chunks(default_storage, name)


def _captioned(name: str, content_type: str, meta: dict) -> Callable[[], Iterator[bytes]]:
    """A reader of the stored photo with its caption written in: XMP and IPTC after a
    JPEG's JFIF header, XMP after a PNG's header. Built when read (in the read-ahead thread)."""

    def read() -> Iterator[bytes]:
        xmp = pictures.xmp_packet(**meta)
        if content_type == "image/png":
            jpeg_extra, png_extra = b"", pictures.png_chunk(xmp=xmp)
        else:
            jpeg_extra = pictures.jpeg_segments(xmp=xmp, iptc=pictures.iptc_block(**meta))
            png_extra = b""
        chunks = storage_io.read_chunks(default_storage, name)
        first = next(chunks, b"")
        at, inserted = pictures.insertion(first, jpeg_extra, png_extra)
        yield first[:at] + inserted + first[at:]
        yield from chunks

    return read


def material_entry(material, number: int) -> Entry:
    """The archive entry of one row of selectors.collection_rows."""
    extension = EXTENSIONS.get(material.content_type) or _extension(material.original_name)
    folder = f"{safe_name(material.unit_name)}/{month_folder(material.taken_on)}"
    arcname = f"{folder}/{number:03d} {safe_name(material.title, 60)}{extension}"
    row = {"material": material, "path": arcname}
    if material.kind != MaterialKind.PHOTO:
        return Entry(arcname, material.size, _stored(material.file_name), row)
    meta = {
        "title": material.title,
        "caption": material.caption or material.title,
        "credit": material.credit,
        "day": material.taken_on.isoformat(),
    }
    return Entry(
        arcname, material.size, _captioned(material.file_name, material.content_type, meta), row
    )


def example_entries(nomination, number: int) -> list[Entry]:
    """The photos of a published example, captioned with its headline."""
    folder = f"{safe_name(nomination.unit.name)}/{month_folder(nomination.period.starts_on)}"
    stem = f"{folder}/{number:03d} Gương - {safe_name(nomination.headline, 50)}"
    photos = [a for a in nomination.attachments.all() if a.kind == "photo"]
    entries = []
    for index, photo in enumerate(photos, start=1):
        extension = EXTENSIONS.get(photo.content_type, ".jpg")
        meta = {
            "title": nomination.headline,
            "caption": photo.caption or nomination.headline,
            "credit": nomination.unit.name,
            "day": nomination.period.starts_on.isoformat(),
        }
        read = _captioned(photo.file.name, photo.content_type, meta)
        arcname = f"{stem} ({index}){extension}" if len(photos) > 1 else f"{stem}{extension}"
        entries.append(Entry(arcname, photo.size, read, {"path": arcname}))
    return entries


def _extension(original: str) -> str:
    match = re.search(r"\.[A-Za-z0-9]{1,5}$", original or "")
    return match.group(0).lower() if match else ""


def sort_key(material) -> tuple:
    return (fold(material.unit_name), material.taken_on, material.pk)


class Prefetch:
    """Reads the entries' bytes ahead, in order, with a few threads at once: small files
    (photos) are read whole by a pool of READERS threads, at most WINDOW bytes ahead, so
    several reads are in flight on the disk (or S3) while this thread frames the ZIP and
    hashes (zlib and hashlib release the GIL on large buffers). A file over WHOLE (a
    video) is read chunk by chunk when its turn comes. Memory: about WINDOW."""

    READERS = 4
    WINDOW = 24 * 1024 * 1024
    WHOLE = 4 * 1024 * 1024

    def __init__(self, entries: list[Entry]):
        self._entries = entries
        self._next = 0
        self._ahead = 0  # bytes of the reads in flight or waiting to be taken
        self._queue: deque = deque()
        self._pool: ThreadPoolExecutor | None = None

    def _read_whole(self, entry: Entry) -> list[bytes]:
        return list(entry.read())

    def _fill(self) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.READERS, thread_name_prefix="archive-read")
        while self._next < len(self._entries) and (not self._queue or self._ahead < self.WINDOW):
            entry = self._entries[self._next]
            self._next += 1
            if entry.size > self.WHOLE:
                self._queue.append((entry, None))
                break  # read inline when its turn comes; do not run far past it
            self._ahead += entry.size
            self._queue.append((entry, self._pool.submit(self._read_whole, entry)))

    def entry(self) -> Iterator[bytes]:
        """The next entry's bytes (entries are consumed strictly in order)."""
        try:
            self._fill()
            entry, future = self._queue.popleft()
            if future is None:
                yield from entry.read()
            else:
                chunks = future.result()
                self._ahead -= entry.size
                self._fill()
                yield from chunks
            if self._next >= len(self._entries) and not self._queue:
                self.close()
        except GeneratorExit:
            self.close()
            raise

    def close(self) -> None:
        if self._pool is not None:
            for _entry, future in self._queue:
                if future is not None:
                    future.cancel()
            self._pool.shutdown(wait=False)


class Indexes:
    """The index files, written in a thread of their own while the files stream (they go
    last in the ZIP): their rows cost seconds for ten thousand files, which overlap with
    the reading instead of delaying the first byte."""

    def __init__(self, write: Callable[[], dict[str, bytes]]):
        self._write, self._result, self._error = write, None, None
        self._language = translation.get_language()
        self._thread = threading.Thread(target=self._run, daemon=True, name="archive-index")

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            with translation.override(self._language):
                self._result = self._write()
        except BaseException as exc:
            self._error = exc

    def part(self, name: str) -> Iterator[bytes]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        yield self._result[name]


INDEX_NAMES = ("index.xlsx", "index.html")
# How often Python lets another thread take the interpreter while the archive streams: the
# read-ahead thread, back from the disk, gets it within half a millisecond instead of five,
# so reading and framing overlap (docs/performance.md: ~20 % faster on this machine).
SWITCH_INTERVAL = 0.0005


@contextmanager
def quick_handover():
    """Shorter thread switches for the length of a build (the worker does nothing else)."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def zip_stream(entries: list[Entry], write_indexes: Callable[[], dict[str, bytes]]) -> ZipStream:
    """The ZIP of the entries, read ahead by a Prefetch thread, then the two index files
    written meanwhile by an Indexes thread. Not sized: the photos' captions are built as
    they are read. The stored archive's size is known once written."""
    stream = ZipStream(compress_type=ZIP_STORED)
    prefetch = Prefetch(entries)
    for entry in entries:
        stream.add(prefetch.entry(), entry.arcname)
    indexes = Indexes(write_indexes)
    for name in INDEX_NAMES:
        stream.add(indexes.part(name), name, compress_type=ZIP_DEFLATED)
    indexes.start()
    return stream


def estimated_size(entries: list[Entry]) -> int:
    """For the progress bar: the files, their captions, headers and the indexes."""
    return sum(entry.size + 2 * len(entry.arcname.encode()) + 2200 for entry in entries)
