"""Reading a rendered DOCX back as a document (python-docx), for the tests."""

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TNR = "Times New Roman"


def read(content: bytes):
    return Document(io.BytesIO(content))


def mm(length) -> float:
    return round(length / Mm(1), 1)


def pt(length) -> float | None:
    return None if length is None else length / Pt(1)


def paragraphs(container) -> list:
    """Every paragraph, tables' cells included, in reading order."""
    found = []
    for block in container.element.body.iterchildren():
        if block.tag == qn("w:p"):
            found.append(_para(container, block))
        elif block.tag == qn("w:tbl"):
            for p in block.iter(qn("w:p")):
                found.append(_para(container, p))
    return found


def _para(document, element):
    from docx.text.paragraph import Paragraph

    return Paragraph(element, document)


def texts(document) -> list[str]:
    return [p.text for p in paragraphs(document)]


def find(document, start: str):
    """The first paragraph whose text starts with `start`."""
    for paragraph in paragraphs(document):
        if paragraph.text.startswith(start):
            return paragraph
    raise AssertionError(f"no paragraph starts with {start!r}: {texts(document)}")


def run_look(paragraph) -> tuple:
    """(size in pt, bold, italic) of the paragraph's runs, which must agree."""
    looks = {(pt(r.font.size), bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text}
    assert len(looks) == 1, (paragraph.text, looks)
    return looks.pop()


def has_bottom_rule(paragraph) -> bool:
    border = paragraph._p.find(qn("w:pPr") + "/" + qn("w:pBdr") + "/" + qn("w:bottom"))
    return border is not None and border.get(qn("w:val")) == "single"


def fonts_used(document) -> set[str]:
    """Every font named by a run or a style in the body (the default: the Normal style's)."""
    names = set()
    for fonts in document.element.body.iter(qn("w:rFonts")):
        names.update(v for k, v in fonts.attrib.items() if not k.endswith("Theme"))
    normal = document.styles["Normal"].font.name
    names.add(normal)
    return names
