"""The words of each reminder: a notice's title and text, and the e-mail around them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from dienhinh.common.dates import period_label, vn_date

from .models import ReminderKind

if TYPE_CHECKING:
    from .reminders import Reminder


@dataclass(frozen=True)
class Message:
    title: str
    intro: str
    items: tuple[str, ...]  # listed under the intro (the units still missing)
    link: str  # a path on this site

    @property
    def body(self) -> str:
        """The notice's text: the intro, then one line per item."""
        return "\n".join([self.intro, *(f"– {item}" for item in self.items)])


def _day(day: dt.date) -> str:
    return vn_date(day)


def _values(reminder: Reminder, deadline: dt.date) -> dict[str, str]:
    return {
        "programme": reminder.period.programme.title,
        "period": period_label(reminder.period.key),
        "unit": reminder.unit.name if reminder.unit else "",
        "day": _day(deadline),
    }


def _unit_link(reminder: Reminder) -> str:
    return reverse("nominations:unit_period", args=[reminder.period.pk, reminder.unit.pk])


def _before_deadline(reminder: Reminder) -> Message:
    values = _values(reminder, reminder.period.unit_deadline)
    return Message(
        title=_("Reminder: %(programme)s, period %(period)s, is due on %(day)s") % values,
        intro=_(
            "%(unit)s has not sent a nomination or a nil report for %(period)s yet. "
            "The deadline is %(day)s."
        )
        % values,
        items=(),
        link=_unit_link(reminder),
    )


def _after_deadline(reminder: Reminder) -> Message:
    values = _values(reminder, reminder.period.unit_deadline)
    return Message(
        title=_("Overdue: %(programme)s, period %(period)s") % values,
        intro=_(
            "The deadline of %(period)s was %(day)s and %(unit)s has still sent nothing. "
            "Send a nomination, or a nil report if there is nothing to report, as soon as "
            "you can."
        )
        % values,
        items=(),
        link=_unit_link(reminder),
    )


def _before_forward(reminder: Reminder) -> Message:
    values = _values(reminder, reminder.period.forward_deadline)
    if reminder.missing:
        intro = _("Units that have still sent nothing for %(period)s:") % values
    else:
        intro = _("Every expected unit has reported for %(period)s.") % values
    return Message(
        title=_("To forward by %(day)s: %(programme)s, period %(period)s") % values,
        intro=intro,
        items=reminder.missing,
        link=reverse("cycles:programme_detail", args=[reminder.period.programme_id]),
    )


def message_for(reminder: Reminder) -> Message:
    build = {
        ReminderKind.BEFORE_DEADLINE: _before_deadline,
        ReminderKind.AFTER_DEADLINE: _after_deadline,
        ReminderKind.BEFORE_FORWARD: _before_forward,
    }[reminder.kind]
    return build(reminder)
