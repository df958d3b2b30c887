"""Finding one unit from what a person types on a command line: an id or an official code."""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError

from ..models import Unit
from ..selectors import units_valid_on


def unit_by_reference(*, reference: str, on: dt.date | None = None) -> Unit:
    """`id:7`, `code:31`, or a bare value: the official code of a unit valid on `on` (today
    by default) or a unit id. A bare value that is both one unit's code and another's id is
    refused as ambiguous rather than guessed."""
    reference = reference.strip()
    on = on or today()
    prefix, _sep, value = reference.partition(":")
    if _sep and prefix in ("id", "code"):
        found = _by_id(value) if prefix == "id" else _by_code(value, on)
        if found is None:
            raise _unknown(reference)
        return found
    by_code, by_id = _by_code(reference, on), _by_id(reference)
    if by_code is not None and by_id is not None and by_code.pk != by_id.pk:
        raise ApplicationError(
            _(
                "%(ref)s is ambiguous: it is the code of %(by_code)s and the id of %(by_id)s. "
                "Write code:%(ref)s or id:%(ref)s."
            )
            % {"ref": reference, "by_code": by_code.name, "by_id": by_id.name},
            field="parent",
        )
    found = by_code or by_id
    if found is None:
        raise _unknown(reference)
    return found


def _by_code(code: str, on: dt.date) -> Unit | None:
    code = code.strip()
    return units_valid_on(on).filter(code=code).first() if code else None


def _by_id(value: str) -> Unit | None:
    value = value.strip()
    return Unit.objects.filter(pk=int(value)).first() if value.isdigit() else None


def _unknown(reference: str) -> ApplicationError:
    return ApplicationError(
        _("Unknown unit: %(ref)s. Give a unit id or the official code of a unit valid today.")
        % {"ref": reference},
        field="parent",
    )


def units_by_code_not_ended(*, on: dt.date | None = None) -> dict[str, Unit]:
    """Official code → the unit that holds it and has not ended by `on` (today): valid that
    day, or created ahead of time. An import matches its rows against these, so a second
    run finds what the first created even when it was dated in the future. If a code has
    both (one ending, its successor starting later), the unit valid that day wins."""
    on = on or today()
    found: dict[str, Unit] = {}
    units = (
        Unit.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .exclude(code="")
        .select_related("parent")
    )
    for unit in units:
        if unit.code not in found or unit.is_valid_on(on):
            found[unit.code] = unit
    return found
