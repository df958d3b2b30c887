"""III. Awards already received, listed on a nomination (year, title or form, decision
number and date, issuer)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError

from .models import EDITABLE, Award, Nomination


def _check_editable(nomination: Nomination) -> None:
    if nomination.status not in EDITABLE:
        raise ApplicationError(
            _("A nomination that is %(status)s can no longer be changed.")
            % {"status": nomination.get_status_display().lower()}
        )


@transaction.atomic
def award_add(
    *,
    actor,
    nomination: Nomination,
    year: int,
    title: str,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    issuer: str = "",
) -> Award:
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    _check_editable(nomination)
    if not 1945 <= year <= today().year:
        raise ApplicationError(_("The year of the award is not possible."), field="year")
    if not title.strip():
        raise ApplicationError(_("Give the title or form of the award."), field="title")
    if decision_date is not None and decision_date.year != year:
        raise ApplicationError(
            _("The decision is dated in another year than the award."), field="decision_date"
        )
    award = Award.objects.create(
        nomination=nomination,
        year=year,
        title=title.strip(),
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        issuer=issuer.strip(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.AWARD_ADD,
        obj=nomination,
        unit=nomination.unit,
        changes={"year": year, "title": award.title, "decision": award.decision_number},
    )
    return award


@transaction.atomic
def award_remove(*, actor, award: Award) -> None:
    nomination = Nomination.objects.select_for_update().get(pk=award.nomination_id)
    _check_editable(nomination)
    audit_record(
        actor=actor,
        action=AuditAction.AWARD_REMOVE,
        obj=nomination,
        unit=nomination.unit,
        changes={"year": award.year, "title": award.title},
    )
    award.delete()
