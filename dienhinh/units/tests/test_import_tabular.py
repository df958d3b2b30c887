"""Importing a unit list from CSV or XLSX: all rows checked first, then all written or none."""

import datetime as dt
import io
import unicodedata
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from dienhinh.audit.models import AuditEvent
from dienhinh.testing import make_unit
from dienhinh.units.imports.apply import units_import_table
from dienhinh.units.imports.kinds import parse_kind
from dienhinh.units.imports.report import ImportRejected
from dienhinh.units.imports.tabular import parse_date, read_table
from dienhinh.units.imports.vn_divisions import units_import_vn_divisions
from dienhinh.units.models import RestructureEvent, Unit, UnitKind, UnitVersion
from dienhinh.units.restructure import unit_dissolve

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "units-example.csv"
HEADER = "code,name,short_name,abbreviation,kind,parent_code,valid_from,emails\n"
JULY_1 = dt.date(2025, 7, 1)


@pytest.fixture
def tree(db):
    """Hải Phòng and Phường Dương Kinh as the vn-divisions import leaves them."""
    city = make_unit("Thành phố Hải Phòng", UnitKind.PROVINCE, code="31", on=JULY_1)
    ward = make_unit("Phường Dương Kinh", UnitKind.WARD, city, code="11692", on=JULY_1)
    return city, ward


def encode(text: str, encoding: str) -> bytes:
    if encoding != "cp1258":
        return text.encode(encoding)
    # Windows-1258 has few precomposed letters: "ò" is o + a combining grave accent.
    out = b""
    for char in text:
        try:
            out += char.encode(encoding)
        except UnicodeEncodeError:
            out += unicodedata.normalize("NFD", char).encode(encoding)
    return out


def write(tmp_path: Path, text: str, *, name: str = "units.csv", encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(encode(text, encoding))
    return path


def import_file(path: Path, **options):
    return units_import_table(actor=None, filename=path.name, content=path.read_bytes(), **options)


def rejected(path: Path) -> ImportRejected:
    before = (Unit.objects.count(), UnitVersion.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ImportRejected) as caught:
        import_file(path)
    after = (Unit.objects.count(), UnitVersion.objects.count(), AuditEvent.objects.count())
    assert after == before, "a refused file must import nothing"
    return caught.value


def problems(exc: ImportRejected) -> list[tuple[int, str]]:
    return [(error.row, error.code) for error in exc.errors]


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- good files


def test_a_good_file_creates_its_units_under_their_parents(tree, tmp_path):
    _city, ward = tree
    path = write(
        tmp_path,
        HEADER + "DK-VP,Văn phòng HĐND và UBND phường,VP HĐND-UBND,VP,Văn phòng,11692,2025-07-01,"
        '"vp@example.vn; TDKT@example.vn"\n'
        + "DK-MT,Ủy ban MTTQ phường Dương Kinh,,MTTQ,doan the,11692,01/07/2025,\n"
        + "DK-TN,Đoàn Thanh niên phường Dương Kinh,,ĐTN,Đoàn thể,DK-MT,,tn@example.vn\n"
        + ",Trạm Y tế phường Dương Kinh,,,don vi su nghiep,11692,,\n",
    )

    audited = AuditEvent.objects.count()

    summary = import_file(path, on=dt.date(2025, 9, 1))

    assert (summary.created, summary.updated, summary.unchanged) == (4, 0, 0)
    office = Unit.objects.get(code="DK-VP")
    assert (office.kind, office.parent, office.valid_from) == (UnitKind.OFFICE, ward, JULY_1)
    assert (office.short_name, office.abbreviation) == ("VP HĐND-UBND", "VP")
    assert office.emails == ["vp@example.vn", "tdkt@example.vn"]
    youth = Unit.objects.get(code="DK-TN")
    assert youth.parent == Unit.objects.get(code="DK-MT")
    assert youth.kind == UnitKind.MASS_ORGANISATION
    assert youth.valid_from == dt.date(2025, 9, 1)  # no valid_from: --on
    assert youth.path.startswith(ward.path) and youth.depth == ward.depth + 2
    clinic = Unit.objects.get(name="Trạm Y tế phường Dương Kinh")
    assert (clinic.code, clinic.kind) == ("", UnitKind.PUBLIC_SERVICE_UNIT)
    actions = AuditEvent.objects.order_by("id").values_list("action", flat=True)[audited:]
    assert list(actions) == ["unit.create"] * 4 + ["unit.import"]


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("phuong", UnitKind.WARD),
        ("Phường", UnitKind.WARD),
        ("xa", UnitKind.COMMUNE),
        ("XÃ", UnitKind.COMMUNE),
        ("đặc khu", UnitKind.SPECIAL_ZONE),
        ("so", UnitKind.DEPARTMENT),
        ("Sở", UnitKind.DEPARTMENT),
        ("phong", UnitKind.OFFICE),
        ("doan the", UnitKind.MASS_ORGANISATION),
        ("don vi su nghiep", UnitKind.PUBLIC_SERVICE_UNIT),
        ("Đơn vị sự nghiệp công lập", UnitKind.PUBLIC_SERVICE_UNIT),
        ("Tỉnh/Thành phố", UnitKind.PROVINCE),
        ("public_service_unit", UnitKind.PUBLIC_SERVICE_UNIT),
        ("Public service unit", UnitKind.PUBLIC_SERVICE_UNIT),
        ("special-zone", UnitKind.SPECIAL_ZONE),
        ("Đảng ủy", UnitKind.PARTY_BOARD),
    ],
)
def test_kinds_are_read_as_values_or_vietnamese_words(written, kind):
    assert parse_kind(written) == kind


def test_unknown_kinds_are_not_guessed():
    assert parse_kind("hợp tác xã") is None
    assert parse_kind("") is None


def test_a_second_import_of_the_same_file_changes_nothing(tree, tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "DK-VP,Văn phòng phường,,,office,11692,,vp@example.vn\n"
        + ",Trạm Y tế phường,,,public_service_unit,11692,,\n",
    )
    import_file(path)
    before = (
        Unit.objects.count(),
        UnitVersion.objects.count(),
        RestructureEvent.objects.count(),
        AuditEvent.objects.count(),
    )

    summary = import_file(path)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)
    assert summary.differences == []
    after = (
        Unit.objects.count(),
        UnitVersion.objects.count(),
        RestructureEvent.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after == before


def test_a_matched_row_corrects_code_emails_and_kind_but_only_reports_a_new_name(tree, tmp_path):
    _city, ward = tree
    office = make_unit("Văn phòng phường", UnitKind.BOARD, ward, on=JULY_1)
    clinic = make_unit("Trạm Y tế", UnitKind.PUBLIC_SERVICE_UNIT, ward, code="DK-YT", on=JULY_1)
    path = write(
        tmp_path,
        HEADER
        + "DK-VP,Văn phòng phường,,,office,11692,,vp@example.vn\n"
        + "DK-YT,Trạm Y tế phường Dương Kinh,,,public_service_unit,11692,,\n",
    )

    summary = import_file(path)

    office.refresh_from_db()
    clinic.refresh_from_db()
    assert (office.code, office.kind, office.emails) == ("DK-VP", "office", ["vp@example.vn"])
    assert clinic.name == "Trạm Y tế"
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    assert [(d.row, d.field, d.current, d.proposed) for d in summary.differences] == [
        (3, "name", "Trạm Y tế", "Trạm Y tế phường Dương Kinh")
    ]
    assert AuditEvent.objects.filter(action="unit.update", object_id=str(office.pk)).exists()


def test_a_csv_with_a_bom_semicolons_or_crlf_reads_the_same(tree, tmp_path):
    text = HEADER.replace(",", ";") + "DK-VP;Văn phòng;;;office;11692;;\n"
    path = tmp_path / "units.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())

    summary = import_file(path)

    assert summary.created == 1
    assert Unit.objects.get(code="DK-VP").name == "Văn phòng"


def test_an_xlsx_file_imports_like_a_csv(tree, tmp_path):
    path = tmp_path / "units.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                ["Mã", "Tên đơn vị", "Loại", "Mã cấp trên", "Hiệu lực từ", "Email", "Ghi chú"],
                ["DK-VP", "Văn phòng", "Phòng", 11692, dt.datetime(2025, 8, 1), None, "x"],
                [None] * 7,
                ["DK-BAD", "Phòng B", "phong", 11692, "31/02/2025", None, None],
            ]
        )
    )

    assert problems(rejected(path)) == [(4, "bad_date")]

    path.write_bytes(
        xlsx_bytes(
            [
                ["code", "name", "kind", "parent_code", "valid_from"],
                ["DK-VP", "Văn phòng", "Phòng", 11692, dt.datetime(2025, 8, 1)],
            ]
        )
    )
    summary = import_file(path)

    office = Unit.objects.get(code="DK-VP")
    assert (summary.created, office.kind, office.valid_from) == (1, "office", dt.date(2025, 8, 1))


@pytest.mark.django_db
def test_the_example_file_imports_cleanly_on_top_of_the_vn_divisions():
    units_import_vn_divisions(actor=None)
    content = EXAMPLE.read_bytes()

    summary = units_import_table(actor=None, filename=EXAMPLE.name, content=content)
    again = units_import_table(actor=None, filename=EXAMPLE.name, content=content)

    assert summary.created == 10 and summary.differences == []
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)
    duong_kinh = Unit.objects.get(code="11692")
    assert Unit.objects.filter(parent=duong_kinh).count() == 7
    assert Unit.objects.get(code="11692-DTN").parent.code == "11692-MTTQ"


def test_a_dry_run_saves_nothing(tree, tmp_path):
    path = write(tmp_path, HEADER + "DK-VP,Văn phòng,,,office,11692,,\n")

    summary = import_file(path, dry_run=True)

    assert summary.created == 1 and summary.dry_run
    assert not Unit.objects.filter(code="DK-VP").exists()


# ---------------------------------------------------------------------------- bad files


def test_a_duplicate_code_inside_the_file(tree, tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "DK-1,Phòng A,,,office,11692,,\n"
        + "DK-2,Phòng B,,,office,11692,,\n"
        + "DK-1,Phòng C,,,office,11692,,\n",
    )
    assert problems(rejected(path)) == [(4, "duplicate_code")]


def test_an_unknown_parent_code(tree, tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "DK-1,Phòng A,,,office,99999,,\n"
        + "DK-2,Tổ B,,,office,DK-3,,\n"  # its parent comes only later
        + "DK-3,Phòng C,,,office,11692,,\n",
    )
    errors = rejected(path).errors
    assert [(e.row, e.code, e.column) for e in errors] == [
        (2, "unknown_parent", "parent_code"),
        (3, "unknown_parent", "parent_code"),
    ]


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1", "utf-16"])
def test_a_file_not_in_utf8_is_refused_with_how_to_save_it(tree, tmp_path, encoding):
    text = HEADER + "DK-1,Phòng Tư pháp,,,office,11692,,\n"
    if encoding == "latin-1":
        text = HEADER + "DK-1,Phòng Tài chính,,,office,11692,,\n"  # 'à' exists in latin-1
    path = write(tmp_path, text, encoding=encoding)

    exc = rejected(path)

    assert problems(exc) == [(0, "encoding")]
    with translation.override("en"):
        assert "CSV UTF-8" in str(rejected(path).errors[0])


@pytest.mark.parametrize("missing", ["name", "kind"])
def test_a_missing_required_column(tree, tmp_path, missing):
    columns = ["code", "name", "kind", "parent_code"]
    values = {"code": "DK-1", "name": "Phòng A", "kind": "office", "parent_code": "11692"}
    kept = [c for c in columns if c != missing]
    path = write(tmp_path, ",".join(kept) + "\n" + ",".join(values[c] for c in kept) + "\n")

    errors = rejected(path).errors

    assert [(e.row, e.code, e.column) for e in errors] == [(1, "missing_column", missing)]


def test_an_unknown_kind(tree, tmp_path):
    path = write(tmp_path, HEADER + "DK-1,HTX Dương Kinh,,,hợp tác xã,11692,,\n")
    assert problems(rejected(path)) == [(2, "unknown_kind")]


@pytest.mark.parametrize("day", ["31/02/2025", "2025-02-30", "1/13/2025", "hôm qua"])
def test_an_impossible_date(tree, tmp_path, day):
    path = write(tmp_path, HEADER + f"DK-1,Phòng A,,,office,11692,{day},\n")
    assert problems(rejected(path)) == [(2, "bad_date")]


def test_an_invalid_email(tree, tmp_path):
    path = write(
        tmp_path,
        HEADER + 'DK-1,Phòng A,,,office,11692,,"a@example.vn, noivuduongkinh@@gmali"\n',
    )
    assert problems(rejected(path)) == [(2, "bad_email")]


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"\n\n  \n", HEADER.encode(), (HEADER + ",,,,,,,\n\n").encode()],
)
def test_an_empty_file(db, tmp_path, content):
    path = tmp_path / "units.csv"
    path.write_bytes(content)
    assert problems(rejected(path)) == [(0, "empty")]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("units.txt", HEADER.encode()),
        ("units.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel"),
        ("units.xlsx", HEADER.encode()),  # a CSV renamed .xlsx: not a zip
        ("units.xlsx", b"PK\x03\x04 a broken zip"),
        ("units.csv", xlsx_bytes([["code", "name", "kind"]])),  # a workbook named .csv
    ],
)
def test_a_file_that_is_neither_csv_nor_xlsx(db, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    assert problems(rejected(path)) == [(0, "bad_format")]


def test_every_bad_row_is_reported_at_once_with_spreadsheet_row_numbers(tree, tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "DK-1,Phòng A,,,office,11692,31/02/2025,\n"  # row 2: date
        + "DK-1,Phòng B,,,phong,11692,,a@b\n"  # row 3: e-mail and duplicate code
        + "\n"  # row 4: blank, still counted
        + "DK-3,,,,,99999,,\n"  # row 5: name, kind, parent
        + "DK-4,Phòng Mới,,,office,11692,2025-01-01,\n"  # row 6: before the ward existed
        + "DK-5,Phòng Một,,,office,11692,,\n"
        + ",Phòng Một,,,office,11692,,\n",  # row 8: same name twice under one parent
    )

    exc = rejected(path)

    assert sorted(problems(exc)) == [
        (2, "bad_date"),
        (3, "bad_email"),
        (3, "duplicate_code"),
        (5, "required"),
        (5, "required"),
        (5, "unknown_parent"),
        (6, "parent_not_valid"),
        (8, "duplicate_name"),
    ]


def test_a_code_held_by_an_ended_unit_for_an_overlapping_period_is_refused(tree, tmp_path):
    old = make_unit("Phòng cũ", UnitKind.OFFICE, code="DK-1")
    unit_dissolve(actor=None, unit=old, on=dt.date(2025, 9, 1))
    path = write(tmp_path, HEADER + "DK-1,Phòng A,,,office,,2025-01-01,\n")

    assert problems(rejected(path)) == [(2, "code_taken")]


@pytest.mark.clock(2026, 12, 2)
def test_rows_dated_in_the_future_are_matched_on_the_next_run(tree, tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "DK-1,Phòng A,,,office,11692,2027-07-01,\n"
        + ",Phòng B,,,office,11692,2027-07-01,\n",
    )
    import_file(path)

    again = import_file(path)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Unit.objects.filter(name__in=["Phòng A", "Phòng B"]).count() == 2


def test_the_command_lists_every_bad_row_and_fails(tree, tmp_path):
    path = write(
        tmp_path,
        HEADER + "DK-1,Phòng A,,,office,99999,,\n" + "DK-2,Phòng B,,,xyz,11692,,\n",
    )
    err = io.StringIO()

    with translation.override("en"), pytest.raises(CommandError) as caught:
        call_command("import_units", str(path), stderr=err)

    assert "2 problems" in str(caught.value)
    assert "Row 2, column parent_code" in err.getvalue()
    assert "[unknown_kind]" in err.getvalue()
    assert not Unit.objects.filter(code__in=["DK-1", "DK-2"]).exists()


def test_the_command_prints_what_it_did(tree, tmp_path):
    path = write(tmp_path, HEADER + "DK-1,Phòng A,,,office,11692,,\n")
    out = io.StringIO()

    with translation.override("en"):
        call_command("import_units", str(path), stdout=out)
        call_command("import_units", str(path), stdout=out)

    assert "1 created, 0 updated, 0 unchanged." in out.getvalue()
    assert "0 created, 0 updated, 1 unchanged." in out.getvalue()


# ---------------------------------------------------------------------------- properties


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_both_date_spellings_read_back_the_same_day(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.csv", "a.xlsx", "a.txt"]))
def test_any_bytes_are_read_or_refused_never_crash(content, name):
    try:
        read_table(filename=name, content=content)
    except ImportRejected as exc:
        assert exc.errors and all(error.code for error in exc.errors)
