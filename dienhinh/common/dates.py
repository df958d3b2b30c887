"""Dates as Vietnamese offices write them, and the few date rules the domains share.

One formatter for every page, message, e-mail and export: `vn_date` (15/10/2023),
`vn_datetime` (09:30 15/10/2023, in Việt Nam time), `vn_long_date` ("ngày 17 tháng 10 năm
2023", as documents write it) and `period_label` ("tháng 10/2023", "quý IV/2023").
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def today() -> dt.date:
    """Today's date in the site's time zone (Asia/Ho_Chi_Minh), not the server's."""
    return timezone.localdate()


def is_valid_on(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    """Validity is the half-open interval [valid_from, valid_to): valid_to is the first day
    on which the thing no longer exists, so a merge on 1/7 ends the old units on 1/7 and
    starts the new one on 1/7 with no gap and no overlap."""
    return valid_from <= day and (valid_to is None or day < valid_to)


def vn_date(day: dt.date | dt.datetime | None) -> str:
    """15/10/2023; an aware date-time is first taken to Việt Nam time; None gives ""."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day) if timezone.is_aware(day) else day
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def vn_datetime(moment: dt.datetime | None) -> str:
    """09:30 15/10/2023, in Việt Nam time."""
    if moment is None:
        return ""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local:%H:%M} {vn_date(local)}"


def vn_long_date(day: dt.date) -> str:
    """ "ngày 17 tháng 10 năm 2023": the date line of an administrative document. Days and
    months below 10 keep their leading zero only for days 1–9 and months 1–2, as the
    decree on documents writes them."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("day %(day)s month %(month)s year %(year)s") % {
        "day": day_text,
        "month": month_text,
        "year": day.year,
    }


def period_label(key: str) -> str:
    """A period's key as people say it: "2023-10" → "tháng 10/2023", "2023-Q4" → "quý
    IV/2023", "2023" → "năm 2023", "once" → "đợt duy nhất"."""
    if key == "once":
        return _("one-off")
    year, _sep, rest = key.partition("-")
    if not rest:
        return _("year %(year)s") % {"year": year}
    if rest.startswith("Q") and rest[1:].isdigit():
        quarter = ROMAN_QUARTERS.get(int(rest[1:]), rest[1:])
        return _("quarter %(quarter)s/%(year)s") % {"quarter": quarter, "year": year}
    return _("month %(month)s/%(year)s") % {"month": int(rest), "year": year}
