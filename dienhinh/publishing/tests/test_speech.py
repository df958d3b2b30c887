"""Text for the loudspeakers: numbers, dates, times and abbreviations read as words."""

import pytest

from ..speech import date_words, number_words, reading_minutes, spoken


@pytest.mark.parametrize(
    "number, words",
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1005, "một nghìn không trăm linh năm"),
        (2023, "hai nghìn không trăm hai mươi ba"),
        (50_000, "năm mươi nghìn"),
        (2_500_000, "hai triệu năm trăm nghìn"),
    ],
)
def test_whole_numbers_are_read_as_vietnamese_words(number, words):
    assert number_words(number) == words


def test_dates_are_read_the_way_announcers_say_them():
    assert date_words(2, 9, 1945) == (
        "ngày mồng hai tháng chín năm một nghìn chín trăm bốn mươi lăm"
    )
    assert date_words(15, 4) == "ngày mười lăm tháng tư"


def test_abbreviations_dates_times_and_amounts_are_spelled_out():
    text = spoken(
        "UBND phường và Ban TĐKT khen thưởng 15 hộ ngày 2/9/2023 lúc 19h30, "
        "tặng 50.000 đồng; 12,5% hộ nghèo."
    )
    assert text == (
        "Ủy ban nhân dân phường và Ban thi đua, khen thưởng khen thưởng mười lăm hộ ngày "
        "mồng hai tháng chín năm hai nghìn không trăm hai mươi ba lúc mười chín giờ ba mươi "
        "phút, tặng năm mươi nghìn đồng; mười hai phẩy năm phần trăm hộ nghèo."
    )


def test_an_abbreviation_inside_a_longer_word_is_left_alone():
    assert spoken("BTĐKT") == "Ban Thi đua - Khen thưởng"
    assert spoken("TPHCM") == "TPHCM"


def test_reading_time_is_whole_minutes_at_the_given_pace():
    assert reading_minutes("một " * 130, pace=130) == 1
    assert reading_minutes("một " * 131, pace=130) == 2
    assert reading_minutes("", pace=130) == 1
