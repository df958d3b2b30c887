"""The one date formatter: days, times in Việt Nam, document date lines, period names."""

import datetime as dt

import pytest
from django.utils import translation

from dienhinh.common.dates import period_label, vn_date, vn_datetime, vn_long_date


def test_a_day_is_written_day_month_year_with_two_digit_day_and_month():
    assert vn_date(dt.date(2023, 10, 5)) == "05/10/2023"
    assert vn_date(None) == ""


def test_an_instant_is_written_in_vietnam_time_even_when_it_is_already_tomorrow_there():
    late_evening_utc = dt.datetime(2026, 11, 30, 17, 30, tzinfo=dt.UTC)
    assert vn_date(late_evening_utc) == "01/12/2026"
    assert vn_datetime(late_evening_utc) == "00:30 01/12/2026"


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (dt.date(2023, 10, 17), "ngày 17 tháng 10 năm 2023"),
        (dt.date(2023, 2, 5), "ngày 05 tháng 02 năm 2023"),
        (dt.date(2024, 3, 9), "ngày 09 tháng 3 năm 2024"),
    ],
)
def test_a_document_date_line_pads_small_days_and_the_first_two_months(day, line):
    with translation.override("vi"):
        assert vn_long_date(day) == line


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("2023-10", "tháng 10/2023"),
        ("2026-01", "tháng 1/2026"),
        ("2023-Q4", "quý IV/2023"),
        ("2024", "năm 2024"),
        ("once", "đợt duy nhất"),
    ],
)
def test_a_period_is_named_as_people_say_it(key, label):
    with translation.override("vi"):
        assert period_label(key) == label
