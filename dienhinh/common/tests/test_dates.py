import datetime as dt

from dienhinh.common.dates import is_valid_on

START = dt.date(2020, 1, 1)
END = dt.date(2025, 7, 1)


def test_a_thing_is_valid_on_its_first_day():
    assert is_valid_on(START, END, START)


def test_a_thing_is_not_valid_the_day_before_its_first_day():
    assert not is_valid_on(START, END, START - dt.timedelta(days=1))


def test_a_thing_is_valid_on_the_day_before_its_end():
    assert is_valid_on(START, END, END - dt.timedelta(days=1))


def test_a_thing_is_no_longer_valid_on_its_end_day():
    assert not is_valid_on(START, END, END)
    assert not is_valid_on(START, END, END + dt.timedelta(days=1))


def test_a_thing_without_an_end_is_valid_from_its_first_day_on():
    assert is_valid_on(START, None, dt.date(2100, 1, 1))
    assert not is_valid_on(START, None, START - dt.timedelta(days=1))


def test_an_ending_and_a_start_on_the_same_day_neither_overlap_nor_leave_a_gap():
    old, new = (START, END), (END, None)
    for day in (END - dt.timedelta(days=1), END, END + dt.timedelta(days=1)):
        assert is_valid_on(*old, day) != is_valid_on(*new, day)
