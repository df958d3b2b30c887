"""Whatever text comes in, the reader answers with the schema and never crashes."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dienhinh.dispatches.parser import KEYS, parse_text

# Pieces of real dispatches, so random documents reach deep into every rule.
FRAGMENTS = [
    "Số: 785/BTĐKT-THHC",
    "Số:    /UBND-NV",
    "V/v tăng cường công tác tuyên",
    "Kính gửi:",
    "- Các phòng thuộc quận;",
    "Hải Phòng, ngày 12 tháng 9 năm 2023",
    "ngày 31 tháng 02 năm 2024",
    "trước ngày 15 hàng tháng",
    "vào ngày 17 hằng tháng",
    "trước ngày 10 của tháng cuối quý",
    "trước ngày 15 tháng 11 hằng năm",
    "trước ngày 30/11/2024",
    "chậm nhất ngày 99 hàng tháng",
    "giới thiệu tối thiểu 01 gương người tốt, việc tốt",
    "01 – 02 tập thể hoặc cá nhân",
    "Công văn số 2306/BTĐKT-TTTT-TT ngày 22/8/2023 của Ban Thi đua",
    "noivuduongkinh@gmali.com",
    "Báo Hải Phòng",
    "Cổng thông tin điện tử",
    "Nơi nhận:",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Nguyễn Văn A",
    "**",
    "\n",
    "\n\n",
    " ",
    "-",
    "/",
    ",",
]


def _check(result: dict, text: str) -> None:
    assert set(KEYS) <= set(result)
    assert isinstance(result["asks_for_examples"], bool)
    for spans in result["spans"].values():
        pairs = spans if spans and isinstance(spans[0], list) else [spans]
        for start, end in pairs:
            assert 0 <= start <= end <= len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_unicode_text_parses_without_crashing(text):
    _check(parse_text(text), text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(string.printable, max_size=8), max_size=60))
def test_shuffled_pieces_of_dispatches_parse_without_crashing(pieces):
    import unicodedata

    text = unicodedata.normalize("NFC", "".join(pieces))
    _check(parse_text(text), text)


def test_an_empty_text_gives_every_field_empty():
    result = parse_text("")
    assert result["number"] is None and result["recipients"] == []
    assert result["asks_for_examples"] is False and result["deadlines"] == []
