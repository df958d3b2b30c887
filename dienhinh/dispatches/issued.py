"""Entering in the registry a dispatch the unit drafted in Dienhinh and signed outside it
(on paper, or with a signature token): the number and date the office gave it at signing.

Called by dienhinh.documents when the signed copy is uploaded back. A relay already in the
registry gets its number and date; a forwarding dispatch (drafted from a compiled list) is
entered as a new outgoing dispatch citing the one that asked for the list.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import acting_user, audit_record
from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.units.models import Unit

from .models import Direction, Dispatch, Reference, Status
from .services import _search_text


def _check(unit: Unit, number: str, document_date: dt.date, exclude: int | None = None) -> None:
    if document_date > today():
        raise ApplicationError(_("The document date cannot be in the future."), field="date")
    taken = Dispatch.objects.filter(
        unit=unit,
        direction=Direction.OUTGOING,
        status=Status.REGISTERED,
        number__iexact=number,
        year=document_date.year,
    ).exclude(pk=exclude)
    if taken.exists():
        raise ApplicationError(
            _("Number %(number)s is already in the registry of %(unit)s for %(year)s.")
            % {"number": number, "unit": unit.name, "year": document_date.year},
            field="number",
        )


@transaction.atomic
def dispatch_set_issued(*, actor, dispatch: Dispatch, number: str, document_date: dt.date):
    """Give an outgoing dispatch of the registry the number and date it was signed under."""
    _check(dispatch.unit, number, document_date, exclude=dispatch.pk)
    locked = Dispatch.objects.select_for_update().get(pk=dispatch.pk)
    before = {"number": locked.number, "document_date": locked.document_date}
    locked.number, locked.document_date = number, document_date
    locked.year = document_date.year
    locked.search_text = _search_text(locked)
    locked.revision += 1
    locked.save()
    audit_record(
        actor=actor,
        action=AuditAction.DISPATCH_UPDATE,
        obj=locked,
        unit=locked.unit,
        changes={k: [v, getattr(locked, k)] for k, v in before.items()},
    )
    return locked


@transaction.atomic
def dispatch_record_issued(
    *,
    actor,
    unit: Unit,
    number: str,
    document_date: dt.date,
    subject: str,
    recipients: list[str],
    cites: Dispatch | None = None,
    signer: tuple[str, str] = ("", ""),
) -> Dispatch:
    """Enter a signed outgoing dispatch drafted in Dienhinh in the unit's registry."""
    _check(unit, number, document_date)
    dispatch = Dispatch(
        unit=unit,
        direction=Direction.OUTGOING,
        status=Status.REGISTERED,
        number=number,
        document_date=document_date,
        year=document_date.year,
        issuer_name=unit.name,
        subject=subject[:500],
        recipients=recipients,
        signer_title=signer[0][:255],
        signer_name=signer[1][:120],
        created_by=acting_user(actor),
    )
    dispatch.search_text = _search_text(dispatch)
    dispatch.save()
    if cites is not None:
        Reference.objects.create(
            dispatch=dispatch,
            number=cites.number[:80] or "—",
            date=cites.document_date,
            issuer=cites.issuer_name[:255],
            cited=cites,
        )
    audit_record(
        actor=actor,
        action=AuditAction.DISPATCH_REGISTER,
        obj=dispatch,
        unit=unit,
        changes={"number": number, "document_date": document_date, "drafted_in": "dienhinh"},
    )
    return dispatch
