"""Argument types shared by the unit commands."""

import argparse
import datetime as dt

from django.utils.translation import gettext as _


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("Write dates as YYYY-MM-DD, e.g. 2025-07-01, not %(value)s.") % {"value": value}
        ) from exc
