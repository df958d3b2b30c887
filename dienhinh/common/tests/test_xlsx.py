"""common.xlsx: user text is written as text, whatever it starts with."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from dienhinh.common.xlsx import FORMULA_STARTS, append, put


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_text_starting_like_a_formula_comes_back_as_the_same_text(start):
    book = Workbook()
    value = f"{start}1+cmd|' /C calc'!A0"
    put(book.active["A1"], value)
    buffer = io.BytesIO()
    book.save(buffer)
    cell = load_workbook(buffer).active["A1"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)


def test_ordinary_values_keep_their_type_and_append_fills_the_next_row():
    book = Workbook()
    sheet = book.active
    assert append(sheet, ["Phường Hưng Đạo", 3, None]) == 1
    assert append(sheet, ["Phường Anh Dũng", 0, 1.5]) == 2
    assert sheet["A1"].quotePrefix is False
    assert (sheet["B2"].value, sheet["B2"].data_type) == (0, "n")
