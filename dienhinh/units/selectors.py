"""Reading the unit tree: subtrees, the tree as of a date, lineage, search, statistics."""

import datetime as dt

from django.db.models import Count, F, Q, QuerySet

from dienhinh.common.dates import today
from dienhinh.common.text import fold

from .models import Unit, UnitLineage, UnitVersion


def valid_on_q(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


def units_valid_on(day: dt.date | None = None) -> QuerySet[Unit]:
    return Unit.objects.filter(valid_on_q(day or today()))


def unit_subtree(*, unit: Unit, on: dt.date | None = None, include_self: bool = True):
    """The unit and everything below it (by the current tree), optionally only those valid
    on a day. One indexed prefix query on the materialised path."""
    units = Unit.objects.filter(path__startswith=unit.path)
    if not include_self:
        units = units.exclude(pk=unit.pk)
    if on is not None:
        units = units.filter(valid_on_q(on))
    return units


def unit_children_on(*, unit: Unit | None, on: dt.date) -> list[UnitVersion]:
    """The children of a unit as the tree stood on `on`, read from the dated versions, so a
    unit moved away later still shows under its old parent on an old date."""
    versions = UnitVersion.objects.filter(valid_on_q(on), parent=unit).select_related("unit")
    return sorted(versions, key=lambda v: (v.unit.kind != "office", fold(v.name)))


def unit_version_on(*, unit: Unit, on: dt.date) -> UnitVersion | None:
    return UnitVersion.objects.filter(valid_on_q(on), unit=unit).first()


def unit_versions(*, unit: Unit) -> QuerySet[UnitVersion]:
    return unit.versions.select_related("parent", "event").order_by("valid_from")


def unit_predecessors(*, unit: Unit) -> QuerySet[UnitLineage]:
    return unit.predecessor_links.select_related("predecessor", "event").order_by(
        "-event__effective_date"
    )


def unit_successors(*, unit: Unit) -> QuerySet[UnitLineage]:
    return unit.successor_links.select_related("successor", "event").order_by(
        "-event__effective_date"
    )


def unit_all_predecessor_ids(*, unit_ids: set[int]) -> set[int]:
    """Every unit that ended into these (transitively): whose records they inherited."""
    found: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        step = set(
            UnitLineage.objects.filter(successor_id__in=frontier).values_list(
                "predecessor_id", flat=True
            )
        )
        frontier = step - found - unit_ids
        found |= frontier
    return found


def units_search(*, query: str, within: QuerySet[Unit], limit: int = 50) -> QuerySet[Unit]:
    """Diacritics- and case-insensitive search: "duong kinh" finds "Dương Kinh"."""
    units = within
    for word in fold(query).split():
        units = units.filter(search_text__contains=word)
    # Current units first on every database (PostgreSQL sorts NULLs last by default).
    current_first = F("valid_to").asc(nulls_first=True)
    return units.select_related("parent").order_by(current_first, "depth", "name")[:limit]


def unit_ancestors(*, unit: Unit) -> QuerySet[Unit]:
    """The chain from the root down to the unit's parent, from the path."""
    ids = [int(step) for step in unit.path.split(".") if step][:-1]
    return Unit.objects.filter(pk__in=ids).order_by("depth")


def unit_stats(*, on: dt.date | None = None) -> dict:
    """{"total": N, "by_kind": {kind: n}} for the units valid on a day (today by default)."""
    rows = units_valid_on(on).values("kind").annotate(n=Count("id")).order_by("kind")
    kinds = {row["kind"]: row["n"] for row in rows}
    return {"total": sum(kinds.values()), "by_kind": kinds}
