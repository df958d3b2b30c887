"""`manage.py units stats`: counts of the units valid on a day, as JSON or a table."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from dienhinh.testing import make_unit
from dienhinh.units.models import UnitKind
from dienhinh.units.restructure import unit_dissolve


def units(*args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("units", *args, stdout=out)
    return out.getvalue()


def test_stats_json_counts_the_units_valid_today_by_kind(cast):
    stats = json.loads(units("stats", "--json"))

    assert stats == {
        "total": 8,
        "by_kind": {
            "central_board": 1,
            "province": 1,
            "district": 2,
            "office": 1,
            "ward": 3,
        },
    }


def test_stats_leave_out_ended_units_and_units_not_yet_created(cast):
    unit_dissolve(actor=None, unit=cast.ward2, on=dt.date(2025, 7, 1))
    make_unit("Phường Mới", UnitKind.WARD, cast.city, on=dt.date(2025, 7, 1))

    today_stats = json.loads(units("stats", "--json"))
    past_stats = json.loads(units("stats", "--json", "--on", "2024-01-01"))
    before_everything = json.loads(units("stats", "--json", "--on", "2019-12-31"))

    assert today_stats["by_kind"]["ward"] == 3  # Anh Dũng ended, Phường Mới began
    assert past_stats["by_kind"]["ward"] == 3  # Anh Dũng still there, Phường Mới not yet
    assert before_everything == {"total": 0, "by_kind": {}}


def test_stats_without_json_print_a_readable_table(cast):
    output = units("stats")

    assert "Kind" in output and "Number of units" in output
    assert "Ward (ward)" in output
    lines = output.splitlines()
    assert lines[-1].split() == ["Total", "8"]
    # In the order of the kinds, not alphabetical: the central board comes first.
    assert lines[2].startswith("Central board (central_board)")


@pytest.mark.django_db
def test_stats_on_an_empty_tree_say_zero():
    assert json.loads(units("stats", "--json")) == {"total": 0, "by_kind": {}}
    assert units("stats").splitlines()[-1].split() == ["Total", "0"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args", [(), ("nonsense",), ("stats", "--on", "31/02/2025"), ("stats", "--on", "2025-02-31")]
)
def test_a_missing_or_unknown_subcommand_or_a_bad_date_is_an_error(args):
    with pytest.raises(CommandError):
        units(*args)
