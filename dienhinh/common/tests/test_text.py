import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from dienhinh.common.text import fold


def test_plain_upper_case_and_accented_spellings_fold_the_same():
    assert fold("duong kinh") == fold("DUONG KINH") == fold("Dương Kinh") == "duong kinh"


def test_d_with_stroke_folds_to_d_in_both_cases():
    assert fold("đ") == fold("Đ") == "d"
    assert fold("Đa Phúc") == "da phuc"


def test_the_capital_eth_lookalike_of_d_with_stroke_folds_to_d():
    # Ð (U+00D0) is drawn exactly like Đ (U+0110) and turns up in text converted from old
    # Vietnamese encodings; its lower case ð is already mapped to d.
    assert fold("\u00d0a Phúc") == fold("Đa Phúc") == "da phuc"


def test_composed_and_decomposed_input_fold_the_same():
    composed = unicodedata.normalize("NFC", "Phường Dương Kinh")
    decomposed = unicodedata.normalize("NFD", "Phường Dương Kinh")
    assert composed != decomposed
    assert fold(composed) == fold(decomposed) == "phuong duong kinh"


def test_whitespace_is_collapsed_and_trimmed():
    assert fold("  Phường \t Hưng\n\nĐạo\u00a0 ") == "phuong hung dao"


def test_nothing_folds_to_the_empty_string():
    assert fold(None) == ""
    assert fold("") == ""
    assert fold(" \t\n") == ""


def test_the_tone_marks_of_every_vowel_are_stripped():
    assert fold("àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị") == (
        "aaaaa aaaaaa aaaaaa eeeee eeeeee iiiii"
    )
    assert fold("òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ") == (
        "ooooo oooooo oooooo uuuuu uuuuuu yyyyy"
    )


@example("\u00d0")
@given(st.text())
def test_fold_never_raises_and_folding_twice_changes_nothing(text):
    once = fold(text)
    assert isinstance(once, str)
    assert fold(once) == once


def test_a_stored_name_loses_control_zero_width_and_direction_override_characters():
    from dienhinh.common.text import clean_line

    assert clean_line("Phường\x00 Hưng\u200b Đạo\u202e\t ") == "Phường Hưng Đạo"
    assert clean_line("Phu\u031bo\u031b\u0300ng") == "Phường"  # composed (NFC)


def test_stored_text_keeps_its_lines_but_not_their_trailing_spaces():
    from dienhinh.common.text import clean_text

    assert clean_text("Dòng một  \r\nDòng hai\x07\n\n") == "Dòng một\nDòng hai"
