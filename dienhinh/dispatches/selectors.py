"""Which dispatches a user may see, and the registry's search."""

from django.db.models import Q, QuerySet

from dienhinh.accounts.scope import Action, units_for
from dienhinh.common.text import fold

from .models import Dispatch, Status


def dispatches_for(user) -> QuerySet[Dispatch]:
    """Registered dispatches of the units the user sees, and those relayed to them; drafts
    only to the people who register the unit's dispatches."""
    seen = units_for(user, Action.VIEW)
    managed = units_for(user, Action.MANAGE_DISPATCHES)
    return Dispatch.objects.filter(
        Q(status=Status.REGISTERED, unit__in=seen)
        | Q(status=Status.REGISTERED, addressee_units__in=seen)
        | Q(status=Status.DRAFT, unit__in=managed)
    ).distinct()


def registry(
    *,
    user,
    query: str = "",
    unit=None,
    year: int | None = None,
    direction: str = "",
    subject: str = "",
) -> QuerySet[Dispatch]:
    found = dispatches_for(user)
    if unit is not None:
        if direction == "incoming":
            found = found.filter(
                Q(unit=unit, direction="incoming") | Q(addressee_units=unit, direction="outgoing")
            )
        elif direction == "outgoing":
            found = found.filter(unit=unit, direction="outgoing")
        else:
            found = found.filter(Q(unit=unit) | Q(addressee_units=unit))
    elif direction:
        found = found.filter(direction=direction)
    if year:
        found = found.filter(year=year)
    for word in fold(query).split():
        found = found.filter(search_text__contains=word)
    if subject.strip():
        # the subject is part of search_text; a separate box narrows by it alone
        ids = [d.pk for d in found.only("pk", "subject") if fold(subject) in fold(d.subject)]
        found = found.filter(pk__in=ids)
    return found.select_related("unit", "programme", "parent").distinct()


def years_for(user) -> list[int]:
    return sorted(set(dispatches_for(user).values_list("year", flat=True)), reverse=True)
