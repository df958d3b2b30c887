"""Checking and preparing the photos and documents attached to a nomination.

Pure functions, no storage and no database: `prepare_upload` reads an uploaded file, judges
it by its content (never by its name), refuses it with a message naming the file, or returns
what attachments.py stores. Photos are re-encoded from their pixels alone, so nothing of the
original file survives: no EXIF (GPS position, camera, owner), no XMP, no text chunks, no
colour profile (the pixels are converted to sRGB first, so the colours stay right).
"""

import io
import math
import re
import struct
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from dienhinh.common.downloads import KINDS
from dienhinh.common.errors import ApplicationError

from .models import AttachmentKind

MB = 1024 * 1024
THUMBNAIL_SIDE = 400
JPEG_QUALITY = 85
# Pillow's name of each photo format we accept, by the magic bytes that open it.
PHOTO_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
DOCUMENT_TYPES = {"pdf": KINDS["pdf"], "docx": KINDS["docx"]}
_SRGB = ImageCms.createProfile("sRGB")
# What Pillow raises on a damaged or hostile file, while opening or decoding it.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, struct.error)


@dataclass(frozen=True)
class Prepared:
    """What to store: the file's new content and, for a photo, its thumbnail (JPEG)."""

    kind: str
    content: bytes
    extension: str
    content_type: str
    original_name: str
    thumbnail: bytes | None = None


def clean_name(name: str | None) -> str:
    """The user's file name without folders or control characters, kept for display only."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip()
    return base[-255:] or "file"


def sniff(head: bytes) -> str | None:
    """The format the first bytes announce: jpeg, png, webp, pdf, zip; None for the rest."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def prepare_upload(*, name: str | None, size: int | None, stream: IO[bytes]) -> Prepared:
    """Check an upload by its content and size; re-encode a photo. Raises ApplicationError."""
    name = clean_name(name)
    head = stream.read(16)
    if size == 0 or not head:
        raise _error(_("“%(name)s” is empty."), name)
    found = sniff(head)
    if found is None:
        raise _error(
            _(
                "“%(name)s” is not a photo (JPEG, PNG, WebP) or a document (PDF, Word .docx). "
                "Files are judged by their content, whatever their name ends with."
            ),
            name,
        )
    is_photo = found in PHOTO_FORMATS
    limit = (settings.DIENHINH_MAX_PHOTO_MB if is_photo else settings.DIENHINH_MAX_DOCUMENT_MB) * MB
    if size is not None and size > limit:
        raise _too_large(name, size, limit, is_photo)
    # Never read more than the limit, whatever size was announced.
    data = head + stream.read(limit + 1 - len(head))
    if len(data) > limit:
        raise _too_large(name, len(data), limit, is_photo)
    if is_photo:
        return prepare_photo(name=name, data=data, found=found)
    return prepare_document(name=name, data=data, found=found)


def _too_large(name: str, size: int, limit: int, is_photo: bool) -> ApplicationError:
    if is_photo:
        message = _("“%(name)s” is %(size)s MB; a photo may be at most %(limit)s MB.")
    else:
        message = _("“%(name)s” is %(size)s MB; a document may be at most %(limit)s MB.")
    # Rounded up, so a file just over the limit never reads as exactly the limit.
    shown = number_format(math.ceil(size * 10 / MB) / 10, 1)
    return _error(message, name, size=shown, limit=limit // MB)


def prepare_document(*, name: str, data: bytes, found: str) -> Prepared:
    if found == "zip":
        _check_docx(name, data)
        found = "docx"
    else:
        _check_pdf(name, data)
    extension, content_type = DOCUMENT_TYPES[found]
    return Prepared(AttachmentKind.DOCUMENT, data, extension, content_type, name)


def _check_docx(name: str, data: bytes) -> None:
    """A Word document is a ZIP holding [Content_Types].xml and word/document.xml. Only the
    directory is read: nothing is decompressed, so a ZIP bomb costs nothing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _error(_corrupt(), name) from None
    if not {"[Content_Types].xml", "word/document.xml"} <= names:
        raise _error(_("“%(name)s” is a ZIP archive, not a Word document (.docx)."), name)
    if any(entry.lower().endswith("vbaproject.bin") for entry in names):
        raise _error(
            _(
                "“%(name)s” contains macros. Save it as an ordinary Word document (.docx), "
                "without macros, and upload it again."
            ),
            name,
        )


def _check_pdf(name: str, data: bytes) -> None:
    """A PDF must open, as a PDF reader would open it: a file that only starts with `%PDF-`
    (an HTML page renamed, a transfer cut short) is refused. Only the structure and the page
    tree are read, never the pages' content."""
    # Acrobat's rule: a complete PDF ends with %%EOF within its last 1024 bytes.
    if b"%%EOF" not in data.rstrip(b"\x00\t\n\r ")[-1024:]:
        raise _error(_corrupt(), name)
    try:
        reader = PdfReader(io.BytesIO(data))
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
        pages = 0 if locked else len(reader.pages)
    except DependencyError:  # AES encryption, which pypdf reads only with `cryptography`
        locked, pages = True, 0
    except Exception:  # pypdf raises many kinds on a damaged or hostile file
        raise _error(_corrupt(), name) from None
    if locked:
        raise _error(
            _("“%(name)s” is protected by a password. Remove the password and upload it again."),
            name,
        )
    if pages == 0:
        raise _error(_corrupt(), name)


def prepare_photo(*, name: str, data: bytes, found: str) -> Prepared:
    image = _open_checked(name, data, PHOTO_FORMATS[found])
    image = _clean_pixels(_upright(image))
    side = settings.DIENHINH_IMAGE_MAX_SIDE
    if max(image.size) > side:
        image.thumbnail((side, side), Image.Resampling.LANCZOS)
    if image.mode == "RGBA":
        content, extension, content_type = _encode(image, "PNG"), ".png", "image/png"
    else:
        content, extension, content_type = _encode(image, "JPEG"), ".jpg", "image/jpeg"
    return Prepared(AttachmentKind.PHOTO, content, extension, content_type, name, _thumbnail(image))


def _open_checked(name: str, data: bytes, pillow_format: str) -> Image.Image:
    """Open the photo, refuse it on its header's pixel count, and only then decode it."""
    max_pixels = settings.DIENHINH_MAX_IMAGE_MEGAPIXELS * 1_000_000
    # Pillow's own decompression-bomb guard (process-wide): it refuses to open an image of
    # more than twice this many pixels. Our check below refuses anything over the limit.
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        image = Image.open(io.BytesIO(data), formats=[pillow_format])
    except Image.DecompressionBombError:
        raise _too_many_pixels(name, None) from None
    except _DECODE_ERRORS:
        raise _error(_corrupt(), name) from None
    if image.width * image.height > max_pixels:
        raise _too_many_pixels(name, image.size)
    side = settings.DIENHINH_IMAGE_MAX_SIDE
    # A JPEG decodes at 1/2, 1/4 or 1/8 scale when that still covers the final size: less
    # memory and time for the big photos phones take.
    image.draft(None, (side, side))
    try:
        image.load()  # a truncated file fails here (Pillow's LOAD_TRUNCATED_IMAGES stays off)
    except _DECODE_ERRORS:
        raise _error(_corrupt(), name) from None
    return image


def _upright(image: Image.Image) -> Image.Image:
    """Turned as the camera's EXIF orientation says, before the EXIF is dropped."""
    try:
        return ImageOps.exif_transpose(image)
    except _DECODE_ERRORS:
        return image  # unreadable EXIF: keep the photo as it was stored


def _too_many_pixels(name: str, size: tuple[int, int] | None) -> ApplicationError:
    limit = settings.DIENHINH_MAX_IMAGE_MEGAPIXELS
    side = settings.DIENHINH_IMAGE_MAX_SIDE
    if size is None:
        message = _(
            "“%(name)s” has far more than %(limit)s megapixels, the most a photo may have. "
            "Reduce it (for example to %(side)s pixels on its longest side) and upload it again."
        )
        return _error(message, name, limit=limit, side=side)
    message = _(
        "“%(name)s” is %(width)s × %(height)s pixels (%(megapixels)s megapixels); a photo may "
        "have at most %(limit)s megapixels. Reduce it (for example to %(side)s pixels on its "
        "longest side) and upload it again."
    )
    megapixels = number_format(size[0] * size[1] / 1_000_000, 1)
    return _error(
        message,
        name,
        width=size[0],
        height=size[1],
        megapixels=megapixels,
        limit=limit,
        side=side,
    )


def _clean_pixels(image: Image.Image) -> Image.Image:
    """The pixels alone, in sRGB, as RGB, L (grey) or RGBA (only when something is see-through);
    a new image, so no metadata of the upload can follow it into the saved file."""
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    if image.mode in ("I", "I;16", "I;16B", "I;16L"):  # 16-bit grey: scale, don't clip
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode not in ("RGB", "RGBA", "L") or "transparency" in image.info:
        see_through = image.mode in ("LA", "PA", "La") or "transparency" in image.info
        image = image.convert("RGBA" if see_through else "RGB")
    if image.mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # an alpha channel nothing uses: a photo, so a JPEG
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def _encode(image: Image.Image, pillow_format: str) -> bytes:
    buffer = io.BytesIO()
    if pillow_format == "JPEG":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _thumbnail(image: Image.Image) -> bytes:
    small = image.copy()
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    if small.mode == "RGBA":  # JPEG has no transparency: show it on white
        background = Image.new("RGB", small.size, "white")
        background.paste(small, mask=small.getchannel("A"))
        small = background
    return _encode(small, "JPEG")


def _corrupt() -> str:
    return _("“%(name)s” is damaged or incomplete. Save it again and upload it once more.")


def _error(message: str, name: str, **values) -> ApplicationError:
    return ApplicationError(message % {"name": name, **values}, field="file")
