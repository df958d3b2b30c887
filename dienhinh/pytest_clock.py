"""The test suite's clock: no test may depend on the real date.

Loaded as a pytest plugin (pyproject's addopts), before Django is set up, so it imports no
model. Two tools:

- `--clock INSTANT` (or DIENHINH_TEST_CLOCK) runs every test, fixtures included, as if it
  were that instant, ticking from there. CI runs the suite again at awkward instants (the
  last evening of a month, 29 February, 31 December, 1 July) to prove that nothing breaks.
- `pytest.mark.clock(2026, 11, 20)` on a test or a module (`pytestmark`) pins "now" for
  tests written about a particular day, in Việt Nam time (9:00 unless an hour is given);
- the `clock` fixture moves "now" inside a test: `clock(2023, 10, 15, 16, 30)`.
"""

import contextlib
import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def instant(value: str) -> dt.datetime:
    """An ISO 8601 instant ("2028-02-29T16:30:00Z", "2027-07-01T00:05+07:00"); one without an
    offset is read as Việt Nam time, as a user there would mean it."""
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(dt.UTC)


class Clock:
    """The time the whole process sees (services, the live server's thread, the audit log),
    set in Việt Nam time. It keeps ticking from there unless `tick=False`; calling it again
    moves it. Set inside a run moved by --clock, it wins while it is set."""

    def __init__(self):
        self._travel = None

    def __call__(self, year, month, day, hour=9, minute=0, *, tick: bool = True) -> dt.datetime:
        moment = dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM).astimezone(dt.UTC)
        self.stop()
        self._travel = time_machine.travel(moment, tick=tick)
        self._travel.start()
        return moment

    def stop(self) -> None:
        if self._travel is not None:
            self._travel.stop()
            self._travel = None


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=os.environ.get("DIENHINH_TEST_CLOCK", ""),
        help=(
            "Run every test as if it were this instant (ISO 8601, e.g. 2028-02-29T16:30:00Z; "
            "without an offset, Việt Nam time). Also read from DIENHINH_TEST_CLOCK."
        ),
    )


def pytest_report_header(config):
    value = config.getoption("--clock")
    return f"clock: moved to {instant(value).isoformat()}" if value else "clock: real"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "clock(year, month, day, hour=9, minute=0): the test runs at that moment"
    )


@pytest.fixture(autouse=True)
def _moved_clock(request):
    """With --clock, the whole test (its fixtures included) runs at that instant, ticking;
    a `clock` mark then pins the test's own day inside it."""
    with contextlib.ExitStack() as stack:
        value = request.config.getoption("--clock")
        if value:
            stack.enter_context(time_machine.travel(instant(value), tick=True))
        mark = request.node.get_closest_marker("clock")
        if mark is not None:
            pinned = Clock()
            pinned(*mark.args, **mark.kwargs)
            stack.callback(pinned.stop)
        yield


@pytest.fixture
def clock():
    """Pin "now" for a test that needs a particular day: `clock(2026, 11, 20)`."""
    pinned = Clock()
    yield pinned
    pinned.stop()
