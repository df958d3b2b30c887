"""Every state change of a nomination: one atomic, audited function per transition.

Each one locks the row, refuses a transition the map in models.TRANSITIONS does not allow,
compares the revision the user's page was loaded with (so a stale page never overwrites a
colleague's change), writes, records the audit event, and queues the e-mail to the people
concerned once the transaction has committed.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import today, vn_date
from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import fold
from dienhinh.cycles.compliance import expected_refresh
from dienhinh.cycles.models import ExpectedUnit, Period

from .models import (
    EDITABLE,
    TRANSITIONS,
    LateException,
    NilReport,
    Nomination,
    Status,
    SubjectKind,
)
from .notify import notify_status

# The fields a reporter fills in; the form and the services agree on this list.
CONTENT_FIELDS = [
    "subject_kind",
    "full_name",
    "birth_year",
    "birth_date",
    "gender",
    "position",
    "workplace",
    "hometown",
    "collective_name",
    "collective_size",
    "field",
    "headline",
    "story",
    "report_background",
    "report_achievements",
]


@dataclass
class Content:
    headline: str
    story: str
    subject_kind: str = SubjectKind.INDIVIDUAL
    full_name: str = ""
    birth_year: int | None = None
    birth_date: dt.date | None = None
    gender: str = ""
    position: str = ""
    workplace: str = ""
    hometown: str = ""
    collective_name: str = ""
    collective_size: int | None = None
    field: str = "other"
    report_background: str = ""
    report_achievements: str = ""


def _check_expected(unit, period: Period) -> None:
    if not ExpectedUnit.objects.filter(period=period, unit=unit, removed_on=None).exists():
        raise ApplicationError(
            _("%(unit)s is not among the units expected to report in %(period)s.")
            % {"unit": unit.name, "period": period.key}
        )


def _check_open(unit, period: Period) -> None:
    """A programme may refuse submissions after the units' deadline, unless the receiving
    level granted this unit an exception that still runs."""
    if not period.programme.lock_after_deadline or today() <= period.unit_deadline:
        return
    if LateException.objects.filter(period=period, unit=unit, until__gte=today()).exists():
        return
    raise ApplicationError(
        _(
            "The deadline of %(period)s was %(day)s and this programme accepts nothing "
            "after it. Ask %(owner)s for an exception."
        )
        % {
            "period": period.key,
            "day": vn_date(period.unit_deadline),
            "owner": period.programme.owner.name,
        }
    )


@transaction.atomic
def late_exception_grant(
    *, actor, period: Period, unit, until: dt.date, reason: str = ""
) -> LateException:
    """The receiving level lets one unit send after the deadline of a locked period."""
    _check_expected(unit, period)
    if until < today():
        raise ApplicationError(_("The exception must run until today or later."), field="until")
    exception, _created = LateException.objects.update_or_create(
        period=period,
        unit=unit,
        defaults={"until": until, "reason": reason.strip(), "granted_by": actor},
    )
    audit_record(
        actor=actor,
        action=AuditAction.LATE_EXCEPTION_GRANT,
        obj=exception,
        unit=unit,
        changes={"period": period.key, "until": until.isoformat(), "reason": reason},
    )
    return exception


def _check_content(content: Content) -> None:
    if not content.headline.strip():
        raise ApplicationError(_("Give the nomination a headline."), field="headline")
    if not content.story.strip():
        raise ApplicationError(_("Tell the story in a few paragraphs."), field="story")
    if content.subject_kind == SubjectKind.INDIVIDUAL and not content.full_name.strip():
        raise ApplicationError(_("Give the person's full name."), field="full_name")
    if content.subject_kind != SubjectKind.INDIVIDUAL and not content.collective_name.strip():
        raise ApplicationError(
            _("Give the name of the collective or household."), field="collective_name"
        )
    year = content.birth_year or (content.birth_date.year if content.birth_date else None)
    if year is not None and not 1900 <= year <= today().year:
        raise ApplicationError(_("The year of birth is not possible."), field="birth_year")


def match_key_for(content: Content) -> str:
    """Folded name plus birth year: how the same person is recognised across units."""
    name = (
        content.full_name
        if content.subject_kind == SubjectKind.INDIVIDUAL
        else (content.collective_name)
    )
    year = content.birth_year or (content.birth_date.year if content.birth_date else "")
    return f"{fold(name)}|{year}"[:200]


def _locked(nomination: Nomination, revision: int | None) -> Nomination:
    locked = (
        Nomination.objects.select_for_update()
        .select_related("period__programme")
        .get(pk=nomination.pk)
    )
    if revision is not None and locked.revision != revision:
        raise ApplicationError(
            _(
                "Someone else changed this nomination while you had it open. Reload the page "
                "to see their change, then try again."
            )
        )
    return locked


def _move(nomination: Nomination, to: str) -> str:
    if to not in TRANSITIONS[nomination.status]:
        raise ApplicationError(
            _("This nomination is at the step “%(status)s”; it cannot move to “%(target)s”.")
            % {"status": nomination.get_status_display(), "target": Status(to).label}
        )
    old = nomination.status
    nomination.status = to
    nomination.revision += 1
    return old


@transaction.atomic
def nomination_create(*, actor, unit, period: Period, content: Content) -> Nomination:
    _check_expected(unit, period)
    _check_open(unit, period)
    _check_content(content)
    nomination = Nomination.objects.create(
        unit=unit,
        period=period,
        created_by=actor,
        match_key=match_key_for(content),
        **content.__dict__,
    )
    audit_record(
        actor=actor,
        action=AuditAction.NOMINATION_CREATE,
        obj=nomination,
        unit=unit,
        changes={"period": period.key, "headline": nomination.headline},
    )
    return nomination


@transaction.atomic
def nomination_update(
    *, actor, nomination: Nomination, revision: int, content: Content
) -> Nomination:
    nomination = _locked(nomination, revision)
    if nomination.status not in EDITABLE:
        raise ApplicationError(
            _("A nomination that is %(status)s can no longer be changed.")
            % {"status": nomination.get_status_display().lower()}
        )
    _check_content(content)
    changes = {
        name: [getattr(nomination, name), value]
        for name, value in content.__dict__.items()
        if getattr(nomination, name) != value
    }
    for name, value in content.__dict__.items():
        setattr(nomination, name, value)
    nomination.match_key = match_key_for(content)
    nomination.revision += 1
    nomination.save()
    audit_record(
        actor=actor,
        action=AuditAction.NOMINATION_UPDATE,
        obj=nomination,
        unit=nomination.unit,
        changes=changes,
    )
    return nomination


def _transition(*, actor, nomination, revision, to, action, extra=None, reason=""):
    nomination = _locked(nomination, revision)
    old = _move(nomination, to)
    for name, value in (extra or {}).items():
        setattr(nomination, name, value)
    nomination.save()
    expected_refresh(unit_id=nomination.unit_id, period=nomination.period)
    audit_record(
        actor=actor,
        action=action,
        obj=nomination,
        unit=nomination.unit,
        changes={"status": [old, to], **({"reason": reason} if reason else {})},
    )
    transaction.on_commit(lambda: notify_status(nomination=nomination, actor=actor))
    return nomination


@transaction.atomic
def nomination_submit(*, actor, nomination: Nomination, revision: int) -> Nomination:
    """Send to the level above. Late submissions are accepted and marked late. A nomination
    returned for completion may always be sent again: its lateness is judged by the first
    sending, and a lock after the deadline does not strand it."""
    period = nomination.period
    _check_expected(nomination.unit, period)
    now = timezone.now()
    first = nomination.first_submitted_at
    if first is None:
        _check_open(nomination.unit, period)
    late = timezone.localdate(first or now) > period.unit_deadline
    return _transition(
        actor=actor,
        nomination=nomination,
        revision=revision,
        to=Status.SUBMITTED,
        action=AuditAction.NOMINATION_SUBMIT,
        extra={
            "submitted_at": now,
            "first_submitted_at": first or now,
            "is_late": late,
            "return_reason": "",
        },
    )


@transaction.atomic
def nomination_confirm(*, actor, nomination: Nomination, revision: int) -> Nomination:
    return _transition(
        actor=actor,
        nomination=nomination,
        revision=revision,
        to=Status.CONFIRMED,
        action=AuditAction.NOMINATION_CONFIRM,
    )


@transaction.atomic
def nomination_accept(*, actor, nomination: Nomination, revision: int) -> Nomination:
    return _transition(
        actor=actor,
        nomination=nomination,
        revision=revision,
        to=Status.ACCEPTED,
        action=AuditAction.NOMINATION_ACCEPT,
    )


@transaction.atomic
def nomination_return(*, actor, nomination: Nomination, revision: int, reason: str) -> Nomination:
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            _("Say why it is returned, so the unit knows what to complete."), field="reason"
        )
    return _transition(
        actor=actor,
        nomination=nomination,
        revision=revision,
        to=Status.RETURNED,
        action=AuditAction.NOMINATION_RETURN,
        extra={"return_reason": reason},
        reason=reason,
    )


@transaction.atomic
def nomination_withdraw(*, actor, nomination: Nomination, revision: int) -> Nomination:
    return _transition(
        actor=actor,
        nomination=nomination,
        revision=revision,
        to=Status.WITHDRAWN,
        action=AuditAction.NOMINATION_WITHDRAW,
    )


@transaction.atomic
def nil_report_submit(*, actor, unit, period: Period, reason: str) -> NilReport:
    """ "Nothing to report this period": counts as reported, not toward the quota."""
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Say briefly why there is nothing to report."), field="reason")
    _check_expected(unit, period)
    _check_open(unit, period)
    if NilReport.objects.filter(unit=unit, period=period).exists():
        raise ApplicationError(
            _("%(unit)s already reported nothing for %(period)s.")
            % {"unit": unit.name, "period": period.key}
        )
    report = NilReport.objects.create(
        unit=unit,
        period=period,
        reason=reason,
        submitted_by=actor,
        is_late=timezone.localdate() > period.unit_deadline,
    )
    expected_refresh(unit_id=unit.pk, period=period)
    audit_record(
        actor=actor,
        action=AuditAction.NIL_REPORT_SUBMIT,
        obj=report,
        unit=unit,
        changes={"period": period.key, "reason": reason},
    )
    return report
