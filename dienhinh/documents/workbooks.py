"""The period's lists as an XLSX workbook: every nomination, unit by unit, and the table of
who reported (the compliance table). Vietnamese headers whatever the page's language, the
header row frozen, widths set, A4 landscape; user text always written as text."""

import io

from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from dienhinh.common import xlsx
from dienhinh.common.dates import period_label
from dienhinh.common.text import fold
from dienhinh.cycles.models import ExpectedUnit, ReportState
from dienhinh.nominations.models import AttachmentKind, Nomination, Status

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 3
DATE_FORMAT = "DD/MM/YYYY"
WRAP = Alignment(wrap_text=True, vertical="top")

NOMINATION_COLUMNS = [
    ("STT", 6),
    ("Đơn vị", 32),
    ("Họ và tên / Tập thể", 26),
    ("Cá nhân / tập thể", 12),
    ("Năm sinh", 9),
    ("Chức vụ, nơi công tác", 28),
    ("Lĩnh vực", 18),
    ("Tiêu đề", 32),
    ("Tóm tắt thành tích", 60),
    ("Số ảnh", 8),
    ("Trạng thái", 16),
    ("Ngày gửi", 12),
    ("Gửi muộn", 10),
]
COMPLIANCE_COLUMNS = [
    ("STT", 6),
    ("Đơn vị", 40),
    ("Hạn gửi", 12),
    ("Ngày gửi đầu tiên", 14),
    ("Tình trạng", 14),
    ("Số gương đã gửi", 12),
    ("Số gương được tiếp nhận", 14),
    ("Báo cáo không có gương", 14),
    ("Đủ chỉ tiêu", 10),
]


def filename(period) -> str:
    owner = slugify(fold(period.programme.owner.name))[:60]
    return f"danh-sach-{period.key}-{owner}.xlsx"


def _sheet(book, title: str, heading: str, columns) -> object:
    sheet = book.create_sheet(title)
    xlsx.put(sheet["A1"], heading)
    sheet["A1"].font = Font(bold=True, size=13)
    made = timezone.localtime().strftime("%H:%M %d/%m/%Y")
    xlsx.put(sheet["A2"], f"Số liệu lúc {made}")
    for index, (label, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index)
        xlsx.put(cell, label)
        cell.font = Font(bold=True)
        cell.alignment = WRAP
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    xlsx.print_setup(sheet, header_row=HEADER_ROW)
    return sheet


def _finish_rows(sheet) -> None:
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        for cell in row:
            cell.alignment = WRAP
            if hasattr(cell.value, "year"):
                cell.number_format = DATE_FORMAT
    last = sheet.cell(row=HEADER_ROW, column=sheet.max_column).column_letter
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(sheet.max_row, HEADER_ROW)}"


def _nominations(period):
    return (
        Nomination.objects.filter(period=period)
        .exclude(status__in=[Status.DRAFT, Status.WITHDRAWN])
        .select_related("unit")
        .annotate(photos=Count("attachments", filter=Q(attachments__kind=AttachmentKind.PHOTO)))
        .order_by("unit__name", "pk")
    )


def _nomination_sheet(book, period) -> None:
    heading = (
        f"Danh sách gương điển hình tiên tiến, người tốt việc tốt {period_label(period.key)} "
        f"— {period.programme.owner.name}"
    )
    sheet = _sheet(book, "Danh sách gương", heading, NOMINATION_COLUMNS)
    for index, n in enumerate(_nominations(period), start=1):
        sent = timezone.localdate(n.first_submitted_at) if n.first_submitted_at else None
        place = ", ".join(p for p in (n.position, n.workplace) if p)
        values = [
            index,
            n.unit.name,
            n.subject_name,
            n.get_subject_kind_display(),
            n.birth_year or (n.birth_date.year if n.birth_date else None),
            place,
            n.get_field_display(),
            n.headline,
            n.story,
            n.photos,
            n.get_status_display(),
            sent,
            "Có" if n.is_late else "",
        ]
        xlsx.append(sheet, values)
    _finish_rows(sheet)


def _compliance_sheet(book, period) -> None:
    heading = f"Tình hình báo cáo {period_label(period.key)} — {period.programme.owner.name}"
    sheet = _sheet(book, "Tình hình báo cáo", heading, COMPLIANCE_COLUMNS)
    rows = (
        ExpectedUnit.objects.filter(period=period, removed_on=None)
        .select_related("unit")
        .order_by("unit__name")
    )
    for index, row in enumerate(rows, start=1):
        state = row.get_state_display() if row.state != ReportState.MISSING else "Chưa gửi"
        xlsx.append(
            sheet,
            [
                index,
                row.unit.name,
                period.unit_deadline,
                row.first_sent_on,
                state,
                row.sent,
                row.accepted,
                "Có" if row.nil else "",
                "Đạt" if row.quota_met else "Chưa đạt",
            ],
        )
    _finish_rows(sheet)


def period_workbook(*, period) -> bytes:
    book = Workbook()
    book.remove(book.active)
    with translation.override("vi"):
        _nomination_sheet(book, period)
        _compliance_sheet(book, period)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
