"""The default templates, written once into `docx/` by `manage.py build_document_templates`.

Each function lays out one kind of document with the blocks of `layout.py` and the docxtpl
fields its context provides (`contexts.py` builds them; `engine.REQUIRED_FIELDS` lists what a
replacement template must keep). The wording lives in the template, so a unit that words its
dispatches differently changes the file, not the code.
"""

from pathlib import Path

from docx.shared import Mm

from . import layout as L
from .legal import BASES

DOCX_DIR = Path(__file__).resolve().parent / "docx"


def forwarding():
    document = L.new_document()
    L.body_header(document)
    L.recipients(document)
    L.body_paragraph(
        document,
        "Thực hiện {{ cited }}, {{ issuer_name }} báo cáo kết quả lựa chọn, giới thiệu gương "
        "điển hình tiên tiến, người tốt việc tốt {{ period_label }} như sau:",
    )
    L.body_paragraph(
        document,
        "1. Có {{ reported_count }}/{{ expected_count }} đơn vị đã gửi báo cáo. "
        "{{ issuer_name }} lựa chọn, giới thiệu {{ count_text }} gương điển hình tiên tiến, "
        "người tốt việc tốt (có danh sách trích ngang kèm theo).",
    )
    L.tag(document, "{%p if nil_text %}")
    L.body_paragraph(document, "Đơn vị báo cáo không có gương trong kỳ: {{ nil_text }}.")
    L.tag(document, "{%p endif %}")
    L.tag(document, "{%p if missing_text %}")
    L.body_paragraph(document, "2. Đơn vị chưa gửi báo cáo: {{ missing_text }}.")
    L.tag(document, "{%p else %}")
    L.body_paragraph(document, "2. Tất cả các đơn vị đều đã gửi báo cáo.")
    L.tag(document, "{%p endif %}")
    L.body_loop(document, "note_paragraphs")
    L.tag(document, "{%p if email %}")
    L.body_paragraph(
        document,
        "Báo cáo thành tích, hình ảnh, tư liệu của các gương được gửi kèm theo và qua hòm "
        "thư điện tử: {{ email }}.",
    )
    L.tag(document, "{%p endif %}")
    L.body_paragraph(
        document,
        "{{ issuer_name }} kính gửi {{ addressee_name }} tổng hợp, xem xét./.",
    )
    L.para(document, size=8)
    L.signature_block(document)
    return document


ANNEX_WIDTHS = [14, 44, 42, 38, 97, 17]


def annex_list():
    document = L.new_document(landscape=True)
    L.body_header(document, number=False, subject=False, left_mm=95)
    L.para(document, "DANH SÁCH TRÍCH NGANG", bold=True, align=L.CENTER, before=12)
    L.para(
        document,
        "Gương điển hình tiên tiến, người tốt việc tốt {{ period_label }}",
        bold=True,
        align=L.CENTER,
    )
    L.para(
        document,
        "(Kèm theo Công văn số {{ number_text }} ngày {{ date_short }} của {{ issuer_name }})",
        italic=True,
        align=L.CENTER,
        after=12,
    )
    table = L.fixed_table(document, ANNEX_WIDTHS, rows=4, grid=True)
    headings = [
        "STT",
        "Họ và tên / Tập thể",
        "Đơn vị",
        "Chức vụ, lĩnh vực",
        "Tóm tắt thành tích",
        "Số ảnh",
    ]
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        L.para(cell, text, size=13, bold=True, align=L.CENTER)
    L.repeat_as_header(table.rows[0])
    L.para(table.rows[1].cells[0], "{%tr for row in rows %}", size=13)
    fields = ["index", "name", "unit", "position", "summary", "photos"]
    for index, (cell, field) in enumerate(zip(table.rows[2].cells, fields, strict=True)):
        centred = field in ("index", "photos")
        align = L.CENTER if centred else (L.JUSTIFY if field == "summary" else None)
        L.para(cell, f"{{{{ row.{field} }}}}", size=13, align=align)
        if index == 1:
            L.para(cell, "{{ row.kind }}", size=11, italic=True)
    L.para(table.rows[3].cells[0], "{%tr endfor %}", size=13)
    L.tidy(table)
    L.para(document, "Tổng số: {{ count_text }} gương.", bold=True, before=8)
    L.tag(document, "{%p if missing_text %}")
    L.para(document, "Đơn vị chưa gửi báo cáo: {{ missing_text }}.", before=4)
    L.tag(document, "{%p endif %}")
    L.tag(document, "{%p if nil_text %}")
    L.para(document, "Đơn vị báo cáo không có gương trong kỳ: {{ nil_text }}.", before=4)
    L.tag(document, "{%p endif %}")
    return document


def relay():
    document = L.new_document()
    L.body_header(document)
    L.recipients(document)
    L.body_paragraph(
        document,
        "{{ issuer_name }} nhận được {{ cited }}.",
    )
    L.body_paragraph(
        document,
        "Để triển khai thực hiện, {{ issuer_name }} đề nghị các đơn vị quan tâm thực hiện "
        "một số nội dung sau:",
    )
    L.body_paragraph(
        document,
        "1. {{ cadence_text }} giới thiệu tối thiểu {{ quota_text }} gương người tốt, việc "
        "tốt, nhân tố điển hình của đơn vị, địa phương để tuyên truyền trên các phương tiện "
        "thông tin đại chúng và để {{ issuer_short }} lựa chọn giới thiệu lên cấp trên.",
    )
    L.body_paragraph(
        document,
        "2. Danh sách và báo cáo thành tích các điển hình tiên tiến, hình ảnh, tư liệu gửi về "
        "{{ issuer_short }}{{ via_office }} {{ unit_deadline_text }}{{ email_clause }}.",
    )
    L.tag(document, "{%p if forward_deadline_text %}")
    L.body_paragraph(
        document,
        "{{ compiler_name }} có trách nhiệm tổng hợp, tham mưu {{ issuer_short }} gửi "
        "{{ parent_issuer }} {{ forward_deadline_text }}.",
    )
    L.tag(document, "{%p endif %}")
    L.body_paragraph(
        document,
        "{{ issuer_name }} đề nghị các đơn vị quan tâm triển khai thực hiện./.",
    )
    L.body_paragraph(document, "(Gửi kèm {{ cited_short }}).", italic=True)
    L.para(document, size=8)
    L.signature_block(document)
    return document


def _report_title(document, subject_line: str):
    L.para(document, "BÁO CÁO THÀNH TÍCH", bold=True, align=L.CENTER, before=18)
    L.para(document, subject_line, bold=True, align=L.CENTER, after=12)


def _awards_table(document):
    L.tag(document, "{%p if awards %}")
    widths = [18, 62, 45, 40]
    table = L.fixed_table(document, widths, rows=4, grid=True)
    headings = [
        "Năm",
        "Danh hiệu thi đua, hình thức khen thưởng",
        "Số, ngày quyết định",
        "Cơ quan ban hành",
    ]
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        L.para(cell, text, size=13, bold=True, align=L.CENTER)
    L.repeat_as_header(table.rows[0])
    L.para(table.rows[1].cells[0], "{%tr for award in awards %}", size=13)
    for cell, field in zip(
        table.rows[2].cells, ["year", "title", "decision", "issuer"], strict=True
    ):
        L.para(
            cell, f"{{{{ award.{field} }}}}", size=13, align=L.CENTER if field == "year" else None
        )
    L.para(table.rows[3].cells[0], "{%tr endfor %}", size=13)
    L.tidy(table)
    L.tag(document, "{%p else %}")
    L.body_paragraph(document, "Chưa có.")
    L.tag(document, "{%p endif %}")


def _report_signatures(document, left: str, right: str, right_name: str):
    table = L.fixed_table(document, [82, 83])
    for cell, (title, hint, name) in zip(
        table.rows[0].cells,
        [
            (left, "(Ký, ghi rõ họ và tên, đóng dấu)", "{{ confirmer_name }}"),
            (right, "{{ signer_hint }}", right_name),
        ],
        strict=True,
    ):
        L.para(cell, title, size=12, bold=True, align=L.CENTER, before=12)
        L.para(cell, hint, size=12, italic=True, align=L.CENTER)
        for _index in range(4):
            L.para(cell, size=14)
        L.para(cell, name, size=14, bold=True, align=L.CENTER)
    L.tidy(table)


def report_individual():
    document = L.new_document()
    L.para(document, L.NATIONAL_NAME, size=13, bold=True, align=L.CENTER)
    L.para(document, L.MOTTO, size=14, bold=True, align=L.CENTER)
    L.rule(document, width_mm=64, cell_mm=L.text_width(document) / 36000 + 3.8)
    L.para(document, "{{ place_date }}", italic=True, align=L.CENTER, before=6)
    _report_title(
        document, "(Giới thiệu gương điển hình tiên tiến, người tốt việc tốt {{ period_label }})"
    )
    L.para(document, "I. SƠ LƯỢC LÝ LỊCH", bold=True, before=6, keep_with_next=True)
    L.tag(document, "{%p for line in identity %}")
    L.body_paragraph(document, "- {{ line }}", first_line_mm=0, left_mm=12.7, before=2)
    L.tag(document, "{%p endfor %}")
    L.body_loop(document, "background")
    L.para(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, before=12, keep_with_next=True)
    L.body_loop(document, "achievements")
    L.para(
        document,
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        bold=True,
        before=12,
        keep_with_next=True,
    )
    _awards_table(document)
    _report_signatures(
        document, "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", "NGƯỜI BÁO CÁO THÀNH TÍCH", "{{ subject_name }}"
    )
    return document


def report_collective():
    document = L.new_document()
    L.body_header(document, number=False, subject=False)
    _report_title(
        document, "(Giới thiệu gương điển hình tiên tiến, người tốt việc tốt {{ period_label }})"
    )
    L.para(document, "Tên tập thể: {{ subject_name }}", bold=True, before=6)
    L.para(document, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", bold=True, before=12, keep_with_next=True)
    L.tag(document, "{%p for line in identity %}")
    L.body_paragraph(document, "- {{ line }}", first_line_mm=0, left_mm=12.7, before=2)
    L.tag(document, "{%p endfor %}")
    L.body_loop(document, "background")
    L.para(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, before=12, keep_with_next=True)
    L.body_loop(document, "achievements")
    L.para(
        document,
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        bold=True,
        before=12,
        keep_with_next=True,
    )
    _awards_table(document)
    _report_signatures(document, "XÁC NHẬN CỦA CẤP TRÊN", "THỦ TRƯỞNG ĐƠN VỊ", "{{ signer_name }}")
    return document


def summary():
    document = L.new_document()
    L.body_header(document, number=False, subject=False)
    L.para(document, "TÓM TẮT THÀNH TÍCH", bold=True, align=L.CENTER, before=18)
    L.para(document, "{{ headline }}", bold=True, align=L.CENTER, after=12)
    L.tag(document, "{%p for line in identity %}")
    L.body_paragraph(document, "- {{ line }}", first_line_mm=0, left_mm=12.7, before=2)
    L.tag(document, "{%p endfor %}")
    L.body_loop(document, "story")
    L.tag(document, "{%p if awards_text %}")
    L.body_paragraph(document, "Khen thưởng đã nhận: {{ awards_text }}.")
    L.tag(document, "{%p endif %}")
    L.para(document, size=8)
    L.signature_block(document, distribution=False, left_mm=70)
    return document


BUILDERS = {
    "forwarding": forwarding,
    "annex_list": annex_list,
    "relay": relay,
    "summary": summary,
}
REPORT_BUILDERS = {"report_individual": report_individual, "report_collective": report_collective}


def default_files() -> dict[str, callable]:
    """File name (without .docx) → builder, every default template."""
    files = dict(BUILDERS)
    for kind, builder in REPORT_BUILDERS.items():
        for basis in BASES:
            files[f"{kind}-{basis.key}"] = builder
    return files


def write_all(directory: Path = DOCX_DIR) -> list[Path]:
    directory.mkdir(exist_ok=True)
    written = []
    for name, builder in default_files().items():
        path = directory / f"{name}.docx"
        builder().save(path)
        written.append(path)
    return written


__all__ = ["Mm", "write_all", "default_files"]
