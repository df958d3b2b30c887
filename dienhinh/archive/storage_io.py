"""Reading and writing big files through Django's storage API without holding them.

With S3-compatible storage, django-storages' File.open() downloads the whole object into
a temporary file before the first byte is read; the archive would then copy every photo
once more. So an S3 object is read straight from its GET response, by byte range when one
is asked; other storages are read through storage.open(), chunk by chunk. Writing a
stream goes through storage.save() with a read-only, non-seekable file: the local storage
copies it chunk by chunk, on S3 it goes up as a multipart upload.
"""

import io
from collections.abc import Iterable, Iterator

from django.core.files.base import File
from django.core.files.storage import Storage

CHUNK = 1024 * 1024


def _s3_client(storage: Storage):
    bucket = getattr(storage, "bucket", None)
    if bucket is None or not hasattr(storage, "_normalize_name"):
        return None
    return bucket.meta.client


def read_chunks(
    storage: Storage, name: str, *, start: int = 0, end: int | None = None
) -> Iterator[bytes]:
    """The bytes of a stored file from `start` to `end` inclusive (to its end if None)."""
    client = _s3_client(storage)
    if client is not None:
        yield from _s3_chunks(storage, client, name, start, end)
        return
    path = _local_path(storage, name)
    if path is not None:  # a local folder: plain file reads, no File wrapper per file
        yield from _file_chunks(path, start, end)
        return
    with storage.open(name, "rb") as stored:
        stored.seek(start)
        remaining = None if end is None else end - start + 1
        while remaining is None or remaining > 0:
            chunk = stored.read(CHUNK if remaining is None else min(CHUNK, remaining))
            if not chunk:
                return
            if remaining is not None:
                remaining -= len(chunk)
            yield chunk


def _local_path(storage: Storage, name: str) -> str | None:
    try:
        return storage.path(name)
    except NotImplementedError:  # storages without a local path
        return None


def _file_chunks(path: str, start: int, end: int | None) -> Iterator[bytes]:
    with open(path, "rb", buffering=0) as source:
        if start:
            source.seek(start)
        remaining = None if end is None else end - start + 1
        while remaining is None or remaining > 0:
            chunk = source.read(CHUNK if remaining is None else min(CHUNK, remaining))
            if not chunk:
                return
            if remaining is not None:
                remaining -= len(chunk)
            yield chunk


def _s3_chunks(storage, client, name, start, end) -> Iterator[bytes]:
    from storages.utils import clean_name

    key = storage._normalize_name(clean_name(name))
    byte_range = f"bytes={start}-{'' if end is None else end}"
    response = client.get_object(Bucket=storage.bucket_name, Key=key, Range=byte_range)
    body = response["Body"]
    try:
        yield from body.iter_chunks(CHUNK)
    finally:
        body.close()


class _StreamReader(io.RawIOBase):
    """A non-seekable file over an iterator of byte strings."""

    def __init__(self, chunks: Iterable[bytes]):
        self._chunks = iter(chunks)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def save_stream(storage: Storage, name: str, chunks: Iterable[bytes]) -> str:
    """Store what `chunks` yields under `name` (or a free variant of it); return the name.

    On S3 the multipart upload runs in this thread (no transfer threads): the chunks come
    from a generator that records progress in the database, which must stay on the
    worker's own connection, and memory stays at one part (8 MB) instead of ten.
    """
    reader = io.BufferedReader(_StreamReader(chunks), buffer_size=CHUNK)
    client = _s3_client(storage)
    if client is None:
        return storage.save(name, File(reader, name=name))
    from boto3.s3.transfer import TransferConfig
    from storages.utils import clean_name

    name = storage.get_available_name(name)
    config = TransferConfig(use_threads=False, multipart_chunksize=8 * CHUNK)
    key = storage._normalize_name(clean_name(name))
    extra = {"ContentType": "application/octet-stream"}
    client.upload_fileobj(reader, storage.bucket_name, key, ExtraArgs=extra, Config=config)
    return name
