"""The text of a Word .docx dispatch, read from its main part alone, within a budget.

A .docx is a zip archive, and a small one can unpack to hundreds of megabytes of XML (a probe
of 0.46 MB held 190 MB of text and took a web process to 9 GB when the whole document was
loaded as a tree). So the main part, `word/document.xml`, is parsed as a stream, and the
reading stops as soon as it passes any of: the text budget (characters), the reading time,
the XML bytes or the element count a dispatch could need. Only then is the tree kept in
memory bounded, and walked in document order.
"""

import io
import zipfile
from collections.abc import Iterator

from django.utils.translation import gettext as _
from lxml import etree

from .limits import Budget, refuse, too_long

# Most a .docx may hold once unpacked (declared sizes; zipfile never inflates an entry past its
# declared size), the most XML its main part may have, and the most elements: far above what
# a 200-page document needs (about 60,000 elements), far below what would strain the machine.
MAX_DOCX_UNPACKED = 200 * 1024 * 1024
MAX_XML_BYTES = 32 * 1024 * 1024
MAX_ELEMENTS = 250_000
_CHECK_EVERY = 2048  # elements between two looks at the clock

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
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def legacy_doc() -> str:
    return _(
        "Old Word documents (.doc) cannot be read. Open the file in Word, save it as .docx "
        "or PDF, and upload it again."
    )


def read(data: bytes, budget: Budget) -> str:
    if data.startswith(_OLE2):
        raise refuse(legacy_doc())  # an old .doc renamed .docx
    damaged = refuse(_("The .docx file is damaged or is not a Word document."))
    if not data.startswith(b"PK\x03\x04"):
        raise damaged
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = {entry.filename: entry for entry in archive.infolist()}
    except Exception:  # zipfile raises several kinds on a broken directory
        raise damaged from None
    main = entries.get("word/document.xml")
    if main is None or sum(entry.file_size for entry in entries.values()) > MAX_DOCX_UNPACKED:
        raise damaged
    capped = None
    try:
        with archive, archive.open(main) as stream:
            capped = _Capped(stream, MAX_XML_BYTES)
            body = _parse(capped, budget)
        return "\n".join(_block_lines(body))
    except _TooMuchXml:
        raise too_long(budget.chars) from None
    except etree.XMLSyntaxError:
        # libxml2 stops at a text node of 10 MB: past the text budget, that is the reason.
        if capped is not None and capped.seen > budget.chars:
            raise too_long(budget.chars) from None
        raise damaged from None
    except Exception as exc:  # zipfile and lxml errors on a corrupt or hostile file
        if getattr(exc, "field", None):  # our own refusal, raised from inside the parse
            raise
        raise damaged from None


class _TooMuchXml(Exception):
    pass


class _Capped(io.RawIOBase):
    """A read-only stream that gives up past `limit` bytes."""

    def __init__(self, stream, limit: int):
        self.stream, self.limit, self.seen = stream, limit, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(64 * 1024 if size is None or size < 0 else size)
        self.seen += len(chunk)
        if self.seen > self.limit:
            raise _TooMuchXml
        return chunk


def _parse(stream, budget: Budget):
    """The document's w:body, counting text and elements as they arrive."""
    events = etree.iterparse(
        stream, events=("end",), resolve_entities=False, no_network=True, huge_tree=False
    )
    body = None
    for count, (_event, element) in enumerate(events, start=1):
        if element.tag == _W + "t" and element.text:
            budget.take(len(element.text))
        elif element.tag == _W + "body":
            body = element
        if count % _CHECK_EVERY == 0:
            budget.check_time()
            if count > MAX_ELEMENTS:
                raise _TooMuchXml
    if body is None:
        raise etree.XMLSyntaxError("no body", None, 0, 0)
    return body


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


_RUN_TEXT = {
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}


def _run_text(run) -> str:
    """As Word shows it: soft line breaks (w:br, w:cr) as "\\n", tabs as "\\t"; page and column
    breaks as nothing."""
    parts = []
    for child in run:
        if child.tag == _W + "t":
            parts.append(child.text or "")
        elif child.tag == _W + "br":
            parts.append("\n" if child.get(_W + "type", "textWrapping") == "textWrapping" else "")
        else:
            parts.append(_RUN_TEXT.get(child.tag, ""))
    return "".join(parts)


def _paragraph_lines(paragraph) -> list[str]:
    runs = list(_children(paragraph, _W + "r"))
    text = "".join(_run_text(run) for run in runs)
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
    read once (a merged cell is not repeated for each column or row it spans); the cells
    continuing a vertical merge are empty by Word's rules, and skipped."""
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
