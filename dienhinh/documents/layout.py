"""The building blocks of a Nghị định 30/2020/NĐ-CP page, used once to write the default
template files in `docx/` (`manage.py build_document_templates`).

Rendering never runs this code: documents are rendered from the template FILES, which a
unit's administrator may replace with their own (made in Word from a default one). The
measures follow Phụ lục I of the decree: A4, margins 20 mm top and bottom, 30 mm left,
15 mm right; Times New Roman; the issuing body (12–13 pt, bold, upper case, a short rule
below, its governing body above it in regular type); the national name (12–13 pt bold) and
motto (13–14 pt bold, a rule as long as the motto below it); "Số:" 13 pt; the subject line
"V/v" 12–13 pt; place and date 13–14 pt italic; body 13–14 pt justified with a first-line
indent; "Nơi nhận:" 12 pt bold italic and its lines 11 pt; the signer's authority and
title 13–14 pt bold upper case, space for the signature and seal, the name 13–14 pt bold;
page numbers centred in the top margin from page 2 on.
"""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADER_SHIFT_MM = 10
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
# Elements that follow <w:pBdr> and <w:tblLayout> in their parents (the schema's order).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr")
_AFTER_LAYOUT = ("w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def new_document(*, landscape: bool = False) -> Document:
    document = Document()
    section = document.sections[0]
    width, height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    _normal_style(document)
    _page_numbers_from_two(section)
    document.core_properties.author = "Dienhinh"
    return document


def text_width(document) -> int:
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _normal_style(document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0


def _page_numbers_from_two(section) -> None:
    """A page number in the top margin on every page but the first (the decree)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, None)):
        run = paragraph.add_run()
        run.font.size = Pt(BODY_PT)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = "2"
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    section.first_page_header.is_linked_to_previous = False


def para(
    container,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align=None,
    first_line_mm: float | None = None,
    left_mm: float | None = None,
    hanging_mm: float | None = None,
    before: float = 0,
    after: float = 0,
    line: float | None = None,
    keep_with_next: bool = False,
):
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold or None
        run.italic = italic or None
    _mark_size(paragraph, size)
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if left_mm is not None:
        fmt.left_indent = Mm(left_mm)
    if first_line_mm is not None:
        fmt.first_line_indent = Mm(first_line_mm)
    if hanging_mm is not None:
        fmt.first_line_indent = -Mm(hanging_mm)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if keep_with_next:
        fmt.keep_with_next = True
    return paragraph


def tag(container, text: str):
    """A paragraph holding only a docxtpl tag ({%p … %}): removed when rendered."""
    return para(container, text, size=BODY_PT)


def _mark_size(paragraph, size: float) -> None:
    """The paragraph mark's size, so an empty paragraph is as tall as its text would be."""
    properties = paragraph._p.get_or_add_pPr()
    run_properties = properties.find(qn("w:rPr"))
    if run_properties is None:
        run_properties = OxmlElement("w:rPr")
        properties.append(run_properties)
    for name in ("w:sz", "w:szCs"):
        element = OxmlElement(name)
        element.set(qn("w:val"), str(int(size * 2)))
        run_properties.append(element)


def rule(container, *, width_mm: float, cell_mm: float):
    """A solid horizontal rule `width_mm` long, centred in a column `cell_mm` wide: a tiny
    paragraph with a bottom border, indented from both sides."""
    paragraph = para(container, size=2, line=None)
    side = max(0.0, (cell_mm - width_mm) / 2 - 1.9)  # 1.9 mm: the cell's own margin
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    properties = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    border.append(bottom)
    properties.insert_element_before(border, *_AFTER_PBDR)
    return paragraph


def fixed_table(
    container, widths_mm: list[float], *, rows: int = 1, grid: bool = False, indent_mm: float = 0
):
    """A table whose columns keep the given widths in Word and in LibreOffice (which reads
    the grid, not the cells), optionally shifted left into the margin by `indent_mm`."""
    table = container.add_table(rows=rows, cols=len(widths_mm))
    if grid:
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.insert_element_before(layout, *_AFTER_LAYOUT)
    for index, width in enumerate(widths_mm):
        for cell in table.columns[index].cells:
            cell.width = Mm(width)
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        column.set(qn("w:w"), str(_twips(width)))
    properties = table._tbl.tblPr
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(_twips(sum(widths_mm))))
    total.set(qn("w:type"), "dxa")
    for old in properties.findall(qn("w:tblW")):
        properties.remove(old)
    properties.insert_element_before(total, "w:jc", "w:tblInd", "w:tblBorders", "w:tblLayout")
    if indent_mm:
        # A shifted table cannot also be centred: the indent places it.
        for old in properties.findall(qn("w:jc")):
            properties.remove(old)
        shift = OxmlElement("w:tblInd")
        shift.set(qn("w:w"), str(-_twips(indent_mm)))
        shift.set(qn("w:type"), "dxa")
        properties.insert_element_before(shift, "w:tblBorders", "w:shd", "w:tblLayout")
    return table


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def tidy(table) -> None:
    """Remove the empty first paragraph each cell was created with, where others follow."""
    for row in table.rows:
        for cell in row.cells:
            paragraphs = cell.paragraphs
            if len(paragraphs) > 1 and not paragraphs[0].text:
                paragraphs[0]._p.getparent().remove(paragraphs[0]._p)


def repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def body_header(document, *, number: bool = True, subject: bool = True, left_mm=70):
    """The header table: governing body / issuing body / rule / Số / V/v on the left, the
    national name / motto / rule / place and date on the right. It reaches 10 mm into the
    left margin, as offices lay it out, so the national name holds on one line."""
    right_mm = text_width(document) / 36000 + HEADER_SHIFT_MM - left_mm
    table = fixed_table(document, [left_mm, right_mm], indent_mm=HEADER_SHIFT_MM)
    left, right = table.rows[0].cells
    tag(left, "{%p for line in parent_body_lines %}")
    para(left, "{{ line }}", size=12.5, align=CENTER)
    tag(left, "{%p endfor %}")
    tag(left, "{%p for line in body_lines %}")
    para(left, "{{ line }}", size=12.5, bold=True, align=CENTER)
    tag(left, "{%p endfor %}")
    rule(left, width_mm=20, cell_mm=left_mm)
    if number:
        para(left, "Số: {{ number_text }}", size=13, align=CENTER, before=6)
    if subject:
        para(left, "V/v {{ subject }}", size=12, align=CENTER, before=3)
    para(right, NATIONAL_NAME, size=12, bold=True, align=CENTER)
    para(right, MOTTO, size=13, bold=True, align=CENTER)
    rule(right, width_mm=61, cell_mm=right_mm)
    para(right, "{{ place_date }}", size=13, italic=True, align=CENTER, before=6)
    tidy(table)
    return table


def signature_block(document, *, distribution: bool = True, left_mm: float = 75):
    """Nơi nhận on the left; authority, title, room for signature and seal, name on the
    right."""
    right_mm = text_width(document) / 36000 - left_mm
    table = fixed_table(document, [left_mm, right_mm])
    left, right = table.rows[0].cells
    if distribution:
        para(left, "Nơi nhận:", size=12, bold=True, italic=True, before=6)
        tag(left, "{%p for line in distribution %}")
        para(left, "{{ line }}", size=11)
        tag(left, "{%p endfor %}")
    tag(right, "{%p for line in signature_lines %}")
    para(right, "{{ line }}", size=13.5, bold=True, align=CENTER)
    tag(right, "{%p endfor %}")
    for _index in range(5):
        para(right, size=14)  # the signature and the seal go here
    para(right, "{{ signer_name }}", size=14, bold=True, align=CENTER)
    tidy(table)
    return table


def recipients(document, *, indent_mm: float = 22):
    """Kính gửi: one addressee on the same line; several, one per line below it."""
    tag(document, "{%p if recipient_lines|length == 1 %}")
    para(
        document,
        "Kính gửi: {{ recipient_lines[0] }}",
        left_mm=indent_mm,
        before=12,
        after=6,
        align=None,
    )
    tag(document, "{%p else %}")
    para(document, "Kính gửi:", left_mm=indent_mm, before=12)
    tag(document, "{%p for line in recipient_lines %}")
    para(document, "{{ line }}", left_mm=indent_mm + 22, hanging_mm=3)
    tag(document, "{%p endfor %}")
    para(document, size=6)
    tag(document, "{%p endif %}")


def body_paragraph(document, text: str, **options):
    """A paragraph of the body: justified, first line indented 12.7 mm, 6 pt apart."""
    defaults = {"align": JUSTIFY, "first_line_mm": 12.7, "before": 6, "line": 1.15}
    return para(document, text, **{**defaults, **options})


def body_loop(document, variable: str, **options):
    """One body paragraph per item of a list in the context."""
    tag(document, f"{{%p for text in {variable} %}}")
    body_paragraph(document, "{{ text }}", **options)
    tag(document, "{%p endfor %}")
