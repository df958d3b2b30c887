"""Restructuring: rename, move, dissolve, merge, split.

Each is one dated, audited, atomic operation that records a `RestructureEvent`. Nothing is
deleted: ended units keep their rows, versions and records, and lineage rows lead from them
to their successors. Dates are effective dates: the change holds from that day on.
"""

import datetime as dt

from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import today, vn_date
from dienhinh.common.errors import ApplicationError

from .hooks import run_after_restructure
from .kinds import check_child_kind
from .models import RestructureEvent, RestructureKind, Unit, UnitLineage, UnitVersion
from .services import (
    NewUnit,
    check_valid_on,
    close_current_version,
    create_unit_row,
    open_version,
    path_for,
    restructure_event_create,
    search_text_for,
)


def _lock(*units: Unit) -> list[Unit]:
    """Lock the rows in id order (so two restructures never deadlock) and reload them."""
    ids = sorted({u.pk for u in units})
    locked = {u.pk: u for u in Unit.objects.select_for_update().filter(pk__in=ids)}
    return [locked[u.pk] for u in units]


def _check_changes_after_last_version(unit: Unit, on: dt.date) -> None:
    """Versions are appended in date order; a change dated before the latest one would
    rewrite history that later changes were built on."""
    check_valid_on(unit, on)
    current = UnitVersion.objects.filter(unit=unit).order_by("-valid_from").first()
    if current is not None and on <= current.valid_from:
        raise ApplicationError(
            _(
                "The effective date must be after %(day)s, the date of the last change to "
                "%(unit)s. To correct a misspelt name or a wrong kind, use “Correct the "
                "details” instead: a correction is not a restructure."
            )
            % {"day": vn_date(current.valid_from), "unit": unit.name},
            field="on",
        )


def _check_not_future(on: dt.date) -> None:
    # Renames and moves change the unit's current name and place at once, so they are
    # recorded on or after their effective day, not scheduled ahead.
    if on > today():
        raise ApplicationError(
            _("The effective date of a rename or move cannot be in the future."),
            field="on",
        )


def _end_unit(unit: Unit, *, on: dt.date) -> None:
    _check_changes_after_last_version(unit, on)
    unit.valid_to = on
    unit.revision += 1
    unit.save(update_fields=["valid_to", "revision", "updated_at"])
    close_current_version(unit, on=on)


def _audit_ended(*, actor, units: list[Unit], event: RestructureEvent, successor=None) -> None:
    """File the end of each unit under the unit itself too, so that its own leader (who
    cannot see the merged or parent unit) reads in the log why the unit ended."""
    for unit in units:
        audit_record(
            actor=actor,
            action=AuditAction.UNIT_END,
            obj=unit,
            unit=unit,
            changes={
                "on": event.effective_date.isoformat(),
                "by": event.kind,
                "successor": successor,
            },
        )


def _link(event: RestructureEvent, predecessor: Unit, successor: Unit) -> None:
    UnitLineage.objects.create(event=event, predecessor=predecessor, successor=successor)


def _move_row(unit: Unit, new_parent: Unit | None, *, on: dt.date, event) -> None:
    """Re-hang a unit and rewrite the materialised path of its whole subtree at once."""
    if new_parent is not None and new_parent.path.startswith(unit.path):
        # Every caller checks this first; the guard keeps a slip from ever making a cycle.
        raise ApplicationError(
            _("A unit cannot be placed under itself or one of its own sub-units."),
            field="new_parent",
        )
    _check_changes_after_last_version(unit, on)
    old_path, old_depth = unit.path, unit.depth
    new_path = path_for(unit, new_parent)
    new_depth = (new_parent.depth + 1) if new_parent else 0
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + (new_depth - old_depth),
    )
    close_current_version(unit, on=on)
    unit.parent, unit.path, unit.depth = new_parent, new_path, new_depth
    unit.revision += 1
    unit.save(update_fields=["parent", "path", "depth", "revision", "updated_at"])
    open_version(unit, on=on, event=event)


def _current_children(unit: Unit, on: dt.date):
    return Unit.objects.filter(parent=unit).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))


@transaction.atomic
def unit_rename(
    *,
    actor,
    unit: Unit,
    on: dt.date,
    name: str,
    short_name: str | None = None,
    abbreviation: str | None = None,
    legal_basis: str = "",
    note: str = "",
) -> Unit:
    (unit,) = _lock(unit)
    _check_not_future(on)
    _check_changes_after_last_version(unit, on)
    name = name.strip()
    if not name:
        raise ApplicationError(_("A unit needs a name."), field="name")
    new = {
        "name": name,
        "short_name": unit.short_name if short_name is None else short_name.strip(),
        "abbreviation": unit.abbreviation if abbreviation is None else abbreviation.strip(),
    }
    changes = {k: [getattr(unit, k), v] for k, v in new.items() if getattr(unit, k) != v}
    if not changes:
        raise ApplicationError(_("The new name is the same as the current one."), field="name")
    event = restructure_event_create(
        kind=RestructureKind.RENAME,
        on=on,
        actor=actor,
        subject=unit,
        legal_basis=legal_basis,
        note=note,
    )
    close_current_version(unit, on=on)
    for key, value in new.items():
        setattr(unit, key, value)
    unit.search_text = search_text_for(code=unit.code, **new)
    unit.revision += 1
    unit.save()
    open_version(unit, on=on, event=event)
    audit_record(
        actor=actor,
        action=AuditAction.UNIT_RENAME,
        obj=unit,
        unit=unit,
        changes={**changes, "on": on.isoformat(), "legal_basis": legal_basis},
    )
    return unit


@transaction.atomic
def unit_move(
    *,
    actor,
    unit: Unit,
    on: dt.date,
    new_parent: Unit | None,
    legal_basis: str = "",
    note: str = "",
) -> Unit:
    unit, *rest = _lock(unit, *([new_parent] if new_parent else []))
    new_parent = rest[0] if rest else None
    _check_not_future(on)
    _check_changes_after_last_version(unit, on)
    if new_parent is not None:
        if new_parent.path.startswith(unit.path):
            raise ApplicationError(
                _("A unit cannot be placed under itself or one of its own sub-units."),
                field="new_parent",
            )
        check_valid_on(new_parent, on)
    check_child_kind(parent=new_parent, kind=unit.kind, field="new_parent")
    if (new_parent.pk if new_parent else None) == unit.parent_id:
        raise ApplicationError(_("The unit is already under that parent."), field="new_parent")
    old_parent = unit.parent
    event = restructure_event_create(
        kind=RestructureKind.MOVE,
        on=on,
        actor=actor,
        subject=unit,
        legal_basis=legal_basis,
        note=note,
    )
    _move_row(unit, new_parent, on=on, event=event)
    run_after_restructure(event=event, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.UNIT_MOVE,
        obj=unit,
        unit=unit,
        changes={"parent": [old_parent, new_parent], "on": on.isoformat()},
    )
    return unit


def _dissolve_rows(unit: Unit, *, on: dt.date, cascade: bool) -> list[Unit]:
    """End a unit and, with cascade, every sub-unit still alive at `on`; return them all."""
    living = Unit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk)
    living = list(living.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on)))
    if living and not cascade:
        raise ApplicationError(
            _(
                "%(unit)s still has %(count)d sub-unit(s) on %(day)s. Merge, move or "
                "dissolve them first, or dissolve them together with it."
            )
            % {"unit": unit.name, "count": len(living), "day": vn_date(on)}
        )
    ended = []
    for sub in [unit, *living]:
        _check_began_before(sub, on)
        _end_unit(sub, on=on)
        ended.append(sub)
    return ended


@transaction.atomic
def unit_dissolve(
    *,
    actor,
    unit: Unit,
    on: dt.date,
    successor: Unit | None = None,
    cascade: bool = False,
    legal_basis: str = "",
    note: str = "",
) -> list[Unit]:
    """End a unit. `successor`, when given, is the unit that takes over its records."""
    unit, *rest = _lock(unit, *([successor] if successor else []))
    successor = rest[0] if rest else None
    check_valid_on(unit, on)
    _check_not_ending(unit)
    if successor is not None:
        if successor.path.startswith(unit.path):
            raise ApplicationError(
                _("The successor cannot be the unit itself or one of its sub-units."),
                field="successor",
            )
        _check_target_alive(successor, on, field="successor")
    event = restructure_event_create(
        kind=RestructureKind.DISSOLVE,
        on=on,
        actor=actor,
        subject=unit,
        legal_basis=legal_basis,
        note=note,
    )
    ended = _dissolve_rows(unit, on=on, cascade=cascade)
    if successor is not None:
        _link(event, unit, successor)
    run_after_restructure(event=event, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.UNIT_DISSOLVE,
        obj=unit,
        unit=unit,
        changes={
            "on": on.isoformat(),
            "successor": successor,
            "legal_basis": legal_basis,
            "ended": [u.name for u in ended],
        },
    )
    _audit_ended(actor=actor, units=ended[1:], event=event, successor=successor)
    return ended


def _check_target_alive(target: Unit, on: dt.date, *, field: str = "into") -> None:
    """A merge or dissolution can only hand over to a unit that goes on existing."""
    if target.valid_to is not None:
        raise ApplicationError(
            _("%(unit)s ends on %(end)s; its records cannot be handed over to it.")
            % {"unit": target.name, "end": vn_date(target.valid_to)},
            field=field,
        )
    check_valid_on(target, on)


def _check_began_before(unit: Unit, on: dt.date) -> None:
    """A unit can only end after the day it began: [valid_from, valid_to) is never empty."""
    if on <= unit.valid_from:
        raise ApplicationError(
            _("%(unit)s began on %(start)s; it can only end after that day, not on %(day)s.")
            % {"unit": unit.name, "start": vn_date(unit.valid_from), "day": vn_date(on)},
            field="on",
        )


def _check_not_ending(unit: Unit) -> None:
    """Ending a unit that already ends (even later) would give it two successors."""
    if unit.valid_to is not None:
        raise ApplicationError(
            _("%(unit)s already ends on %(end)s.")
            % {"unit": unit.name, "end": vn_date(unit.valid_to)},
            field="on",
        )


def _check_sources(sources: list[Unit], on: dt.date) -> None:
    if not sources:
        raise ApplicationError(_("Choose at least one unit to merge."), field="sources")
    for source in sources:
        _check_began_before(source, on)
        check_valid_on(source, on)
        _check_not_ending(source)


@transaction.atomic
def units_merge(
    *,
    actor,
    sources: list[Unit],
    on: dt.date,
    into: Unit | None = None,
    new_unit: NewUnit | None = None,
    legal_basis: str = "",
    note: str = "",
) -> Unit:
    """Merge several units into one: an existing unit (`into`) or a new one (`new_unit`).

    The sources end on `on`; their living sub-units move under the merged unit.
    """
    if (into is None) == (new_unit is None):
        raise ApplicationError(_("Merge into either an existing unit or a new one."))
    locked = _lock(*sources, *([into] if into else []))
    sources, into = locked[: len(sources)], (locked[-1] if into else None)
    _check_sources(sources, on)
    if into is not None:
        if into.pk in {s.pk for s in sources}:
            raise ApplicationError(_("A unit cannot be merged into itself."), field="into")
        _check_target_alive(into, on)
        for source in sources:
            if into.path.startswith(source.path):
                raise ApplicationError(
                    _("A unit cannot be merged into one of its own sub-units."), field="into"
                )
    if new_unit is not None and new_unit.parent is not None:
        for source in sources:
            if new_unit.parent.path.startswith(source.path):
                raise ApplicationError(
                    _(
                        "%(unit)s is being merged: the merged unit cannot be placed under it "
                        "or under one of its sub-units."
                    )
                    % {"unit": source.name},
                    field="new_parent",
                )
    event = restructure_event_create(
        kind=RestructureKind.MERGE, on=on, actor=actor, legal_basis=legal_basis, note=note
    )
    # End the sources first: the merged unit often keeps one of their official codes.
    for source in sources:
        _end_unit(source, on=on)
    target = into or create_unit_row(new_unit, valid_from=on, event=event)
    RestructureEvent.objects.filter(pk=event.pk).update(subject=target)
    for source in sources:
        for child in _current_children(source, on):
            _move_row(child, target, on=on, event=event)
        _link(event, source, target)
    run_after_restructure(event=event, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.UNIT_MERGE,
        obj=target,
        unit=target,
        changes={
            "sources": [s.name for s in sources],
            "into": target,
            "on": on.isoformat(),
            "legal_basis": legal_basis,
            "new": new_unit is not None,
        },
    )
    _audit_ended(actor=actor, units=sources, event=event, successor=target)
    return target


@transaction.atomic
def unit_split(
    *,
    actor,
    source: Unit,
    on: dt.date,
    into: list[NewUnit | Unit],
    keep_source: bool = False,
    legal_basis: str = "",
    note: str = "",
) -> list[Unit]:
    """Split a unit into several: new units and/or existing ones that take over parts.

    Without `keep_source` the source ends on `on`; it must have no living sub-units left
    (move them first), because Dienhinh cannot guess which part each one goes to.
    """
    if len(into) < (1 if keep_source else 2):
        raise ApplicationError(
            _("Name at least one unit that takes over part of it.")
            if keep_source
            else _("A split needs at least two resulting units."),
            field="into",
        )
    (source,) = _lock(source)
    _check_sources([source], on)
    if not keep_source and _current_children(source, on).exists():
        raise ApplicationError(
            _("Move the sub-units of %(unit)s to the resulting units before splitting it.")
            % {"unit": source.name}
        )
    event = restructure_event_create(
        kind=RestructureKind.SPLIT,
        on=on,
        actor=actor,
        subject=source,
        legal_basis=legal_basis,
        note=note,
    )
    if not keep_source:
        # Ended first, so a resulting unit may keep the source's official code.
        _end_unit(source, on=on)
    targets = []
    for part in into:
        if isinstance(part, Unit):
            (part,) = _lock(part)
            if part.pk == source.pk:
                raise ApplicationError(_("A unit cannot be split into itself."), field="into")
            _check_target_alive(part, on)
            target = part
        else:
            target = create_unit_row(part, valid_from=on, event=event)
        _link(event, source, target)
        targets.append(target)
    run_after_restructure(event=event, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.UNIT_SPLIT,
        obj=source,
        unit=source,
        changes={
            "into": [t.name for t in targets],
            "on": on.isoformat(),
            "keep_source": keep_source,
            "legal_basis": legal_basis,
        },
    )
    return targets
