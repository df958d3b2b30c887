"""The compliance dashboard as an XLSX workbook (openpyxl), in Vietnamese whatever the
language of the page: the file is what a compiler forwards to the level above.

Three sheets, one table each (so Excel's filter and sort work on every one): the roll-up
with its total, the units the root itself waits for, and every unit that sent nothing.
"""

import io

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dienhinh.common import xlsx
from dienhinh.common.text import fold

from .dashboard import Row

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
BOLD = Font(bold=True)
HEADER_ROW = 3  # row 1: title, row 2: when it was made, row 3: the header


def filename(*, root, period_key: str) -> str:
    """tong-hop-2023-10-uy-ban-nhan-dan-quan-duong-kinh.xlsx (ASCII: safe in every browser
    and mail client)."""
    return f"tong-hop-{period_key}-{slugify(fold(root.name))[:80]}.xlsx"


def _sheet(book: Workbook, title: str, heading: str, columns: list[tuple[str, int]]):
    sheet = book.create_sheet(title[:31])
    xlsx.put(sheet["A1"], heading)
    sheet["A1"].font = Font(bold=True, size=13)
    made = timezone.localtime().strftime("%H:%M %d/%m/%Y")
    xlsx.put(sheet["A2"], _("Live figures as of %(time)s") % {"time": made})
    for index, (label, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index)
        xlsx.put(cell, label)
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"  # a string: sheet.cell() would add a row
    xlsx.print_setup(sheet, header_row=HEADER_ROW)
    return sheet


def _append(sheet, values: list, *, bold: bool = False) -> None:
    # Unit names and programme titles are user text: written as text, never as formulas.
    row = xlsx.append(sheet, values)
    for cell in sheet[row]:
        if hasattr(cell.value, "year"):
            cell.number_format = DATE_FORMAT
        if bold:
            cell.font = BOLD


def _filter(sheet) -> None:
    last = get_column_letter(sheet.max_column)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(sheet.max_row, HEADER_ROW)}"


def _rollup_values(row: Row, name: str) -> list:
    return [
        name,
        row.expected,
        row.reported,
        row.on_time,
        row.late,
        row.missing,
        row.sent,
        row.accepted,
        row.quota_met,
        row.quota_percent,
    ]


def _rollup_sheet(book, *, root, period_key, rows, total) -> None:
    heading = _("Reporting in %(period)s: %(unit)s") % {"period": period_key, "unit": root.name}
    sheet = _sheet(
        book,
        _("Roll-up"),
        heading,
        [
            (_("Unit"), 48),
            (_("Units expected"), 12),
            (_("Reported"), 12),
            (_("On time"), 12),
            (_("Late"), 12),
            (_("Missing"), 12),
            (_("Nominations sent"), 14),
            (_("Accepted"), 14),
            (_("Quota met"), 12),
            (_("Quota met (%)"), 12),
        ],
    )
    for row in rows:
        name = _("%(unit)s (its own report)") % {"unit": row.name} if row.is_root else row.name
        _append(sheet, _rollup_values(row, name))
    _append(sheet, _rollup_values(total, _("Total")), bold=True)
    _filter(sheet)


def _units_sheet(book, *, root, period_key, units) -> None:
    heading = _("Units %(unit)s waits for in %(period)s") % {
        "unit": root.name,
        "period": period_key,
    }
    sheet = _sheet(
        book,
        _("Units"),
        heading,
        [
            (_("Unit"), 48),
            (_("Programme"), 36),
            (_("Deadline"), 12),
            (_("First sent on"), 14),
            (_("Status"), 14),
            (_("Nominations sent"), 14),
            (_("Accepted"), 12),
            (_("Nothing to report"), 12),
            (_("Quota met"), 12),
        ],
    )
    yes, no = _("Yes"), _("No")
    for row in units:
        _append(
            sheet,
            [
                row.unit.name,
                row.period.programme.title,
                row.period.unit_deadline,
                row.first_sent_on,
                row.get_state_display(),
                row.sent,
                row.accepted,
                yes if row.nil else no,
                yes if row.quota_met else no,
            ],
        )
    _filter(sheet)


def _missing_sheet(book, *, root, period_key, missing) -> None:
    heading = _("Units under %(unit)s that sent nothing for %(period)s") % {
        "unit": root.name,
        "period": period_key,
    }
    sheet = _sheet(
        book,
        _("Sent nothing"),
        heading,
        [(_("Unit"), 48), (_("Under"), 40), (_("Reports to"), 40), (_("Deadline"), 12)],
    )
    for row in missing:
        parent = row.parent_unit.name if row.parent_unit else ""
        owner = row.period.programme.owner.name
        _append(sheet, [row.unit.name, parent, owner, row.period.unit_deadline])
    _filter(sheet)


def workbook(*, root, period_key: str, rows: list[Row], total: Row, units, missing) -> bytes:
    book = Workbook()
    book.remove(book.active)
    with translation.override("vi"):
        _rollup_sheet(book, root=root, period_key=period_key, rows=rows, total=total)
        _units_sheet(book, root=root, period_key=period_key, units=units)
        _missing_sheet(book, root=root, period_key=period_key, missing=missing)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
