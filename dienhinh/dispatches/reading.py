"""Turning an uploaded dispatch (.txt, .docx, .pdf) into plain text, or refusing it.

`extract_text` picks the reader by the file's extension, checks that the content matches it,
and returns the text normalised (NFC, "\\n" line ends, no control characters) but otherwise
as written: lines are not joined or reordered, the dispatch parser does that. Every refusal
is a DispatchReadError with a message the person uploading can act on; nothing else escapes,
whatever the bytes (the parsing libraries raise many kinds of errors on hostile files).
"""

import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from dienhinh.common.errors import ApplicationError

from .legacy_encodings import TCVN3, detect_legacy_encoding

__all__ = [
    "DispatchReadError",
    "ExtractedText",
    "detect_legacy_encoding",
    "extract_text",
    "check_size",
    "max_upload_bytes",
]

MB = 1024 * 1024
# A dispatch is a few pages; a PDF of hundreds is the wrong file (and slow to read).
MAX_PDF_PAGES = 200
# Most a .docx may hold once unpacked: python-docx unpacks every part into memory, so a small
# "zip bomb" must be refused from the sizes the archive declares (zipfile never inflates an
# entry past its declared size).
MAX_DOCX_UNPACKED = 200 * MB
# Acrobat's rule: a complete PDF ends with %%EOF within its last 1024 bytes. A PDF cut short
# in transfer has none, and pypdf would otherwise read what it can and say nothing.
PDF_EOF_WINDOW = 1024

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

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Elements that only wrap content (content controls, tracked insertions, links, fields…):
# their content is read as if they were not there. Deleted text (w:del) is not read.
_WRAPPERS = frozenset(
    _W + tag
    for tag in (
        *("sdt", "sdtContent", "customXml", "smartTag", "hyperlink", "fldSimple"),
        *("ins", "moveTo"),
    )
)


@dataclass(frozen=True)
class ExtractedText:
    text: str  # NFC-normalised, "\n" line ends, no NUL/control chars except \n and \t
    kind: str  # "txt" | "docx" | "pdf"
    pages: int | None  # PDF page count, else None


class DispatchReadError(ApplicationError):
    """The uploaded file cannot be read as a dispatch; the message says why and what to do."""


def max_upload_bytes() -> int:
    return getattr(settings, "DISPATCH_MAX_UPLOAD_MB", 20) * MB


def check_size(size: int) -> None:
    """Refuse a file over the limit from its declared size, before it is read into memory."""
    limit = max_upload_bytes()
    if size > limit:
        # Rounded up, so a file just over the limit never reads as exactly the limit.
        shown = number_format(math.ceil(size * 10 / MB) / 10, 1)
        raise _refuse(
            _("The file is %(size)s MB; the largest file that can be read is %(limit)s MB.")
            % {"size": shown, "limit": limit // MB}
        )


def extract_text(data: bytes, filename: str) -> ExtractedText:
    kind = _kind(filename)
    check_size(len(data))
    if not data or data.isspace():
        raise _refuse(_empty())
    if kind == "txt":
        text, pages = _read_txt(data), None
    elif kind == "docx":
        text, pages = _read_docx(data), None
    else:
        text, pages = _read_pdf(data)
    text = normalise(text)
    if not text.strip():
        raise _refuse(_empty())
    _refuse_legacy(text)
    return ExtractedText(text=text, kind=kind, pages=pages)


def normalise(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", _JUNK.sub("", text))


def _refuse(message: str) -> DispatchReadError:
    return DispatchReadError(message, field="file")


def _empty() -> str:
    return _("The file is empty: there is nothing to read.")


def _kind(filename: str) -> str:
    # Browsers on Windows may send the full path; only the last part is the name.
    name = re.split(r"[\\/]", filename or "")[-1].strip().rstrip(".")
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension in ("txt", "docx", "pdf"):
        return extension
    if extension == "doc":
        raise _refuse(_legacy_doc())
    if extension.isalnum() and len(extension) <= 10:
        raise _refuse(
            _("Files of type .%(extension)s cannot be read. Upload a .txt, .docx or .pdf file.")
            % {"extension": extension}
        )
    raise _refuse(_("Only .txt, .docx and .pdf files can be read."))


def _legacy_doc() -> str:
    return _(
        "Old Word documents (.doc) cannot be read. Open the file in Word, save it as .docx "
        "or PDF, and upload it again."
    )


def _refuse_legacy(text: str) -> None:
    encoding = detect_legacy_encoding(text)
    if encoding is None:
        return
    if encoding == TCVN3:
        name, fonts = "TCVN3 (ABC)", ".VnTime, .VnTimeH"
    else:
        name, fonts = "VNI", "VNI-Times"
    raise _refuse(
        _(
            "The text uses the %(encoding)s character encoding (fonts such as %(fonts)s), "
            "which cannot be read. Convert it to Unicode and upload it again."
        )
        % {"encoding": name, "fonts": fonts}
    )


# --- .txt --------------------------------------------------------------------------------------


def _read_txt(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise _refuse(_unknown_encoding()) from None
            if _mostly_control(text.encode("utf-8")):
                raise _refuse(_not_text())
            return text
    if data.startswith(tuple(_SIGNATURES.values())) or b"\x00" in data or _mostly_control(data):
        raise _refuse(_not_text())
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: TCVN3 and VNI files are 8-bit. Decoded as Windows-1252 their bytes become the
    # very characters the detector knows (cp1258, Windows' Vietnamese code page, would turn a
    # few of them into combining marks and hide the pattern). Any other 8-bit text is refused:
    # guessing an encoding would garble it silently.
    _refuse_legacy(normalise(data.decode("cp1252", errors="replace")))
    raise _refuse(_unknown_encoding())


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


# --- .docx -------------------------------------------------------------------------------------


def _read_docx(data: bytes) -> str:
    if data.startswith(_SIGNATURES["ole2"]):
        raise _refuse(_legacy_doc())  # an old .doc renamed .docx
    damaged = _refuse(_("The .docx file is damaged or is not a Word document."))
    if not data.startswith(_SIGNATURES["zip"]):
        raise damaged
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except Exception:  # zipfile raises several kinds on a broken directory
        raise damaged from None
    if "word/document.xml" not in {entry.filename for entry in entries}:
        raise damaged
    if sum(entry.file_size for entry in entries) > MAX_DOCX_UNPACKED:
        raise damaged
    try:
        body = docx.Document(io.BytesIO(data)).element.body
        lines = _block_lines(body)
    except Exception:  # python-docx, lxml and zipfile errors on a corrupt or hostile file
        raise damaged from None
    return "\n".join(lines)


def _children(element, tag: str) -> Iterator:
    """The `tag` children of `element`, looking through wrappers such as content controls."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _block_lines(container) -> list[str]:
    """Paragraphs and tables of the body (or of a cell, a text box) in document order."""
    lines: list[str] = []
    for child in container:
        if child.tag == _W + "p":
            lines.extend(_paragraph_lines(child))
        elif child.tag == _W + "tbl":
            table = _table_lines(child)
            if table:
                # A blank line around the table keeps its last cell apart from the text after.
                if lines and lines[-1]:
                    lines.append("")
                lines.extend([*table, ""])
        elif child.tag in _WRAPPERS:
            lines.extend(_block_lines(child))
    return lines


def _paragraph_lines(paragraph) -> list[str]:
    runs = list(_children(paragraph, _W + "r"))
    # python-docx's run text turns soft line breaks (w:br, w:cr) into "\n" and tabs into "\t".
    text = "".join(run.text for run in runs)
    boxes = [line for run in runs for box in _text_boxes(run) for line in _block_lines(box)]
    return boxes if boxes and not text.strip() else [text, *boxes]


def _text_boxes(element) -> Iterator:
    """Text boxes drawn in a run. Word stores each twice (a drawing and, under mc:Fallback,
    an old VML shape for old readers); only the first is read."""
    for child in element:
        if child.tag == _MC_FALLBACK:
            continue
        if child.tag == _W + "txbxContent":
            yield child
        else:
            yield from _text_boxes(child)


def _table_lines(table) -> list[str]:
    """Each row's cells one after another, a blank line between cells. Every w:tc element is
    read once: python-docx's row.cells would repeat a merged cell for each column or row it
    spans. The cells continuing a vertical merge are empty by Word's rules, and skipped."""
    cells: list[list[str]] = []
    for row in _children(table, _W + "tr"):
        for cell in _children(row, _W + "tc"):
            lines = _block_lines(cell)
            while lines and not lines[-1].strip():
                lines.pop()
            while lines and not lines[0].strip():
                lines.pop(0)
            if lines:
                cells.append(lines)
    return [line for i, cell in enumerate(cells) for line in ([""] if i else []) + cell]


# --- .pdf --------------------------------------------------------------------------------------


def _read_pdf(data: bytes) -> tuple[str, int]:
    damaged = _refuse(_("The PDF file is damaged or is not a PDF."))
    protected = _refuse(
        _("The PDF is password-protected. Remove the password, or upload the original .docx file.")
    )
    # Padding some systems append (line ends, NUL bytes) does not count against the window.
    tail = data.rstrip(b"\x00\t\n\r ")[-PDF_EOF_WINDOW:]
    if not data.startswith(_SIGNATURES["pdf"]) or b"%%EOF" not in tail:
        raise damaged
    try:
        reader = PdfReader(io.BytesIO(data))
        # pypdf has already tried the empty user password: a PDF locked only against editing
        # or printing (an owner password) opens with it.
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
        pages = 0 if locked else len(reader.pages)
    except DependencyError:  # AES encryption, which pypdf reads only with `cryptography`
        raise protected from None
    except Exception:  # pypdf raises many kinds on a damaged or hostile file
        raise damaged from None
    if locked:
        raise protected
    if pages == 0:
        raise damaged
    if pages > MAX_PDF_PAGES:
        raise _refuse(
            _(
                "The PDF has %(pages)s pages; a dispatch has at most %(limit)s. Check that "
                "this is the right file."
            )
            % {"pages": pages, "limit": MAX_PDF_PAGES}
        )
    try:
        texts = [page.extract_text() or "" for page in reader.pages]
    except DependencyError:
        raise protected from None
    except Exception:
        raise damaged from None
    if not any(text.strip() for text in texts):
        raise _refuse(
            _(
                "The PDF has no text layer (it is a scanned image). Upload the .docx file, or "
                "a PDF exported from Word."
            )
        )
    return "\n".join(texts), pages
