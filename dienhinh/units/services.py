"""Creating units and correcting their details. Restructuring lives in `restructure.py`.

Every function here is one atomic, audited state change: it validates, locks, writes, and
records an audit event in the same transaction.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import acting_user, audit_record, diff
from dienhinh.common.dates import today, vn_date
from dienhinh.common.emails import normalise_emails
from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import clean_line, fold

from .kinds import check_child_kind
from .models import PATH_STEP, RestructureEvent, RestructureKind, Unit, UnitKind, UnitVersion


@dataclass
class NewUnit:
    """What a merge or split needs to create a unit; also the arguments of `unit_create`."""

    name: str
    kind: str
    parent: Unit | None = None
    short_name: str = ""
    abbreviation: str = ""
    code: str = ""
    emails: list[str] = field(default_factory=list)


def search_text_for(*, name: str, short_name: str, abbreviation: str, code: str) -> str:
    return fold(" ".join(part for part in (name, short_name, abbreviation, code) if part))[:600]


def check_valid_on(unit: Unit, day: dt.date) -> None:
    """Refuse to act on a unit on a day it did not exist."""
    if day < unit.valid_from:
        raise ApplicationError(
            _("%(unit)s did not exist yet on %(day)s (it exists from %(start)s).")
            % {"unit": unit.name, "day": vn_date(day), "start": vn_date(unit.valid_from)}
        )
    if unit.valid_to is not None and day >= unit.valid_to:
        raise ApplicationError(
            _("%(unit)s no longer existed on %(day)s (it ended on %(end)s).")
            % {"unit": unit.name, "day": vn_date(day), "end": vn_date(unit.valid_to)}
        )


def check_code_free(*, code: str, valid_from: dt.date, valid_to: dt.date | None, exclude=None):
    """An official code belongs to one unit at a time: refuse overlapping validity."""
    if not code:
        return
    holders = Unit.objects.filter(code=code)
    if exclude is not None:
        holders = holders.exclude(pk=exclude.pk)
    for other in holders:
        starts_before_other_ends = other.valid_to is None or valid_from < other.valid_to
        ends_after_other_starts = valid_to is None or other.valid_from < valid_to
        if starts_before_other_ends and ends_after_other_starts:
            raise ApplicationError(
                _("Code %(code)s already belongs to %(unit)s for an overlapping period.")
                % {"code": code, "unit": other.name},
                field="code",
            )


# The earliest date a unit's history may start, and how far ahead a creation may be
# recorded: "valid from 9999" is a typo, not a plan. A restructure decided by a resolution
# may be recorded further ahead (the 2025 mergers were decided months before).
EARLIEST = dt.date(1945, 1, 1)
PLANNED_AHEAD_DAYS = 366
RESTRUCTURE_AHEAD_DAYS = 5 * 366


def check_plausible_date(day: dt.date, *, field: str, ahead_days: int = PLANNED_AHEAD_DAYS) -> None:
    latest = today() + dt.timedelta(days=ahead_days)
    if not EARLIEST <= day <= latest:
        raise ApplicationError(
            _("The date must lie between %(earliest)s and %(latest)s.")
            % {"earliest": vn_date(EARLIEST), "latest": vn_date(latest)},
            field=field,
        )


def _check_kind_fits(unit: Unit, kind: str) -> None:
    """A new kind must fit under the unit's parent and above its sub-units."""
    check_child_kind(parent=unit.parent, kind=kind)
    for child in unit.children.filter(valid_to__isnull=True):
        check_child_kind(parent=Unit(name=unit.name, kind=kind), kind=child.kind)


def check_kind(kind: str) -> None:
    if kind not in UnitKind.values:
        raise ApplicationError(_("Unknown unit kind: %(kind)s.") % {"kind": kind}, field="kind")


def open_version(unit: Unit, *, on: dt.date, event: RestructureEvent | None) -> UnitVersion:
    return UnitVersion.objects.create(
        unit=unit,
        valid_from=on,
        valid_to=unit.valid_to,
        name=unit.name,
        short_name=unit.short_name,
        abbreviation=unit.abbreviation,
        parent=unit.parent,
        event=event,
    )


def close_current_version(unit: Unit, *, on: dt.date) -> None:
    # The version still running on `on`: open-ended, or ending later when an end is scheduled.
    running = Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    UnitVersion.objects.filter(running, unit=unit).update(valid_to=on)


def path_for(unit: Unit, parent: Unit | None) -> str:
    return (parent.path if parent else "") + f"{unit.pk:0{PATH_STEP}d}."


def restructure_event_create(
    *, kind: str, on: dt.date, actor, subject=None, legal_basis: str = "", note: str = ""
) -> RestructureEvent:
    """The dated record every restructure (and creation, and import) hangs its rows on."""
    check_plausible_date(on, field="on", ahead_days=RESTRUCTURE_AHEAD_DAYS)
    return RestructureEvent.objects.create(
        kind=kind,
        effective_date=on,
        subject=subject,
        legal_basis=legal_basis,
        note=note,
        actor=acting_user(actor),
    )


def create_unit_row(spec: NewUnit, *, valid_from: dt.date, event: RestructureEvent) -> Unit:
    """Validate and insert one unit with its first version (caller holds the transaction)."""
    name = clean_line(spec.name)
    if not name:
        raise ApplicationError(_("A unit needs a name."), field="name")
    check_kind(spec.kind)
    parent = spec.parent
    if parent is not None:
        # Lock and re-read the parent: the caller's copy may predate a dissolution, merge or
        # move committed meanwhile (or done earlier in this very merge), and its path is copied.
        parent = Unit.objects.select_for_update().get(pk=parent.pk)
        check_valid_on(parent, valid_from)
    check_child_kind(parent=parent, kind=spec.kind)
    code = clean_line(spec.code)
    check_code_free(code=code, valid_from=valid_from, valid_to=None)
    unit = Unit.objects.create(
        name=name,
        short_name=clean_line(spec.short_name),
        abbreviation=clean_line(spec.abbreviation),
        kind=spec.kind,
        code=code,
        emails=normalise_emails(spec.emails),
        parent=parent,
        valid_from=valid_from,
        depth=(parent.depth + 1) if parent else 0,
        search_text=search_text_for(
            name=name, short_name=spec.short_name, abbreviation=spec.abbreviation, code=code
        ),
    )
    unit.path = path_for(unit, parent)
    Unit.objects.filter(pk=unit.pk).update(path=unit.path)
    open_version(unit, on=valid_from, event=event)
    return unit


@transaction.atomic
def unit_create(
    *,
    actor,
    spec: NewUnit,
    valid_from: dt.date,
    legal_basis: str = "",
    note: str = "",
) -> Unit:
    check_plausible_date(valid_from, field="on")
    event = restructure_event_create(
        kind=RestructureKind.CREATE,
        on=valid_from,
        actor=actor,
        legal_basis=legal_basis,
        note=note,
    )
    unit = create_unit_row(spec, valid_from=valid_from, event=event)
    RestructureEvent.objects.filter(pk=event.pk).update(subject=unit)
    audit_record(
        actor=actor,
        action=AuditAction.UNIT_CREATE,
        obj=unit,
        unit=unit,
        changes={
            "name": unit.name,
            "kind": unit.kind,
            "code": unit.code,
            "parent": unit.parent,
            "valid_from": valid_from.isoformat(),
            "legal_basis": legal_basis,
        },
    )
    return unit


@transaction.atomic
def unit_update_details(
    *,
    actor,
    unit: Unit,
    revision: int,
    code: str | None = None,
    emails: list[str] | None = None,
    kind: str | None = None,
    name: str | None = None,
    short_name: str | None = None,
    abbreviation: str | None = None,
) -> Unit:
    """Correct what is not a restructure: a misspelt name, the official code, contact
    e-mails, the kind. A correction leaves no dated version (a unit created today with a
    typo is simply corrected); a real change of name is a rename, with its date.

    `revision` is the one the editor's form was loaded with; if someone saved in between,
    the edit is refused instead of silently overwriting theirs.
    """
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if locked.revision != revision:
        raise ApplicationError(
            _("Someone else changed this unit while you were editing. Reload and try again.")
        )
    new = {
        "code": locked.code if code is None else clean_line(code),
        "emails": locked.emails if emails is None else normalise_emails(emails),
        "kind": locked.kind if kind is None else kind,
        "name": locked.name if name is None else clean_line(name),
        "short_name": locked.short_name if short_name is None else clean_line(short_name),
        "abbreviation": locked.abbreviation if abbreviation is None else clean_line(abbreviation),
    }
    if not new["name"]:
        raise ApplicationError(_("A unit needs a name."), field="name")
    check_kind(new["kind"])
    if new["kind"] != locked.kind:
        _check_kind_fits(locked, new["kind"])
    if new["code"] != locked.code:
        check_code_free(
            code=new["code"], valid_from=locked.valid_from, valid_to=locked.valid_to, exclude=locked
        )
    changes = diff(locked, list(new), new)
    if not changes:
        return locked
    for field_name, value in new.items():
        setattr(locked, field_name, value)
    locked.search_text = search_text_for(
        name=locked.name,
        short_name=locked.short_name,
        abbreviation=locked.abbreviation,
        code=locked.code,
    )
    # The correction applies to the unit as it is now: its current version says the same.
    UnitVersion.objects.filter(unit=locked, valid_to=locked.valid_to).update(
        name=locked.name, short_name=locked.short_name, abbreviation=locked.abbreviation
    )
    locked.revision += 1
    locked.save()
    audit_record(
        actor=actor, action=AuditAction.UNIT_UPDATE, obj=locked, unit=locked, changes=changes
    )
    return locked
