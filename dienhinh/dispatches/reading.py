"""Turning an uploaded dispatch into plain text, or refusing it.

`extract_text` picks the reader by the file's extension (.txt, .docx, .pdf, or a picture:
.jpg, .jpeg, .png, .tif, .tiff, .webp), checks that the content matches it, and returns the
text normalised (NFC, "\\n" line ends, no control characters) but otherwise as written: lines
are not joined or reordered, the dispatch parser does that. Every reader works within a
`Budget` (limits.py: characters of text and seconds), so no upload can make a process grow
or run without bound. Every refusal is a DispatchReadError with a message the person
uploading can act on; nothing else escapes, whatever the bytes.

Text files and Word documents are read at once, in the request. PDFs and pictures may need
text recognition (OCR, seconds a page), so `check_upload` only refuses at once what cannot
be read at all and the worker reads them (`SLOW_KINDS`).
"""

import math
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import docx_text, ocr, pdf_text
from .legacy_encodings import TCVN3, detect_legacy_encoding
from .limits import Budget, DispatchReadError, refuse, too_long

__all__ = [
    "Budget",
    "DispatchReadError",
    "ExtractedText",
    "SLOW_KINDS",
    "check_size",
    "check_upload",
    "detect_legacy_encoding",
    "extract_text",
    "kind_of",
    "max_upload_bytes",
]

MB = 1024 * 1024
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "tif", "tiff", "webp")
# Pictures people may try that cannot be read here: named, so the message can say so.
OTHER_IMAGES = ("heic", "heif", "bmp", "gif", "svg", "avif", "jxl", "raw", "dng", "psd")
SLOW_KINDS = frozenset({"pdf", "image"})

_SIGNATURES = {
    "pdf": b"%PDF",
    "zip": b"PK\x03\x04",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpeg": b"\xff\xd8\xff",
    "gif": b"GIF8",
    "ole2": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # legacy .doc, .xls
}
# Control bytes other than tab, line feed, vertical tab, form feed and carriage return: a text
# may hold a stray one (removed), but above this share the file is binary, whatever its name.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.02
# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Normalisation: line and page separators become line ends, no-break spaces plain spaces;
# every other control character, lone surrogate (from a broken PDF font) and stray BOM goes.
_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x85\u2028\u2029]")
_SPACES = re.compile(r"[\u00a0\u2007\u202f]")
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")


@dataclass(frozen=True)
class ExtractedText:
    text: str  # NFC-normalised, "\n" line ends, no NUL/control chars except \n and \t
    kind: str  # "txt" | "docx" | "pdf" | "image"
    pages: int | None  # pages of a PDF or picture, else None
    ocr_pages: tuple[int, ...] = ()  # pages (from 1) whose text was recognised from a picture
    images: tuple[bytes, ...] = ()  # a JPEG of each of those pages, to check the text against


def max_upload_bytes() -> int:
    return getattr(settings, "DISPATCH_MAX_UPLOAD_MB", 20) * MB


def check_size(size: int) -> None:
    """Refuse a file over the limit from its declared size, before it is read into memory."""
    limit = max_upload_bytes()
    if size > limit:
        # Rounded up, so a file just over the limit never reads as exactly the limit.
        shown = number_format(math.ceil(size * 10 / MB) / 10, 1)
        raise refuse(
            _("The file is %(size)s MB; the largest file that can be read is %(limit)s MB.")
            % {"size": shown, "limit": limit // MB}
        )


def _empty() -> str:
    return _("The file is empty: there is nothing to read.")


def check_upload(data: bytes, filename: str) -> str:
    """The cheap checks, before a file is kept for the worker to read: its kind, size,
    content type, damage, password, page count, and for pictures that the machine has text
    recognition. Returns the kind."""
    kind = kind_of(filename)
    check_size(len(data))
    if not data or data.isspace():
        raise refuse(_empty())
    if kind == "pdf":
        pdf_text.check_pdf(data)
    elif kind == "image":
        pdf_text.check_image(data)
    return kind


def extract_text(
    data: bytes, filename: str, *, budget: Budget | None = None, progress=None
) -> ExtractedText:
    kind = kind_of(filename)
    check_size(len(data))
    if not data or data.isspace():
        raise refuse(_empty())
    budget = budget or Budget()
    ocr_pages: tuple[int, ...] = ()
    images: tuple[bytes, ...] = ()
    if kind == "txt":
        text, pages = _read_txt(data, budget), None
    elif kind == "docx":
        text, pages = docx_text.read(data, budget), None
    else:
        reader = pdf_text.read_pdf if kind == "pdf" else pdf_text.read_image
        read = reader(data, budget, progress)
        text, pages = "\n".join(read.texts), len(read.texts)
        ocr_pages, images = tuple(read.ocr_pages), tuple(read.images)
    text = normalise(text)
    if not text.strip():
        raise refuse(ocr.nothing_recognised() if ocr_pages else _empty())
    _refuse_legacy(text)
    return ExtractedText(text=text, kind=kind, pages=pages, ocr_pages=ocr_pages, images=images)


def normalise(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", _JUNK.sub("", text))


def kind_of(filename: str) -> str:
    """txt, docx, pdf or image, from the file's name; refuses the rest."""
    # Browsers on Windows may send the full path; only the last part is the name.
    name = re.split(r"[\\/]", filename or "")[-1].strip().rstrip(".")
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension in ("txt", "docx", "pdf"):
        return extension
    if extension in IMAGE_EXTENSIONS:
        return "image"
    if extension == "doc":
        raise refuse(docx_text.legacy_doc())
    if extension in OTHER_IMAGES:
        raise refuse(pdf_text.unsupported_image(extension))
    if extension.isalnum() and len(extension) <= 10:
        raise refuse(
            _(
                "Files of type .%(extension)s cannot be read. Upload a .txt, .docx or .pdf "
                "file, or a photo or scan (.jpg, .png)."
            )
            % {"extension": extension}
        )
    raise refuse(_("Only .txt, .docx and .pdf files, photos and scans can be read."))


def _refuse_legacy(text: str) -> None:
    encoding = detect_legacy_encoding(text)
    if encoding is None:
        return
    if encoding == TCVN3:
        name, fonts = "TCVN3 (ABC)", ".VnTime, .VnTimeH"
    else:
        name, fonts = "VNI", "VNI-Times"
    raise refuse(
        _(
            "The text uses the %(encoding)s character encoding (fonts such as %(fonts)s), "
            "which cannot be read. Convert it to Unicode and upload it again."
        )
        % {"encoding": name, "fonts": fonts}
    )


# --- .txt --------------------------------------------------------------------------------------


def _read_txt(data: bytes, budget: Budget) -> str:
    # UTF-8 takes at most four bytes a character: more bytes than that is too long unread.
    if len(data) > 4 * budget.chars + 4:
        raise too_long(budget.chars)
    text = _decode_txt(data)
    budget.take(len(text))
    return text


def _decode_txt(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise refuse(_unknown_encoding()) from None
            if _mostly_control(text.encode("utf-8")):
                raise refuse(_not_text())
            return text
    if data.startswith(tuple(_SIGNATURES.values())) or b"\x00" in data or _mostly_control(data):
        raise refuse(_not_text())
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: TCVN3 and VNI files are 8-bit. Decoded as Windows-1252 their bytes become the
    # very characters the detector knows (cp1258, Windows' Vietnamese code page, would turn a
    # few of them into combining marks and hide the pattern). Any other 8-bit text is refused:
    # guessing an encoding would garble it silently.
    _refuse_legacy(normalise(data.decode("cp1252", errors="replace")))
    raise refuse(_unknown_encoding())


def _mostly_control(data: bytes) -> bool:
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(data)


def _not_text() -> str:
    return _("This is not a text file, although its name ends in .txt.")


def _unknown_encoding() -> str:
    return _(
        "The character encoding of the text file was not recognised. Save it as UTF-8 text "
        "and upload it again."
    )
