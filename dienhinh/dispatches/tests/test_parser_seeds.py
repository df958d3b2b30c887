"""The two real dispatches must parse completely: the city board's (seed 000) and the
district's relay of it (seed 002, with PDF-extraction line breaks)."""

from pathlib import Path

import pytest

from dienhinh.dispatches.parser import parse_text

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CITY = (SAMPLES / "city-785-BTDKT-THHC.txt").read_text(encoding="utf-8")
DISTRICT = (SAMPLES / "district-UBND-NV-duong-kinh.txt").read_text(encoding="utf-8")

CITY_EXPECTED = {
    # The register number was left blank in the text ("Số: /BTĐKT-THHC"): not guessed.
    "number": None,
    "symbol": "BTĐKT-THHC",
    "date": None,  # "ngày tháng 9 năm 2023": the day is blank
    "issuer": "Ban Thi đua - Khen thưởng",  # no header: read from the body's own voice
    "issuer_above": None,
    "subject": "tăng cường công tác tuyên truyền phong trào thi đua yêu nước, điển hình tiên tiến",
    "recipients": [
        "Các sở, ban, ngành, đoàn thể, đơn vị thuộc thành phố",
        "Ủy ban nhân dân các quận, huyện",
    ],
    "distribution": [
        "Như trên",
        "Ban TĐKT TW",
        "GD, PGD SNV Hoàng Văn Đức (để b/c)",
        "Lãnh đạo Ban",
        "Các phòng thuộc Ban (để thực hiện)",
        "Lưu: VT",
    ],
    "signer": {"name": "Vũ Thị Hương", "title": "TRƯỞNG BAN"},
    "references": [
        {
            "number": "2306/BTĐKT-TTTT-TT",
            "date": "2023-08-22",
            "issuer": "Ban Thi đua - Khen thưởng Trung ương",
        }
    ],
    "asks_for_examples": True,
    "cadence": "monthly",
    "quota": {"min": 1, "max": None},
    "deadlines": [
        {
            "text": "trước ngày 15 hàng tháng",
            "relation": "before",
            "day": 15,
            "month": None,
            "in": "month",
            "date": None,
            "from": None,
            "to": "Ban Thi đua - Khen thưởng",
        }
    ],
    "emails": [
        {
            "address": "hdtckt@haiphong.gov.vn",
            "suspect": False,
            "suggestion": None,
            "corrected": None,
        }
    ],
    "channels": [
        "Đài Phát thanh và Truyền hình Hải Phòng",
        "Báo Hải Phòng",
        "Đặc san Thi đua - Khen thưởng",
        "Cổng Thông tin điện tử Ban Thi đua - Khen thưởng Trung ương",
        "Trang Thông tin điện tử tổng hợp Thi đua - Khen thưởng",
    ],
}

DISTRICT_EXPECTED = {
    "number": None,  # "Số:           /UBND-NV"
    "symbol": "UBND-NV",
    "date": None,  # "Dương Kinh, ngày       tháng 9 năm 2023"
    "issuer": "ỦY BAN NHÂN DÂN QUẬN DƯƠNG KINH",
    "issuer_above": None,
    "subject": "tăng cường công tác tuyên truyền phong trào thi đua yêu nước, điển hình tiên tiến",
    "recipients": [
        "Các ban đảng, đoàn thể thuộc quận",
        "Các phòng thuộc quận",
        "Các đơn vị sự nghiệp thuộc quận",
        "Ủy ban nhân dân các phường",
    ],
    "distribution": ["Như trên", "CT, các PCT UBND quận", "Lưu: VT, NV"],
    "signer": {"name": "Nguyễn Minh Phương", "title": "TM. UỶ BAN NHÂN DÂN / CHỦ TỊCH"},
    "references": [
        {
            "number": "785/BTĐKT-THHC",  # broken over two lines in the text
            "date": "2023-09-12",
            "issuer": "Ban Thi đua khen thưởng sở Nội vụ thành phố",
        }
    ],
    "asks_for_examples": True,
    "cadence": "monthly",
    "quota": {"min": 1, "max": None},
    "deadlines": [
        {
            "text": "vào ngày 15 hàng tháng",
            "relation": "on",
            "day": 15,
            "month": None,
            "in": "month",
            "date": None,
            "from": None,
            "to": "UBND quận (qua phòng Nội vụ)",
        },
        {
            "text": "vào ngày 17 hàng tháng",
            "relation": "on",
            "day": 17,
            "month": None,
            "in": "month",
            "date": None,
            "from": "Phòng Nội vụ",
            "to": "Ban Thi đua khen thưởng Sở Nội vụ thành phố",
        },
    ],
    "emails": [
        {
            "address": "noivuduongkinh@gmali.com",
            "suspect": True,
            "suggestion": "gmail.com",
            "corrected": "noivuduongkinh@gmail.com",
        }
    ],
    "channels": [
        "Cổng thông tin điện tử quận, phường",
        "hệ thống truyền thanh của phường",
        "Đặc san Thi đua - Khen thưởng",
        "Cổng Thông tin điện tử Ban Thi đua - Khen thưởng sở Nội vụ",
        "trang Thông tin điện tử tổng hợp Thi đua - Khen thưởng",
    ],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [(CITY, CITY_EXPECTED), (DISTRICT, DISTRICT_EXPECTED)],
    ids=["the city's dispatch 785", "the district's relay"],
)
def test_each_seed_parses_completely(text, expected):
    parsed = parse_text(text)
    parsed.pop("spans")
    assert parsed == expected


def test_every_span_points_at_the_text_the_value_was_read_from():
    parsed = parse_text(CITY)
    start, end = parsed["spans"]["deadlines"][0]
    assert CITY[start:end] == "trước ngày 15 hàng tháng"
    start, end = parsed["spans"]["emails"][0]
    assert CITY[start:end] == "hdtckt@haiphong.gov.vn"
    start, end = parsed["spans"]["signer"]
    assert CITY[start:end].startswith("TRƯỞNG BAN") and CITY[start:end].endswith("Vũ Thị Hương")


def test_a_span_over_a_line_break_covers_both_pieces_of_the_number():
    parsed = parse_text(DISTRICT)
    start, end = parsed["spans"]["references"][0]
    cited = DISTRICT[start:end]
    assert "785/BTĐKT-" in cited and "THHC" in cited and "\n" in cited


def test_the_district_dispatch_names_its_own_office_as_the_sender_of_the_second_tier():
    deadlines = parse_text(DISTRICT)["deadlines"]
    assert [(d["day"], d["from"]) for d in deadlines] == [(15, None), (17, "Phòng Nội vụ")]


def test_the_seeds_read_the_same_without_diacritics():
    from dienhinh.dispatches.textview import fold_aligned

    parsed = parse_text(fold_aligned(DISTRICT).upper().replace("\n\n", "\n"))
    assert parsed["asks_for_examples"] is True
    assert parsed["cadence"] == "monthly"
    assert [(d["relation"], d["day"]) for d in parsed["deadlines"]] == [("on", 15), ("on", 17)]
    assert parsed["references"][0]["number"] == "785/BTDKT-THHC"
