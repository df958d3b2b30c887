"""Small date helpers shared by the domains."""

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """Today's date in the site's time zone (Asia/Ho_Chi_Minh), not the server's."""
    return timezone.localdate()


def is_valid_on(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    """Validity is the half-open interval [valid_from, valid_to): valid_to is the first day
    on which the thing no longer exists, so a merge on 1/7 ends the old units on 1/7 and
    starts the new one on 1/7 with no gap and no overlap."""
    return valid_from <= day and (valid_to is None or day < valid_to)
