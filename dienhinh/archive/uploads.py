"""Preparing an uploaded file of activity material: photos and documents through the
nominations' checks (nominations/files.py: type by content, pixel limits, photos re-encoded
without any metadata), videos through videos.py. Pure of the database; the temporary copy
of a video is closed by `PreparedMaterial.close`."""

import io
from dataclasses import dataclass, field
from typing import IO

from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image

from dienhinh.nominations.files import AttachmentKind, clean_name, prepare_upload

from . import pictures, videos
from .models import MaterialKind


@dataclass
class PreparedMaterial:
    kind: str
    content: File
    extension: str
    content_type: str
    original_name: str
    size: int
    preview: bytes | None = None
    width: int | None = None
    height: int | None = None
    dhash: int | None = None
    notices: list[str] = field(default_factory=list)
    _temporary: IO[bytes] | None = None

    def close(self) -> None:
        if self._temporary is not None:
            self._temporary.close()


def prepare_material(*, upload: UploadedFile) -> PreparedMaterial:
    """Check an upload by its content; raises ApplicationError with a message naming it."""
    name = clean_name(upload.name)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    container = videos.video_container(head)
    if container == "other":
        raise videos.unknown_container(name)
    if container == "mp4":
        return _prepare_video(name, upload)
    prepared = prepare_upload(name=upload.name, size=upload.size, stream=upload)
    if prepared.kind == AttachmentKind.DOCUMENT:
        return PreparedMaterial(
            kind=MaterialKind.DOCUMENT,
            content=ContentFile(prepared.content),
            extension=prepared.extension,
            content_type=prepared.content_type,
            original_name=name,
            size=len(prepared.content),
        )
    return _photo(name, upload, prepared)


def _photo(name: str, upload: UploadedFile, prepared) -> PreparedMaterial:
    image = Image.open(io.BytesIO(prepared.content))
    notices = []
    upload.seek(0)
    if pictures.had_location(upload.read(prepared_limit(upload))):
        notices.append(
            _("“%(name)s” carried its GPS position: it was removed before the photo was kept.")
            % {"name": name}
        )
    return PreparedMaterial(
        kind=MaterialKind.PHOTO,
        content=ContentFile(prepared.content),
        extension=prepared.extension,
        content_type=prepared.content_type,
        original_name=name,
        size=len(prepared.content),
        preview=prepared.thumbnail,
        width=image.width,
        height=image.height,
        dhash=pictures.dhash(image),
        notices=notices,
    )


def prepared_limit(upload: UploadedFile) -> int:
    """The photo was already accepted within its size limit: reading it whole is bounded."""
    return upload.size or 0


def _prepare_video(name: str, upload: UploadedFile) -> PreparedMaterial:
    copy = videos.copy_checked(name=name, size=upload.size, stream=upload)
    try:
        blanked = videos.blank_metadata(name=name, file=copy)
        poster = videos.poster_frame(path=copy.name)
        size = copy.seek(0, 2)
        copy.seek(0)
    except BaseException:
        copy.close()
        raise
    notices = []
    if blanked:
        notices.append(
            _("The metadata of “%(name)s” (position, device) was removed before it was kept.")
            % {"name": name}
        )
    width = height = None
    if poster:
        with Image.open(io.BytesIO(poster)) as frame:
            width, height = frame.size
    return PreparedMaterial(
        kind=MaterialKind.VIDEO,
        content=File(copy),
        extension=".mp4",
        content_type="video/mp4",
        original_name=name,
        size=size,
        preview=poster,
        width=width,
        height=height,
        notices=notices,
        _temporary=copy,
    )
