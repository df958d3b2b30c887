"""The reader's time grows in proportion to the text, whatever the text.

A 19 MB text of long lines once took 98 s: rules that looked back to the start of the
sentence for every deadline, scanned to the end of the text for every medium, or retried a
pattern at every character of a long run made the cost grow with the square of the length.
Each case here times the parser on a text and on one eight times as long: in proportion the
ratio is about 8, with the square about 64. The bound (32) leaves room for a machine shared
with other test suites; each timing is the best of five.
"""

import string
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dienhinh.dispatches.parser import parse_text

from .test_parser_properties import FRAGMENTS

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DISTRICT = (SAMPLES / "district-UBND-NV-duong-kinh.txt").read_text(encoding="utf-8")
RATIO = 32
GROWTH = 8


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        parse_text(text)
        best = min(best, time.perf_counter() - started)
    return best


def growth(make, size: int = 10_000) -> float:
    """Time on GROWTH times the text over time on the text, the text made long enough first
    for its time (at least 40 ms) to be above the noise of a busy machine."""
    small = _best_time(make(size))
    while small < 0.04 and size < 160_000:
        size *= 2
        small = _best_time(make(size))
    return _best_time(make(GROWTH * size)) / small


def repeat(piece: str):
    return lambda size: (piece * (size // len(piece) + 1))[:size]


PATHOLOGICAL = {
    # one endless sentence full of deadlines and the organisations they go to
    "deadlines in one long line": repeat(
        "giới thiệu gương người tốt trước ngày 15 hàng tháng gửi về Ban Thi đua "
    ),
    # asks for examples with no full stop anywhere
    "asks without a full stop": repeat("gửi gương "),
    # media names that never end
    "media names without an end": repeat("Báo Cổng thông tin "),
    # a run of characters an e-mail address may hold, without an @
    "a run of hyphens": repeat("-"),
    "a run of dots and letters": repeat("a.b_c-"),
    "the seed on one line": repeat(DISTRICT.replace("\n", " ")),
    "the seed many times": repeat(DISTRICT),
    "many short lines": repeat("a\n"),
    "many capital header lines": repeat("ỦY BAN NHÂN DÂN TỈNH\n"),
    "many number lines": repeat("Số: 12/UBND-NV-\n"),
    "many addressee bullets": lambda size: "Kính gửi:\n" + repeat("- Các phòng, ban;\n")(size),
    "dates everywhere": repeat("Hà Nội, ngày 12 tháng 9 năm 2023 "),
    "references without end": repeat("Công văn số 12/UBND-NV ngày 1/2/2023 của Ban "),
    "digits and slashes": repeat("1/2/"),
    "spaces": repeat(" "),
    "quota words": repeat("tối thiểu 01 gương người tốt, việc tốt, "),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_reading_time_grows_in_proportion_to_the_text(name):
    assert growth(PATHOLOGICAL[name]) < RATIO


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(
        st.sampled_from(FRAGMENTS) | st.text(string.printable, min_size=1, max_size=6),
        min_size=1,
        max_size=12,
    )
)
def test_any_mix_of_dispatch_pieces_repeated_grows_in_proportion(pieces):
    unit = " ".join(pieces)
    assert growth(repeat(unit), size=5_000) < RATIO
