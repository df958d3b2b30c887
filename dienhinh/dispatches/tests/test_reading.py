"""Reading an uploaded dispatch into text, or refusing it (reading.py, legacy_encodings.py).

No database. The PDFs with a text layer are fixtures printed by Chromium (see
fixtures/make_fixtures.py); every other file is made here: .docx files with python-docx,
image-only PDFs with Pillow, password-protected PDFs with pypdf. Refusals are checked in
Vietnamese, the language users see.
"""

import io
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from django.utils import translation
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader, PdfWriter

from dienhinh.dispatches import reading
from dienhinh.dispatches.legacy_encodings import (
    from_tcvn3,
    from_vni,
    is_syllable,
    to_tcvn3,
    to_vni,
)
from dienhinh.dispatches.reading import (
    DispatchReadError,
    ExtractedText,
    detect_legacy_encoding,
    extract_text,
    max_upload_bytes,
)

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SAMPLES = HERE.parent / "samples"
CITY = (SAMPLES / "city-785-BTDKT-THHC.txt").read_text(encoding="utf-8")
DISTRICT = (SAMPLES / "district-UBND-NV-duong-kinh.txt").read_text(encoding="utf-8")

EMPTY = "Tệp trống: không có nội dung để đọc."
NOT_TEXT = "Tệp này không phải là tệp văn bản, dù tên tệp có đuôi .txt."
UNKNOWN_ENCODING = (
    "Không nhận diện được bảng mã của tệp văn bản. Hãy lưu tệp theo bảng mã UTF-8 rồi tải lên lại."
)
TCVN3_REFUSED = (
    "Văn bản dùng bảng mã TCVN3 (ABC) (phông chữ .VnTime, .VnTimeH…) nên không đọc được. Hãy "
    "chuyển văn bản sang bảng mã Unicode rồi tải lên lại."
)
VNI_REFUSED = (
    "Văn bản dùng bảng mã VNI (phông chữ VNI-Times…) nên không đọc được. Hãy chuyển văn bản "
    "sang bảng mã Unicode rồi tải lên lại."
)
LEGACY_DOC = (
    "Không đọc được tệp Word định dạng cũ (.doc). Hãy mở tệp bằng Word, lưu lại dưới dạng "
    ".docx hoặc PDF rồi tải lên lại."
)
DOCX_DAMAGED = "Tệp .docx bị hỏng hoặc không phải là văn bản Word."
PDF_DAMAGED = "Tệp PDF bị hỏng hoặc không phải là tệp PDF."
PDF_PROTECTED = "Tệp PDF đã được đặt mật khẩu. Hãy gỡ mật khẩu hoặc tải lên tệp .docx gốc."
NOTHING_RECOGNISED = (
    "Không nhận dạng được chữ nào trong bản quét hoặc ảnh chụp. Hãy chụp hoặc quét lại công văn "
    "đặt phẳng, đủ sáng, lấy trọn cả trang, rồi tải lên lại."
)
UNSUPPORTED = (
    "Không đọc được tệp định dạng .%s. Hãy tải lên tệp .txt, .docx, .pdf hoặc ảnh chụp, bản "
    "quét (.jpg, .png)."
)
ONLY = "Chỉ đọc được tệp .txt, .docx, .pdf và ảnh chụp, bản quét."


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def refusal(data: bytes, filename: str) -> str:
    """The Vietnamese message extract_text refuses the file with."""
    with translation.override("vi"), pytest.raises(DispatchReadError) as caught:
        extract_text(data, filename)
    assert caught.value.field == "file"
    return caught.value.message


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


# --- Building .docx and PDF files -----------------------------------------------------------


def header_table(document, left: list[str], right: list[str]):
    """The two-column header of a Vietnamese dispatch, one paragraph per line."""
    table = document.add_table(rows=1, cols=2)
    for cell, paragraphs in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = paragraphs[0]
        for text in paragraphs[1:]:
            cell.add_paragraph(text)
    return table


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def district_docx() -> bytes:
    document = docx.Document()
    header_table(
        document,
        ["ỦY BAN NHÂN DÂN", "QUẬN DƯƠNG KINH", "Số: 12/UBND-NV", "V/v tăng cường công tác"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Dương Kinh, ngày 15 tháng 9 năm 2023",
        ],
    )
    document.add_paragraph("Kính gửi: Ủy ban nhân dân các phường.")
    document.add_paragraph("Ủy ban nhân dân quận đề nghị các đơn vị quan tâm thực hiện./.")
    header_table(
        document,
        ["Nơi nhận:", "- Như trên;", "- Lưu: VT, NV."],
        ["TM. UỶ BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Minh Phương"],
    )
    return docx_bytes(document)


def image_pdf(pages: int = 1) -> bytes:
    scans = [Image.new("RGB", (620, 877), "white") for _ in range(pages)]
    buffer = io.BytesIO()
    scans[0].save(buffer, "PDF", save_all=True, append_images=scans[1:])
    return buffer.getvalue()


def encrypted_pdf(*, user_password: str, owner_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fixture("city-785-BTDKT-THHC.pdf"))))
    # RC4: pypdf encrypts and decrypts it without the optional `cryptography` package.
    writer.encrypt(user_password, owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def windows_1258(text: str) -> bytes:
    """Vietnamese as Windows' Vietnamese code page stores it: ă, â, ê, ô, ơ, ư and đ are
    letters of their own, the tone is a combining mark after the letter."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in parts if c in tones)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tone)
    return "".join(out).encode("cp1258")


# --- Plain text -----------------------------------------------------------------------------


@pytest.mark.parametrize("sample", [CITY, DISTRICT], ids=["city", "district"])
def test_the_sample_dispatches_read_from_utf8_text_exactly_as_written(sample):
    result = extract_text(sample.encode("utf-8"), "cong-van.txt")
    assert result == ExtractedText(text=sample, kind="txt", pages=None)


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffSố: 785/BTĐKT-THHC".encode(),
        "\ufeffSố: 785/BTĐKT-THHC".encode("utf-16-le"),
        "\ufeffSố: 785/BTĐKT-THHC".encode("utf-16-be"),
        "\ufeffSố: 785/BTĐKT-THHC".encode("utf-32-le"),
    ],
    ids=["utf-8 with BOM", "utf-16-le", "utf-16-be", "utf-32-le"],
)
def test_a_text_with_a_byte_order_mark_reads_without_it(data):
    assert extract_text(data, "cong-van.txt").text == "Số: 785/BTĐKT-THHC"


def test_the_text_is_normalised_without_being_restructured():
    decomposed = unicodedata.normalize("NFD", "Hải Phòng")  # as macOS writes names
    raw = (
        f"{decomposed},\u00a0ngày 12\r\nKính gửi:\r- Các sở;\x0b- Các quận\x07\x1b\n\n"
        "\tTRƯỞNG BAN\u2028Vũ Thị Hương\x85\ufeff"
    )
    text = extract_text(raw.encode("utf-8"), "cong-van.txt").text
    assert text == (
        "Hải Phòng, ngày 12\nKính gửi:\n- Các sở;\n- Các quận\n\n\tTRƯỞNG BAN\nVũ Thị Hương\n"
    )
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("data", [b"", b"   \r\n\t \n"], ids=["no bytes", "whitespace"])
@pytest.mark.parametrize("filename", ["cong-van.txt", "cong-van.docx", "cong-van.pdf"])
def test_an_empty_file_is_refused_as_empty(data, filename):
    assert refusal(data, filename) == EMPTY


@pytest.mark.parametrize(
    "data", ["\ufeff".encode(), "\ufeff \n\u00a0".encode("utf-16"), "\u00a0\u2003\n".encode()]
)
def test_a_text_file_with_nothing_but_a_bom_or_blanks_is_refused_as_empty(data):
    assert refusal(data, "cong-van.txt") == EMPTY


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        b"PK\x03\x04" + b"x" * 200,
        b"%PDF-1.7\n" + b"x" * 200,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"x" * 200,
        "Số: 785\x00/BTĐKT".encode(),
        b"Some text\x01\x02\x03\x04\x05\x06 with many controls\x10\x11\x12\x13",
    ],
    ids=["png", "zip", "pdf", "old word", "a NUL byte", "control characters"],
)
def test_a_binary_file_renamed_txt_is_refused_as_not_a_text_file(data):
    assert refusal(data, "cong-van.txt") == NOT_TEXT


def test_a_few_stray_control_characters_are_removed_not_refused():
    text = "Kính gửi: các đơn vị thuộc thành phố, các quận, huyện\x07 và các phường.\n"
    assert extract_text(text.encode("utf-8"), "x.txt").text == text.replace("\x07", "")


@pytest.mark.parametrize(
    "data",
    [
        "L'été à Paris, où l'on a visité le musée.".encode("cp1252"),
        windows_1258("Công văn gửi các đơn vị thuộc thành phố về việc tuyên truyền"),
        "Привет, это текст в кодировке Windows-1251.".encode("cp1251"),
    ],
    ids=["french in windows-1252", "vietnamese in windows-1258", "russian in windows-1251"],
)
def test_a_text_in_another_8_bit_encoding_is_refused_asking_for_utf8(data):
    assert refusal(data, "cong-van.txt") == UNKNOWN_ENCODING


# --- Legacy Vietnamese encodings (TCVN3, VNI) ---------------------------------------------------


LOWERCASE = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# The published code charts, letter by letter in the order above (TCVN3 as Windows-1252 shows
# its bytes; ư is 0xAD, the soft hyphen).
TCVN3_CODES = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ"
VNI_CODES = (
    "aø aù aû aõ aï aê aè aé aú aü aë aâ aà aá aå aã aä ñ eø eù eû eõ eï eâ eà eá eå eã eä "
    "ì í æ ó ò oø où oû oõ oï oâ oà oá oå oã oä ô ôø ôù ôû ôõ ôï uø uù uû uõ uï ö öø öù öû öõ "
    "öï yø yù yû yõ î"
)


def test_every_vietnamese_letter_has_the_code_of_the_published_charts():
    vni_codes = VNI_CODES.split()
    assert len(LOWERCASE) == len(TCVN3_CODES) == len(vni_codes) == 67
    assert [to_tcvn3(letter) for letter in LOWERCASE] == list(TCVN3_CODES)
    assert [to_vni(letter) for letter in LOWERCASE] == vni_codes
    assert [to_vni(letter.upper()) for letter in LOWERCASE] == [c.upper() for c in vni_codes]


def test_the_tcvn3_table_gives_the_codes_the_vntime_fonts_use():
    assert to_tcvn3("ộ à ã ủ ĩ ệ") == "é µ · ñ Ü Ö"
    assert to_tcvn3("Cộng hoà xã hội chủ nghĩa Việt Nam") == "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
    assert to_tcvn3("Độc lập - Tự do - Hạnh phúc") == "§éc lËp - Tù do - H¹nh phóc"
    # ư is the soft hyphen (0xAD); the capitals with a tone use the lowercase codes (.VnTimeH).
    assert to_tcvn3("Người được") == "Ng\u00adêi \u00ae\u00adîc"
    assert to_tcvn3("CỘNG HÒA") == "CéNG HßA"
    assert to_tcvn3("ĂÂÊÔƠƯĐ ăâêôơưđ") == "¡¢£¤¥¦§ ¨©ª«¬\u00ad®"


def test_the_vni_table_writes_the_base_letter_then_its_marks():
    assert to_vni("ộ ò õ ủ ĩ ệ") == "oä oø oõ uû ó eä"
    assert (
        to_vni("Cộng hòa xã hội chủ nghĩa Việt Nam") == "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"
    )
    assert to_vni("Xin chào các bạn") == "Xin chaøo caùc baïn"
    assert to_vni("Độc lập - Tự do - Hạnh phúc") == "Ñoäc laäp - Töï do - Haïnh phuùc"
    assert to_vni("NGUYỄN VĂN ĐỨC, thuỷ, ỵ") == "NGUYEÃN VAÊN ÑÖÙC, thuyû, î"


@pytest.mark.parametrize("sample", [CITY, DISTRICT], ids=["city", "district"])
def test_decoding_the_legacy_encodings_gives_back_the_text(sample):
    assert from_vni(to_vni(sample)) == sample
    # TCVN3 has no capitals with a tone: they come back lowercase.
    assert from_tcvn3(to_tcvn3(sample.lower())) == sample.lower()


@pytest.mark.parametrize(
    ("word", "valid"),
    [
        ("người", True),
        ("nghĩa", True),
        ("quốc", True),
        ("giữa", True),
        ("khuya", True),
        ("huỳnh", True),
        ("xoong", True),
        ("việt", True),
        ("ộtộ", False),  # "été" read as TCVN3
        ("fỹr", False),  # "für" read as TCVN3
        ("tèt", False),  # a grave tone never ends in -t
        ("aim", False),  # a vowel group ending in a glide takes no final consonant
        ("hộỉ", False),  # two tones
    ],
)
def test_a_vietnamese_syllable_is_recognised_by_its_spelling(word, valid):
    assert is_syllable(word) is valid


@pytest.mark.parametrize(
    "text",
    [
        CITY,
        DISTRICT,
        "The Committee asks every unit to send one example each month, before the 15th.",
        "L'été dernier, nous sommes allés à Paris où nous avons visité le musée. « Oui », "
        "a-t-il dit : le goût du café était déjà là, même en août. Noël, naïf, maître, où.",
        "Über den Wolken muss die Freiheit wohl grenzenlos sein. Die Mädchen gehen schön "
        "spazieren, für immer. Grüße aus München, Straße, Äpfel, Öl, süß, § 5 Abs. 2.",
        "Samples of 5 µm, 10 µm and 20 µm were measured at 37 °C; the café served naïve "
        "résumé coffee × 3 · ½ price © 2024.",
        "Ban Thi đua - Khen thưởng (Emulation and Commendation Board), tel. 0225 3842 115",
    ],
    ids=["city", "district", "english", "french", "german", "symbols", "mixed"],
)
def test_the_legacy_encoding_detector_stays_quiet_on_unicode_and_foreign_text(text):
    assert detect_legacy_encoding(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "TCVN3"),
        ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "TCVN3"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "VNI"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "VNI"),
        (to_tcvn3(CITY), "TCVN3"),
        (to_vni(CITY), "VNI"),
        (to_tcvn3(DISTRICT), "TCVN3"),
        (to_vni(DISTRICT), "VNI"),
    ],
)
def test_the_legacy_encoding_detector_names_tcvn3_and_vni(text, expected):
    assert detect_legacy_encoding(text) == expected


def test_a_unicode_header_does_not_hide_a_body_typed_in_tcvn3():
    header = DISTRICT[: DISTRICT.index("Ủy ban nhân dân quận Dương Kinh nhận được")]
    body = DISTRICT[len(header) :]
    assert detect_legacy_encoding(header + to_tcvn3(body)) == "TCVN3"


def test_tcvn3_bytes_read_through_windows_1258_are_still_recognised():
    # On a Windows set to Vietnamese, a few TCVN3 codes turn into combining marks.
    data = to_tcvn3(DISTRICT).encode("cp1252", errors="replace")
    text = unicodedata.normalize("NFC", data.decode("cp1258"))
    assert detect_legacy_encoding(text) == "TCVN3"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (to_tcvn3(DISTRICT).encode("cp1252", errors="replace"), TCVN3_REFUSED),
        (to_tcvn3(DISTRICT).encode("utf-8"), TCVN3_REFUSED),
        (to_vni(CITY).encode("cp1252", errors="replace"), VNI_REFUSED),
        (to_vni(CITY).encode("utf-8"), VNI_REFUSED),
        (to_vni(CITY).encode("utf-16"), VNI_REFUSED),
    ],
    ids=["tcvn3 8-bit", "tcvn3 as utf-8", "vni 8-bit", "vni as utf-8", "vni as utf-16"],
)
def test_a_text_file_in_a_legacy_encoding_is_refused_naming_it(data, message):
    assert refusal(data, "cong-van.txt") == message


def test_a_docx_typed_in_vni_is_refused_naming_vni():
    document = docx.Document()
    for line in CITY.split("\n"):
        document.add_paragraph(to_vni(line))
    assert refusal(docx_bytes(document), "cong-van.docx") == VNI_REFUSED


def test_a_pdf_typed_in_tcvn3_is_refused_naming_tcvn3():
    assert refusal(fixture("district-tcvn3.pdf"), "cong-van.pdf") == TCVN3_REFUSED


# --- Names, sizes, types --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "kind"),
    [
        ("CONG VAN.TXT", "txt"),
        ("công văn 785.Docx", "docx"),
        ("C:\\fakepath\\cong-van.PDF", "pdf"),
        ("cong.van.v2.pdf ", "pdf"),
    ],
)
def test_the_extension_chooses_the_reader_whatever_its_case(filename, kind):
    data = {
        "txt": CITY.encode("utf-8"),
        "docx": district_docx(),
        "pdf": fixture("city-785-BTDKT-THHC.pdf"),
    }[kind]
    assert extract_text(data, filename).kind == kind


@pytest.mark.parametrize(
    ("filename", "message"),
    [
        ("cong-van.odt", UNSUPPORTED % "odt"),
        ("cong-van.xlsx", UNSUPPORTED % "xlsx"),
        ("cong-van", ONLY),
        ("cong-van.tar.gz!", ONLY),
        ("", ONLY),
    ],
)
def test_an_unsupported_type_is_refused_listing_the_accepted_ones(filename, message):
    assert refusal(CITY.encode("utf-8"), filename) == message


def test_an_old_word_doc_is_refused_asking_for_docx_or_pdf():
    old_word = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    assert refusal(old_word, "cong-van.doc") == LEGACY_DOC
    assert refusal(old_word, "cong-van.docx") == LEGACY_DOC  # renamed, as people do


def test_the_upload_limit_comes_from_the_settings(settings):
    assert max_upload_bytes() == 20 * 1024 * 1024
    settings.DISPATCH_MAX_UPLOAD_MB = 5
    assert max_upload_bytes() == 5 * 1024 * 1024


@pytest.mark.parametrize("filename", ["cong-van.txt", "cong-van.docx", "cong-van.pdf"])
def test_a_file_over_the_limit_is_refused_naming_the_limit_before_anything_is_parsed(
    settings, monkeypatch, filename
):
    settings.DISPATCH_MAX_UPLOAD_MB = 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(reading, "_read_txt", no_parsing)
    monkeypatch.setattr(reading.docx_text, "read", no_parsing)
    monkeypatch.setattr(reading.pdf_text, "read_pdf", no_parsing)
    data = b"x" * (1024 * 1024 + 1)
    assert refusal(data, filename) == "Tệp có dung lượng 1,1 MB, vượt quá giới hạn 1 MB."
    # Exactly at the limit is accepted (and read).
    monkeypatch.undo()
    settings.DISPATCH_MAX_TEXT_CHARS = 2 * 1024 * 1024
    assert extract_text(b"x" * (1024 * 1024), "cong-van.txt").kind == "txt"


# --- Word .docx -----------------------------------------------------------------------------


def test_a_docx_reads_its_header_table_paragraphs_and_signature_in_document_order():
    text = extract_text(district_docx(), "cong-van.docx").text
    assert text.split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "QUẬN DƯƠNG KINH",
        "Số: 12/UBND-NV",
        "V/v tăng cường công tác",
        "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Dương Kinh, ngày 15 tháng 9 năm 2023",
        "",
        "Kính gửi: Ủy ban nhân dân các phường.",
        "Ủy ban nhân dân quận đề nghị các đơn vị quan tâm thực hiện./.",
        "",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT, NV.",
        "",
        "TM. UỶ BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "",
        "Nguyễn Minh Phương",
        "",
    ]


def test_merged_cells_of_a_docx_table_are_read_once():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    across = table.cell(0, 0).merge(table.cell(0, 2))
    across.text = "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    down = table.cell(1, 0).merge(table.cell(2, 0))
    down.text = "Số: 785/BTĐKT-THHC"
    table.cell(1, 1).text = "Hải Phòng, ngày 12 tháng 9 năm 2023"
    # python-docx itself repeats a merged cell once per grid column it spans:
    assert len({id(cell._tc) for cell in table.rows[0].cells}) == 1 < len(table.rows[0].cells)
    text = extract_text(docx_bytes(document), "cong-van.docx").text
    assert lines(text) == [
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
        "Số: 785/BTĐKT-THHC",
        "Hải Phòng, ngày 12 tháng 9 năm 2023",
    ]


def test_soft_line_breaks_and_tabs_in_a_docx_paragraph_are_kept():
    document = docx.Document()
    paragraph = document.add_paragraph("Nơi nhận:")
    run = paragraph.add_run()
    run.add_break()  # Shift+Enter in Word
    run.add_text("- Như trên;\t(để b/c)")
    run.add_break(WD_BREAK.LINE)
    run.add_text("- Lưu: VT.")
    text = extract_text(docx_bytes(document), "cong-van.docx").text
    assert text == "Nơi nhận:\n- Như trên;\t(để b/c)\n- Lưu: VT."


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_docx_text_in_content_controls_insertions_and_text_boxes_is_read_once():
    document = docx.Document()
    body = document.element.body
    body.insert(
        0,
        parse_xml(
            f"<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>Số: 12/UBND-NV</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        ),
    )
    body.insert(
        1,
        parse_xml(
            f"<w:p {W}><w:r><w:t>Kính gửi: </w:t></w:r><w:ins w:id='1' w:author='a'><w:r>"
            "<w:t>các phường</w:t></w:r></w:ins><w:del w:id='2' w:author='a'><w:r>"
            "<w:delText>các xã</w:delText></w:r></w:del></w:p>"
        ),
    )
    text_box = (
        "<w:txbxContent><w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>"
        "</w:txbxContent>"
    )
    body.insert(
        2,
        parse_xml(
            f'<w:p {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
            ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
            ' xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent>'
            f"<mc:Choice Requires='wps'><wps:txbx>{text_box}</wps:txbx></mc:Choice>"
            f"<mc:Fallback><w:pict><v:textbox>{text_box}</v:textbox></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r></w:p>"
        ),
    )
    text = extract_text(docx_bytes(document), "cong-van.docx").text
    assert lines(text) == [
        "Số: 12/UBND-NV",
        "Kính gửi: các phường",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]


def test_a_docx_without_any_text_is_refused_as_empty():
    document = docx.Document()
    document.add_paragraph("")
    document.add_table(rows=2, cols=2)
    assert refusal(docx_bytes(document), "cong-van.docx") == EMPTY


def zip_of(**entries: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        "Đây là một công văn, không phải tệp Word.".encode(),
        fixture("city-785-BTDKT-THHC.pdf"),
        zip_of(**{"xl__workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"}),
        zip_of(**{"word__document.xml": "<w:document", "[Content_Types].xml": "<Types/>"}),
        district_docx()[:3000],
        district_docx()[:-200],
    ],
    ids=["plain text", "a pdf", "a zip without a document", "no package", "cut", "end cut"],
)
def test_a_damaged_docx_or_one_that_is_not_a_word_document_is_refused(data):
    assert refusal(data, "cong-van.docx") == DOCX_DAMAGED


def test_a_docx_that_would_unpack_to_too_much_is_refused_without_unpacking(monkeypatch):
    monkeypatch.setattr(reading.docx_text, "MAX_DOCX_UNPACKED", 10_000)
    monkeypatch.setattr(reading.docx_text, "_parse", lambda *args: pytest.fail("unpacked"))
    data = zip_of(**{"word__document.xml": "x" * 20_000, "[Content_Types].xml": "<Types/>"})
    assert refusal(data, "cong-van.docx") == DOCX_DAMAGED


# --- PDF ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "pages", "expected"),
    [
        (
            "city-785-BTDKT-THHC.pdf",
            2,
            ["Số: /BTĐKT-THHC", "Hải Phòng, ngày tháng 9 năm 2023", "TRƯỞNG BAN", "Vũ Thị Hương"],
        ),
        (
            "district-UBND-NV-duong-kinh.pdf",
            4,
            [
                "ỦY BAN NHÂN DÂN",
                "QUẬN DƯƠNG KINH",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Nguyễn Minh Phương",
            ],
        ),
    ],
)
def test_a_pdf_with_a_text_layer_reads_as_text(name, pages, expected):
    result = extract_text(fixture(name), name)
    assert (result.kind, result.pages) == ("pdf", pages)
    found = [" ".join(line.split()) for line in result.text.split("\n")]
    for line in expected:
        assert line in found
    assert unicodedata.is_normalized("NFC", result.text)


def test_a_pdf_locked_only_by_an_owner_password_is_read():
    data = encrypted_pdf(user_password="", owner_password="chỉ-chủ-sở-hữu")
    assert "Vũ Thị Hương" in extract_text(data, "cong-van.pdf").text


def test_a_pdf_that_needs_a_password_to_open_is_refused_asking_to_remove_it():
    data = encrypted_pdf(user_password="mat-khau", owner_password="mat-khau-chu")
    assert refusal(data, "cong-van.pdf") == PDF_PROTECTED


@pytest.mark.parametrize("pages", [1, 3])
def test_an_image_only_pdf_of_blank_pages_is_refused_as_having_no_text(pages):
    # Read by text recognition (pages without a text layer), which finds nothing.
    assert refusal(image_pdf(pages), "cong-van-scan.pdf") == NOTHING_RECOGNISED


@pytest.mark.parametrize(
    "data",
    [
        fixture("city-785-BTDKT-THHC.pdf")[:5000],
        fixture("city-785-BTDKT-THHC.pdf")[:-30],
        fixture("city-785-BTDKT-THHC.pdf")[:2000] + b"\x00" * 3000,
        b"%PDF-1.7\n%%EOF\n",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF",
        district_docx(),
        "Công văn số 785".encode(),
    ],
    ids=["truncated", "end cut", "zeroed", "header only", "no pages", "a docx", "plain text"],
)
def test_a_damaged_pdf_or_one_that_is_not_a_pdf_is_refused(data):
    assert refusal(data, "cong-van.pdf") == PDF_DAMAGED


def test_padding_after_the_end_of_a_pdf_is_tolerated():
    data = fixture("city-785-BTDKT-THHC.pdf") + b"\r\n" + b"\x00" * 4096
    assert extract_text(data, "cong-van.pdf").pages == 2


def test_a_pdf_far_longer_than_any_dispatch_is_refused_before_its_text_is_read(monkeypatch):
    writer = PdfWriter()
    for _ in range(201):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    monkeypatch.setattr(reading.pdf_text, "_page_text", lambda *args: pytest.fail("read"))
    assert refusal(buffer.getvalue(), "cong-van.pdf") == (
        "Tệp PDF có 201 trang, trong khi một công văn không dài quá 200 trang. Hãy kiểm tra lại "
        "xem có đúng tệp không."
    )


def test_a_ten_page_dispatch_pdf_is_read_whole():
    # Its speed is measured by bench/parse_dispatch.py (docs/performance.md), not here.
    result = extract_text(fixture("district-10-pages.pdf"), "district-10-pages.pdf")
    assert result.pages == 10
    assert result.text.count("Ủy ban nhân dân quận Dương Kinh nhận được") >= 4
    assert "Nguyễn Minh Phương" in result.text


# --- Anything at all ------------------------------------------------------------------------


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=2048),
        st.binary(max_size=512).map(lambda tail: b"%PDF-1.4\n" + tail + b"\n%%EOF"),
        st.binary(max_size=512).map(lambda tail: b"PK\x03\x04" + tail),
        st.text(max_size=300).map(lambda text: text.encode("utf-8")),
    ),
    extension=st.sampled_from(["txt", "docx", "pdf", "TXT"]),
)
def test_any_bytes_either_read_or_are_refused_with_a_dispatch_read_error(data, extension):
    try:
        result = extract_text(data, f"cong-van.{extension}")
    except DispatchReadError as refused:
        assert refused.field == "file" and refused.message
    else:
        assert isinstance(result, ExtractedText) and result.text.strip()
        assert not any(ord(c) < 32 and c not in "\n\t" for c in result.text)


SEEDS = {
    "pdf": fixture("city-785-BTDKT-THHC.pdf"),
    "docx": district_docx(),
    "txt": CITY.encode("utf-8"),
}


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(sorted(SEEDS)),
    edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=12),
    cut=st.sampled_from([1.0, 1.0, 1.0, 0.9, 0.5, 0.1]),
)
def test_real_files_damaged_anywhere_either_read_or_are_refused_cleanly(kind, edits, cut):
    data = bytearray(SEEDS[kind])
    for where, byte in edits:
        data[min(int(where * len(data)), len(data) - 1)] = byte
    data = bytes(data[: max(1, int(cut * len(data)))])
    try:
        result = extract_text(data, f"cong-van.{kind}")
    except DispatchReadError as refused:
        assert refused.field == "file" and refused.message
    else:
        assert result.kind == kind and result.text.strip()
