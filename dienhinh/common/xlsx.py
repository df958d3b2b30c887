"""Writing spreadsheets that are safe to open and ready to print, for every XLSX export.

- `put(cell, value)`: user text is always a TEXT cell. openpyxl turns a string that starts
  with "=" into a live formula, and Excel re-reads "+", "-" and "@" as one when the cell is
  edited; a unit name like `=HYPERLINK(…)` must never run in the city's sheet. Such text is
  stored as a string and flagged "quote prefix", as Excel does when one types '=…, so it
  shows exactly as written and stays text.
- `print_setup(sheet, header_row)`: A4 landscape, fit to the page width, the header row
  repeated on every printed page, page numbers in the footer.
"""

from openpyxl.cell.cell import TYPE_STRING

# What spreadsheet programs read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def put(cell, value) -> None:
    """Write `value` into `cell`; text always as text, never as a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = TYPE_STRING
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


def append(sheet, values: list) -> int:
    """Add a row at the bottom, every text value written as text. Returns its number."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet["A1"].value is not None else 1
    for column, value in enumerate(values, start=1):
        put(sheet.cell(row=row, column=column), value)
    return row


def print_setup(sheet, *, header_row: int) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "Trang &P / &N"
