"""Reading a unit list from CSV or XLSX and checking every row: bytes in, rows and errors out.

No database here: what needs the tree (parents, existing units, codes held elsewhere) is
checked by `plan.py`. Row numbers are the ones a person sees in the spreadsheet: the header
is row 1, blank rows still count.
"""

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from pathlib import PurePath

from django.utils.translation import gettext as _

from dienhinh.common.emails import normalise_emails
from dienhinh.common.errors import ApplicationError

from ..models import Unit
from .kinds import kind_examples, normalise_word, parse_kind
from .report import ErrorCode, ImportRejected, RowError

COLUMNS = (
    "code",
    "name",
    "short_name",
    "abbreviation",
    "kind",
    "parent_code",
    "valid_from",
    "emails",
)
REQUIRED_COLUMNS = ("name", "kind")

# Header names accepted for each column, compared folded ("Mã cấp trên" = "ma cap tren").
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("code", "mã", "mã đơn vị", "mã số"),
    "name": ("name", "tên", "tên đơn vị"),
    "short_name": ("short_name", "tên ngắn", "tên gọi tắt"),
    "abbreviation": ("abbreviation", "viết tắt", "ký hiệu", "tên viết tắt"),
    "kind": ("kind", "loại", "loại đơn vị"),
    "parent_code": ("parent_code", "mã cấp trên", "mã đơn vị cấp trên"),
    "valid_from": ("valid_from", "hiệu lực từ", "ngày hiệu lực", "từ ngày"),
    "emails": ("emails", "email", "e-mail", "thư điện tử"),
}
_HEADER_LOOKUP = {
    normalise_word(alias): column for column, aliases in COLUMN_ALIASES.items() for alias in aliases
}

# The longest text each column may hold (the Unit model's limits).
MAX_LENGTHS = {
    name: Unit._meta.get_field(name).max_length
    for name in ("code", "name", "short_name", "abbreviation")
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


@dataclass(frozen=True)
class SourceRow:
    number: int
    values: dict[str, object]  # column > cell: text (CSV), or text/number/date (XLSX)


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    rows: tuple[SourceRow, ...]


@dataclass(frozen=True)
class UnitRow:
    """One checked row, ready to be matched against the tree."""

    row: int
    code: str
    name: str
    short_name: str
    abbreviation: str
    kind: str
    parent_code: str
    valid_from: dt.date
    emails: tuple[str, ...]
    # The row has errors of its own: it is still planned far enough to check its parent
    # reference, so that every problem of the row is reported at once.
    bad: bool = False


def file_error(code: str, message: str) -> ImportRejected:
    return ImportRejected([RowError(row=0, code=code, message=message)])


# ---------------------------------------------------------------------------- reading


def read_table(*, filename: str, content: bytes) -> Table:
    """The header and the non-blank rows of a .csv or .xlsx file; `ImportRejected` if the
    file cannot be read, has no rows, or lacks a required column."""
    suffix = PurePath(filename).suffix.lower()
    if not content.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise file_error(ErrorCode.EMPTY, _("The file is empty."))
    if suffix == ".csv":
        cells = _csv_cells(content)
    elif suffix == ".xlsx":
        cells = _xlsx_cells(content)
    elif suffix == ".xls":
        raise file_error(
            ErrorCode.BAD_FORMAT,
            _("Old Excel .xls files cannot be read: open it in Excel and save it as .xlsx."),
        )
    else:
        raise file_error(
            ErrorCode.BAD_FORMAT,
            _("Only .csv (UTF-8) and .xlsx files can be imported, not '%(name)s'.")
            % {"name": PurePath(filename).name},
        )
    return _table_from_cells(cells)


def _csv_cells(content: bytes) -> list[tuple[int, list[object]]]:
    if content.startswith(_ZIP_MAGIC) or content.startswith(_OLE_MAGIC):
        raise file_error(
            ErrorCode.BAD_FORMAT,
            _(
                "This file is named .csv but is an Excel workbook: name it .xlsx, or save it "
                "from Excel as 'CSV UTF-8 (Comma delimited)'."
            ),
        )
    text = _decode_utf8(content)
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    delimiter = _guess_delimiter(header_line)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise file_error(
            ErrorCode.BAD_FORMAT,
            _("The CSV file could not be read: %(detail)s") % {"detail": exc},
        ) from exc
    return [(number, list(record)) for number, record in enumerate(records, start=1)]


def _decode_utf8(content: bytes) -> str:
    """UTF-8 with or without a BOM; anything else is refused with how to save it right."""
    line = 0
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in content:
        line = 1
    else:
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = content[: exc.start].count(b"\n") + 1
    raise file_error(
        ErrorCode.ENCODING,
        _(
            "The file is not in UTF-8 (first unreadable character on line %(line)d), so "
            "Vietnamese letters would be garbled. In Excel choose File > Save As > 'CSV UTF-8 "
            "(Comma delimited) (*.csv)'; in LibreOffice tick 'Edit filter settings' and choose "
            "the character set 'Unicode (UTF-8)'."
        )
        % {"line": line},
    )


def _guess_delimiter(header_line: str) -> str:
    """Comma, or semicolon/tab if that is what splits the header into known columns (Excel
    writes semicolons where the decimal separator is a comma)."""

    def known(delimiter: str) -> int:
        return sum(normalise_word(cell) in _HEADER_LOOKUP for cell in header_line.split(delimiter))

    return max((",", ";", "\t"), key=known)


def _xlsx_cells(content: bytes) -> list[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    if not content.startswith(_ZIP_MAGIC):
        raise file_error(
            ErrorCode.BAD_FORMAT,
            _("The file is named .xlsx but is not an Excel workbook: save it again as .xlsx."),
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return [
                (number, list(values))
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
        finally:
            workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError) as exc:
        # openpyxl raises any of these on a damaged or foreign zip.
        raise file_error(
            ErrorCode.BAD_FORMAT,
            _("The file is named .xlsx but is not an Excel workbook: save it again as .xlsx."),
        ) from exc


def _is_blank(values: list[object]) -> bool:
    return all(_text(value) == "" for value in values)


def _table_from_cells(cells: list[tuple[int, list[object]]]) -> Table:
    filled = [(number, values) for number, values in cells if not _is_blank(values)]
    if not filled:
        raise file_error(ErrorCode.EMPTY, _("The file is empty."))
    header_number, header = filled[0]
    positions: dict[str, int] = {}
    ignored: list[str] = []
    errors: list[RowError] = []
    for position, cell in enumerate(header):
        title = _text(cell)
        column = _HEADER_LOOKUP.get(normalise_word(title))
        if column is None:
            if title:
                ignored.append(title)
        elif column in positions:
            errors.append(
                RowError(
                    row=header_number,
                    code=ErrorCode.DUPLICATE_COLUMN,
                    column=title,
                    message=_("Column '%(column)s' appears more than once in the header row.")
                    % {"column": column},
                )
            )
        else:
            positions[column] = position
    for column in REQUIRED_COLUMNS:
        if column not in positions:
            errors.append(
                RowError(
                    row=header_number,
                    code=ErrorCode.MISSING_COLUMN,
                    column=column,
                    message=_(
                        "The required column '%(column)s' is missing from the header row. "
                        "The columns are: %(columns)s."
                    )
                    % {"column": column, "columns": ", ".join(COLUMNS)},
                )
            )
    if errors:
        raise ImportRejected(errors)
    rows = tuple(
        SourceRow(
            number=number,
            values={
                column: (values[position] if position < len(values) else None)
                for column, position in positions.items()
            },
        )
        for number, values in filled[1:]
    )
    if not rows:
        raise file_error(ErrorCode.EMPTY, _("The file has a header row but no units."))
    return Table(columns=tuple(positions), ignored_columns=tuple(ignored), rows=rows)


# ---------------------------------------------------------------------------- checking


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores 11692 as 11692.0
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def parse_date(value: object) -> dt.date | None:
    """YYYY-MM-DD, DD/MM/YYYY or an Excel date cell; None if it is not a real date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if match := _ISO_DATE.match(text):
        year, month, day = match.groups()
    elif match := _VN_DATE.match(text):
        day, month, year = match.groups()
    else:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_rows(
    *, table: Table, default_valid_from: dt.date
) -> tuple[list[UnitRow], list[RowError]]:
    """Check every row on its own and against the earlier rows; collect every problem.
    Rows with problems are returned too, marked `bad`."""
    rows: list[UnitRow] = []
    errors: list[RowError] = []
    first_row_of_code: dict[str, int] = {}
    for source in table.rows:
        row_errors, parsed = _parse_row(source, default_valid_from=default_valid_from)
        code = _text(source.values.get("code"))
        if code:
            first = first_row_of_code.setdefault(code, source.number)
            if first != source.number:
                row_errors.append(
                    RowError(
                        row=source.number,
                        code=ErrorCode.DUPLICATE_CODE,
                        column="code",
                        message=_(
                            "Code %(code)s is used again: it was first used on row %(first)d."
                        )
                        % {"code": code, "first": first},
                    )
                )
        errors += row_errors
        rows.append(replace(parsed, bad=True) if row_errors else parsed)
    return rows, errors


def _parse_row(source: SourceRow, *, default_valid_from: dt.date) -> tuple[list[RowError], UnitRow]:
    errors: list[RowError] = []
    number = source.number

    def error(code: str, column: str, message: str) -> None:
        errors.append(RowError(row=number, code=code, column=column, message=message))

    text = {column: _text(source.values.get(column)) for column in COLUMNS}
    if not text["name"]:
        error(ErrorCode.REQUIRED, "name", _("The unit's name is empty."))
    for column, limit in MAX_LENGTHS.items():
        if len(text[column]) > limit:
            error(
                ErrorCode.TOO_LONG,
                column,
                _("Too long: at most %(max)d characters, here %(length)d.")
                % {"max": limit, "length": len(text[column])},
            )
    kind = parse_kind(text["kind"]) if text["kind"] else None
    if not text["kind"]:
        error(ErrorCode.REQUIRED, "kind", _("The kind of unit is empty."))
    elif kind is None:
        error(
            ErrorCode.UNKNOWN_KIND,
            "kind",
            _("Unknown kind '%(kind)s'. Use one of: %(kinds)s.")
            % {"kind": text["kind"], "kinds": kind_examples()},
        )
    raw_date = source.values.get("valid_from")
    valid_from = default_valid_from
    if _text(raw_date):
        valid_from = parse_date(raw_date) or default_valid_from
        if parse_date(raw_date) is None:
            error(
                ErrorCode.BAD_DATE,
                "valid_from",
                _(
                    "'%(value)s' is not a real date. Write YYYY-MM-DD or DD/MM/YYYY, "
                    "e.g. 01/07/2025."
                )
                % {"value": _text(raw_date)},
            )
    emails: list[str] = []
    try:
        emails = normalise_emails(text["emails"])
    except ApplicationError as exc:
        error(ErrorCode.BAD_EMAIL, "emails", exc.message)
    return errors, UnitRow(
        row=number,
        code=text["code"],
        name=text["name"],
        short_name=text["short_name"],
        abbreviation=text["abbreviation"],
        kind=kind or "",
        parent_code=text["parent_code"],
        valid_from=valid_from,
        emails=tuple(emails),
    )


def file_codes(*, table: Table) -> dict[str, int]:
    """Each code in the file > the first row that has it (bad rows included)."""
    codes: dict[str, int] = {}
    for source in table.rows:
        code = _text(source.values.get("code"))
        if code:
            codes.setdefault(code, source.number)
    return codes
