"""Building a collection's 11 June archive (and yearbook) in the worker, once per content.

`export_request` asks for a build: if one of the same content is waiting, running or ready,
both requests get that one (the partial unique constraint settles a race). `export_build`
runs in the worker: it streams the ZIP into storage, hashing it and recording its progress
as it goes. Download links are signed for one user and expire (links.py).
"""

import datetime as dt
import hashlib
import logging
import time

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.errors import ApplicationError

from . import indexes, selectors, storage_io, zipbuild
from .models import LIVE_EXPORTS, ArchiveExport, Collection, ExportKind, ExportStatus
from .services import anniversary_range

logger = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 0.5


def collection_title(collection: Collection) -> str:
    return _("11 June %(year)s – material of %(unit)s") % {
        "year": collection.year,
        "unit": collection.unit.name,
    }


def collection_contents(collection: Collection) -> tuple[list, list]:
    """(chosen material, published examples) of the collection's anniversary year."""
    start, end = anniversary_range(collection.year)
    materials = selectors.collection_rows(collection)
    examples = list(selectors.published_examples(root=collection.unit, start=start, end=end))
    return materials, examples


def fingerprint(materials, examples) -> str:
    parts = [f"m{m.pk}.{m.revision}" for m in materials]
    parts += [f"n{n.pk}.{n.revision}.{len(n.attachments.all())}" for n in examples]
    return hashlib.sha256(",".join(parts).encode()).hexdigest()


def export_request(*, actor, collection: Collection, kind: str = ExportKind.ZIP) -> ArchiveExport:
    """The build of the collection's current content: the live one, or a new one queued."""
    materials, examples = collection_contents(collection)
    if not materials and not examples:
        raise ApplicationError(
            _(
                "Nothing has been chosen for 11 June %(year)s yet and no example of the year "
                "was published: mark favourites in the album first."
            )
            % {"year": collection.year}
        )
    print_ = fingerprint(materials, examples)
    try:
        with transaction.atomic():
            return _live_or_new(actor, collection, kind, print_)
    except IntegrityError:  # a colleague asked for the same build at the same moment
        return ArchiveExport.objects.get(
            collection=collection, kind=kind, fingerprint=print_, status__in=LIVE_EXPORTS
        )


def _live_or_new(actor, collection, kind, print_) -> ArchiveExport:
    Collection.objects.select_for_update().get(pk=collection.pk)
    live = ArchiveExport.objects.filter(
        collection=collection, kind=kind, fingerprint=print_, status__in=LIVE_EXPORTS
    ).first()
    if live is not None and not _expired(live):
        return live
    if live is not None:
        _expire(live)
    export = ArchiveExport.objects.create(
        collection=collection, kind=kind, fingerprint=print_, requested_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.ARCHIVE_REQUEST,
        obj=export,
        unit=collection.unit,
        changes={"year": collection.year, "kind": kind},
    )
    from .tasks import archive_build_task

    transaction.on_commit(lambda: archive_build_task(export.pk))
    return export


def _expired(export: ArchiveExport) -> bool:
    return export.expires_at is not None and export.expires_at <= timezone.now()


def _expire(export: ArchiveExport) -> None:
    name = export.file.name
    ArchiveExport.objects.filter(pk=export.pk).update(status=ExportStatus.EXPIRED)
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def _start(export_id: int) -> ArchiveExport | None:
    with transaction.atomic():
        export = ArchiveExport.objects.select_for_update().get(pk=export_id)
        if export.status != ExportStatus.QUEUED:
            return None  # already built, or being built: a task run twice does nothing
        export.status = ExportStatus.BUILDING
        export.save(update_fields=["status"])
    return export


def export_build(*, export_id: int) -> ArchiveExport | None:
    """Build a queued export (the worker's job). Idempotent; a failure is recorded."""
    export = _start(export_id)
    if export is None:
        return None
    try:
        if export.kind == ExportKind.ZIP:
            name, size, digest = _build_zip(export)
        else:
            from .yearbook import build_yearbook

            name, size, digest = build_yearbook(export)
    except Exception as exc:
        logger.exception("Building export %s failed", export.pk)
        ArchiveExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        return ArchiveExport.objects.get(pk=export.pk)
    return _finish(export, name, size, digest)


def _finish(export: ArchiveExport, name: str, size: int, digest: str) -> ArchiveExport:
    now = timezone.now()
    hours = settings.DIENHINH_ARCHIVE_LINK_HOURS
    with transaction.atomic():
        ArchiveExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.READY,
            file=name,
            size=size,
            sha256=digest,
            bytes_done=size,
            files_done=export.files_total,
            finished_at=now,
            expires_at=now + dt.timedelta(hours=hours),
        )
        audit_record(
            actor=export.requested_by,
            action=AuditAction.ARCHIVE_BUILD,
            obj=export,
            unit=export.collection.unit,
            changes={"size": size, "sha256": digest, "files": export.files_total},
        )
    return ArchiveExport.objects.get(pk=export.pk)


def archive_parts(collection: Collection):
    """The entries of the ZIP, and a function that writes its two index files."""
    materials, examples = collection_contents(collection)
    materials.sort(key=zipbuild.sort_key)
    entries = [zipbuild.material_entry(m, n) for n, m in enumerate(materials, start=1)]
    example_rows = []
    for number, nomination in enumerate(examples, start=len(entries) + 1):
        photos = zipbuild.example_entries(nomination, number)
        entries += photos
        example_rows.append((nomination, [e.arcname for e in photos]))
    rows = [e.row for e in entries if "material" in e.row]
    title = collection_title(collection)

    def write_indexes() -> dict[str, bytes]:
        return {
            "index.xlsx": indexes.workbook(title=title, materials=rows, examples=example_rows),
            "index.html": indexes.album_html(title=title, materials=rows, examples=example_rows),
        }

    return entries, write_indexes


class _Progress:
    """Counts what passed, hashes it, and writes the figures at most twice a second."""

    def __init__(self, export: ArchiveExport):
        self.export, self.done, self.files, self.last = export, 0, 0, 0.0
        self.digest = hashlib.sha256()

    def start(self, *, total: int, files: int) -> None:
        ArchiveExport.objects.filter(pk=self.export.pk).update(bytes_total=total, files_total=files)
        self.export.bytes_total, self.export.files_total = total, files

    def wrap(self, chunks):
        for chunk in chunks:
            self.digest.update(chunk)
            self.done += len(chunk)
            now = time.monotonic()
            if now - self.last >= PROGRESS_EVERY_SECONDS:
                self.last = now
                self.save()
            yield chunk

    def file_done(self, chunks):
        yield from chunks
        self.files += 1

    def save(self) -> None:
        ArchiveExport.objects.filter(pk=self.export.pk).update(
            bytes_done=self.done, files_done=self.files
        )


def _build_zip(export: ArchiveExport) -> tuple[str, int, str]:
    entries, write_indexes = archive_parts(export.collection)
    progress = _Progress(export)
    for entry in entries:
        entry.read = lambda read=entry.read: progress.file_done(read())
    stream = zipbuild.zip_stream(entries, write_indexes)
    progress.start(total=zipbuild.estimated_size(entries), files=len(entries))
    name = f"archive/exports/11-6-{export.collection.year}-{export.pk}.zip"
    try:
        with zipbuild.quick_handover():
            stored = storage_io.save_stream(default_storage, name, progress.wrap(stream))
    except BaseException:
        default_storage.delete(name)  # a partial archive must not stay behind
        raise
    return stored, progress.done, progress.digest.hexdigest()


def exports_expire() -> int:
    """Mark ready builds past their expiry as expired and delete their files."""
    expired = ArchiveExport.objects.filter(
        status=ExportStatus.READY, expires_at__lte=timezone.now()
    )
    count = 0
    for export in expired:
        with transaction.atomic():
            _expire(export)
        count += 1
    return count
