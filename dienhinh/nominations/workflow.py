"""Every state change of a nomination: one atomic, audited function per transition.

Each one locks the row, refuses a transition the map in models.TRANSITIONS does not allow
(and the workflow rules of `step_refusal`), compares the revision the user's page was
loaded with (so a stale page never overwrites a colleague's change), writes, refreshes the
unit's live figures, records the audit event, and writes the notices of the people
concerned; their e-mails leave once the transaction has committed. Who may take a step
is `steps.py`'s business, asked by the pages and the API before they call in here.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import today, vn_date
from dienhinh.common.errors import ApplicationError
from dienhinh.common.locking import lock_at_revision
from dienhinh.cycles.compliance import expected_refresh
from dienhinh.cycles.models import ExpectedUnit, Period

from .content import CONTENT_FIELDS, Content, check_content, match_key_for
from .models import (
    EDITABLE,
    TRANSITIONS,
    AttachmentKind,
    BatchItem,
    BatchStatus,
    ItemReview,
    LateException,
    NilReport,
    Nomination,
    Status,
)
from .notify import notify_status
from .steps import Step

__all__ = ["CONTENT_FIELDS", "Content"]  # re-exported: forms and the demo build Content here

# How long after its deadline a unit may still be allowed to send (an exception "until
# 9999" is a typo, not a decision).
LATE_EXCEPTION_MAX_DAYS = 366


def _check_expected(unit, period: Period) -> None:
    if not ExpectedUnit.objects.filter(period=period, unit=unit, removed_on=None).exists():
        raise ApplicationError(
            _("%(unit)s is not among the units expected to report in %(period)s.")
            % {"unit": unit.name, "period": period.key}
        )


def _check_unit_exists(unit) -> None:
    """A unit that has ended (merged, dissolved) keeps its history but sends nothing more."""
    if unit.valid_to is not None and unit.valid_to <= today():
        raise ApplicationError(
            _("%(unit)s ended on %(day)s: its records can be read, but it can send nothing more.")
            % {"unit": unit.name, "day": vn_date(unit.valid_to)},
            code="unit_ended",
        )


def _lock_refusal(unit, period: Period) -> str | None:
    """A programme may refuse submissions after the units' deadline, unless the receiving
    level granted this unit an exception that still runs."""
    if not period.programme.lock_after_deadline or today() <= period.unit_deadline:
        return None
    if LateException.objects.filter(period=period, unit=unit, until__gte=today()).exists():
        return None
    return _(
        "The deadline of %(period)s was %(day)s and this programme accepts nothing "
        "after it. Ask %(owner)s for an exception."
    ) % {
        "period": period.key,
        "day": vn_date(period.unit_deadline),
        "owner": period.programme.owner.name,
    }


def _check_open(unit, period: Period) -> None:
    refusal = _lock_refusal(unit, period)
    if refusal:
        raise ApplicationError(refusal, code="period_locked")


def _forwarded_up(nomination: Nomination) -> bool:
    """In a list the accepting level forwarded, not returned by the level above."""
    return BatchItem.objects.filter(
        nomination=nomination,
        batch__status=BatchStatus.FORWARDED,
        review__in=[ItemReview.PENDING, ItemReview.ACCEPTED],
    ).exists()


def step_refusal(nomination: Nomination, step: Step) -> str | None:
    """Why a step the status allows is refused all the same, or None."""
    if step in (Step.SUBMIT, Step.RECALL) and (
        nomination.unit.valid_to is not None and nomination.unit.valid_to <= today()
    ):
        return _("%(unit)s has ended: it can send nothing more.") % {"unit": nomination.unit.name}
    if step == Step.SUBMIT and nomination.first_submitted_at is None:
        return _lock_refusal(nomination.unit, nomination.period)
    if step == Step.RETURN and nomination.status == Status.ACCEPTED and _forwarded_up(nomination):
        return _(
            "This nomination was forwarded to %(owner)s in a list: only %(owner)s can return "
            "it now."
        ) % {"owner": nomination.period.programme.parent.owner.name}
    return None


def _refuse_if(nomination: Nomination, step: Step) -> None:
    refusal = step_refusal(nomination, step)
    if refusal:
        raise ApplicationError(refusal, code="step_refused")


def missing_material(nomination: Nomination) -> list[str]:
    """What the programme asks each example to come with and this one lacks."""
    programme = nomination.period.programme
    missing = []
    if (
        programme.expects_photos
        and not nomination.attachments.filter(kind=AttachmentKind.PHOTO).exists()
    ):
        missing.append(_("a photo"))
    has_report = (
        nomination.report_achievements.strip()
        or nomination.attachments.filter(kind=AttachmentKind.DOCUMENT).exists()
    )
    if programme.expects_report and not has_report:
        missing.append(_("the achievement report"))
    return missing


@transaction.atomic
def late_exception_grant(
    *, actor, period: Period, unit, until: dt.date, reason: str = ""
) -> LateException:
    """The receiving level lets one unit send after the deadline of a locked period."""
    _check_expected(unit, period)
    _check_unit_exists(unit)
    if until < today():
        raise ApplicationError(_("The exception must run until today or later."), field="until")
    latest = period.unit_deadline + dt.timedelta(days=LATE_EXCEPTION_MAX_DAYS)
    if until > latest:
        raise ApplicationError(
            _("An exception can run at most a year after the deadline, until %(day)s.")
            % {"day": vn_date(latest)},
            field="until",
        )
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


def _locked(nomination: Nomination, revision: int | None) -> Nomination:
    return lock_at_revision(
        Nomination.objects.select_related("unit", "period__programme__parent__owner"),
        pk=nomination.pk,
        revision=revision,
        message=_(
            "Someone else changed this nomination while you had it open. Reload the page "
            "to see their change, then try again."
        ),
    )


def _move(nomination: Nomination, to: str) -> str:
    if to not in TRANSITIONS[nomination.status]:
        raise ApplicationError(
            _("This nomination is at the step “%(status)s”; it cannot move to “%(target)s”.")
            % {"status": nomination.get_status_display(), "target": Status(to).label},
            code="transition_refused",
        )
    old = nomination.status
    nomination.status = to
    nomination.revision += 1
    return old


@transaction.atomic
def nomination_create(*, actor, unit, period: Period, content: Content) -> Nomination:
    _check_unit_exists(unit)
    _check_expected(unit, period)
    _check_open(unit, period)
    content = content.cleaned()
    check_content(content)
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
    content = content.cleaned()
    check_content(content)
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


def _transition(*, actor, nomination, to, action, extra=None, reason=""):
    """The common end of every step, on a row the caller has locked and checked."""
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
    notify_status(nomination=nomination, actor=actor, previous=old)
    return nomination


@transaction.atomic
def nomination_submit(
    *, actor, nomination: Nomination, revision: int, missing_confirmed: bool = False
) -> Nomination:
    """Send to the level above. Late submissions are accepted and marked late. A nomination
    returned for completion may always be sent again: its lateness is judged by the first
    sending, and a lock after the deadline does not strand it. When the programme expects
    a photo or a report and the nomination has none, the sender must say it goes without."""
    nomination = _locked(nomination, revision)
    _check_expected(nomination.unit, nomination.period)
    _refuse_if(nomination, Step.SUBMIT)
    missing = missing_material(nomination)
    if missing and not missing_confirmed:
        raise ApplicationError(
            _("%(owner)s asks for %(missing)s with each example, and this one has none yet.")
            % {"owner": nomination.period.programme.owner.name, "missing": ", ".join(missing)},
            code="missing_material",
            extra={"missing": missing},
        )
    now = timezone.now()
    first = nomination.first_submitted_at
    late = timezone.localdate(first or now) > nomination.period.unit_deadline
    return _transition(
        actor=actor,
        nomination=nomination,
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
    nomination = _locked(nomination, revision)
    return _transition(
        actor=actor,
        nomination=nomination,
        to=Status.CONFIRMED,
        action=AuditAction.NOMINATION_CONFIRM,
    )


@transaction.atomic
def nomination_accept(*, actor, nomination: Nomination, revision: int) -> Nomination:
    nomination = _locked(nomination, revision)
    return _transition(
        actor=actor,
        nomination=nomination,
        to=Status.ACCEPTED,
        action=AuditAction.NOMINATION_ACCEPT,
    )


@transaction.atomic
def nomination_return(*, actor, nomination: Nomination, revision: int, reason: str) -> Nomination:
    """The level that reviews returns it to its unit, with the reason. Once that level has
    forwarded it up, only the level above may return it (batches.batch_item_return)."""
    nomination = _locked(nomination, revision)
    _refuse_if(nomination, Step.RETURN)
    return _return(actor=actor, nomination=nomination, reason=reason)


def _return(*, actor, nomination: Nomination, reason: str) -> Nomination:
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            _("Say why it is returned, so the unit knows what to complete."), field="reason"
        )
    # A list still being compiled no longer holds what went back to its unit.
    BatchItem.objects.filter(nomination=nomination, batch__status=BatchStatus.DRAFT).delete()
    return _transition(
        actor=actor,
        nomination=nomination,
        to=Status.RETURNED,
        action=AuditAction.NOMINATION_RETURN,
        extra={"return_reason": reason},
        reason=reason,
    )


def nomination_return_from_above(*, actor, nomination: Nomination, reason: str) -> Nomination:
    """The level above, deciding on a list it received, sends one nomination back to the
    unit that wrote it (called by batches.batch_item_return inside its transaction)."""
    nomination = _locked(nomination, None)
    return _return(actor=actor, nomination=nomination, reason=reason)


@transaction.atomic
def nomination_recall(*, actor, nomination: Nomination, revision: int) -> Nomination:
    """The unit takes back what it sent, while the level above has not acted on it yet:
    it is a draft again (the first sending time is kept for timeliness)."""
    nomination = _locked(nomination, revision)
    _refuse_if(nomination, Step.RECALL)
    return _transition(
        actor=actor,
        nomination=nomination,
        to=Status.DRAFT,
        action=AuditAction.NOMINATION_RECALL,
    )


@transaction.atomic
def nomination_withdraw(*, actor, nomination: Nomination, revision: int) -> Nomination:
    nomination = _locked(nomination, revision)
    return _transition(
        actor=actor,
        nomination=nomination,
        to=Status.WITHDRAWN,
        action=AuditAction.NOMINATION_WITHDRAW,
    )


@transaction.atomic
def nil_report_submit(*, actor, unit, period: Period, reason: str) -> NilReport:
    """ "Nothing to report this period": counts as reported, not toward the quota."""
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Say briefly why there is nothing to report."), field="reason")
    _check_unit_exists(unit)
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
