"""The reminders the worker sends about deadlines, as notices and e-mails.

Reminders go only to units still pending, and to the compilers before their own forwarding
deadline. The job (tasks.send_reminders) runs every hour: each run selects what is due by
date *windows* rather than exact days, so a worker that was down catches up when it returns,
and a `ReminderSent` row, created first inside the transaction that writes the notices,
makes a second run (or a second worker) send nothing twice. The e-mails leave only after
that transaction commits.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import translation

from dienhinh.accounts.models import Role, User
from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.mail import email_queue
from dienhinh.cycles.models import ExpectedUnit, Period, ReportState
from dienhinh.nominations.models import Batch, BatchStatus
from dienhinh.units.models import Unit

from . import wording
from .inbox import notice_create
from .models import ReminderKind, ReminderSent

# A reminder about a late unit or a forwarding deadline is still sent up to this many days
# after the period closed (its forwarding deadline), never later: catching up after a
# worker outage must not wake up periods long closed.
CATCH_UP_DAYS = 30
# Without a forwarding deadline, a period counts as closed this many days after the units'.
CLOSES_AFTER_UNIT_DEADLINE_DAYS = 7
UNIT_ROLES = (Role.REPORTER, Role.UNIT_LEADER)
OWNER_ROLES = (Role.COMPILER, Role.BOARD_OFFICER)


@dataclass(frozen=True)
class Reminder:
    kind: str
    period: Period
    unit: Unit | None = None  # None: the reminder to the compilers of the programme's owner
    missing: tuple[str, ...] = ()  # the compilers' reminder: units that sent nothing yet


# --- Which reminders are due -----------------------------------------------------------


def _pending(rows: QuerySet[ExpectedUnit]) -> QuerySet[ExpectedUnit]:
    """Still expected and nothing sent: no nomination submitted and no nil report."""
    return rows.filter(removed_on=None, state=ReportState.MISSING, nil=False)


def _unit_reminders(kind: str, when: Q) -> list[Reminder]:
    sent = ReminderSent.objects.filter(period=OuterRef("period"), unit=OuterRef("unit"), kind=kind)
    rows = (
        _pending(ExpectedUnit.objects.filter(when, period__programme__is_active=True))
        .filter(~Exists(sent))
        .select_related("period__programme", "unit")
        .order_by("period__unit_deadline", "period_id", "unit_path", "unit_id")
    )
    return [Reminder(kind=kind, period=row.period, unit=row.unit) for row in rows]


def _owner_reminders(today: dt.date) -> list[Reminder]:
    kind = ReminderKind.BEFORE_FORWARD
    sent = ReminderSent.objects.filter(period=OuterRef("pk"), unit=None, kind=kind)
    # A compiler who already forwarded the period's list needs no reminder to forward it.
    forwarded = Batch.objects.filter(period=OuterRef("pk"), status=BatchStatus.FORWARDED)
    periods = (
        Period.objects.filter(
            programme__is_active=True,
            forward_deadline__lte=today + dt.timedelta(days=1),
            forward_deadline__gte=today - dt.timedelta(days=CATCH_UP_DAYS),
        )
        .filter(~Exists(sent), ~Exists(forwarded))
        .select_related("programme__owner")
        .order_by("forward_deadline", "pk")
    )
    return [
        Reminder(
            kind=kind,
            period=period,
            missing=tuple(
                _pending(period.expected.all())
                .order_by("unit_path", "unit_id")
                .values_list("unit__name", flat=True)
            ),
        )
        for period in periods
    ]


def reminders_due(*, today: dt.date) -> list[Reminder]:
    """Every reminder due on `today` and not sent yet (reads only)."""
    before = dt.timedelta(days=settings.DIENHINH_REMIND_DAYS_BEFORE)
    after = dt.timedelta(days=settings.DIENHINH_REMIND_DAYS_AFTER)
    oldest_close = today - dt.timedelta(days=CATCH_UP_DAYS)
    grace = dt.timedelta(days=CLOSES_AFTER_UNIT_DEADLINE_DAYS)
    open_and_near = Q(
        period__starts_on__lte=today,
        period__unit_deadline__gte=today,
        period__unit_deadline__lte=today + before,
    )
    overdue = Q(period__unit_deadline__lte=today - after) & (
        Q(period__forward_deadline__gte=oldest_close)
        | Q(period__forward_deadline=None, period__unit_deadline__gte=oldest_close - grace)
    )
    return [
        *_unit_reminders(ReminderKind.BEFORE_DEADLINE, open_and_near),
        *_unit_reminders(ReminderKind.AFTER_DEADLINE, overdue),
        *_owner_reminders(today),
    ]


# --- Sending -----------------------------------------------------------------------------


def _recipients(reminder: Reminder) -> list[User]:
    if reminder.unit is not None:
        unit, roles = reminder.unit, UNIT_ROLES
    else:
        unit, roles = reminder.period.programme.owner, OWNER_ROLES
    users = User.objects.filter(is_active=True, memberships__unit=unit, memberships__role__in=roles)
    return list(users.distinct().order_by("username"))


def _send_one(reminder: Reminder, *, today: dt.date) -> bool:
    users = _recipients(reminder)
    if not users:
        return False  # nobody holds the role yet: still due, tried again next hour
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    period=reminder.period, unit=reminder.unit, kind=reminder.kind, sent_on=today
                )
        except IntegrityError:
            return False  # another run sent it first
        for user in users:
            _tell(user, reminder)
        _audit(reminder, users)
    return True


def _tell(user: User, reminder: Reminder) -> None:
    """The notice, and after commit the e-mail, in the user's own language."""
    with translation.override(user.language):
        message = wording.message_for(reminder)
        notice_create(user=user, title=message.title, body=message.body, link=message.link)
    if user.email:
        context = {"user": user, "message": message, "url": message.link}
        transaction.on_commit(
            lambda: email_queue(
                template="notices/emails/reminder",
                context=context,
                to=[user.email],
                language=user.language,
            )
        )


def _audit(reminder: Reminder, users: list[User]) -> None:
    changes = {
        "kind": reminder.kind,
        "period": reminder.period.key,
        "recipients": [u.get_username() for u in users],
    }
    if reminder.unit is None:
        changes["missing"] = list(reminder.missing)
    audit_record(
        actor=None,
        action=AuditAction.REMINDER_SEND,
        obj=reminder.period,
        unit=reminder.unit or reminder.period.programme.owner,
        changes=changes,
    )


def reminders_send(*, today: dt.date) -> int:
    """Send every reminder due on `today` once; returns how many were sent. Each person's
    notice and e-mail are written in their own language."""
    return sum(_send_one(reminder, today=today) for reminder in reminders_due(today=today))
