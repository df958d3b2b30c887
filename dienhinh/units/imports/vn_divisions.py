"""The official divisions since 1/7/2025, from the `vietnam-provinces` package.

34 provinces/centrally-run cities and 3,321 communes, wards and special zones. Creating them
one service call at a time would write 3,355 restructure events and audit events and take
seconds; this module writes them in bulk instead, producing the same rows the services write
(`services.create_unit_row`: path, depth, search text, one `UnitVersion` each), under ONE
`RestructureEvent` of kind CREATE and ONE `unit.import` audit event, in one transaction.

A unit valid today (or created ahead of time) that carries an official code IS that
division: it keeps its id and its records. Its name and place are never changed here (renames
and moves are dated restructures done on purpose); differences are reported instead. Only its
kind, a plain correction, is set through `services.unit_update_details` when the name agrees.
"""

import datetime as dt
import importlib.metadata
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import today, vn_date
from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import fold

from ..models import RestructureKind, Unit, UnitKind, UnitVersion
from ..selectors import units_valid_on
from ..services import (
    check_valid_on,
    path_for,
    restructure_event_create,
    search_text_for,
    unit_update_details,
)
from .references import units_by_code_not_ended
from .report import Difference, ImportSummary

PACKAGE = "vietnam-provinces"
LEGAL_BASIS = "Nghị quyết 202/2025/QH15"
# The day the two-tier local government took effect.
DEFAULT_VALID_FROM = dt.date(2025, 7, 1)
BATCH_SIZE = 500


@dataclass(frozen=True)
class Division:
    code: str  # zero-padded: "31" for a province, "11692" for a ward
    name: str
    kind: str
    province_code: str = ""  # the province a commune/ward/special zone belongs to


def package_version() -> str:
    return importlib.metadata.version(PACKAGE)


def _kind_for(division_type) -> str:
    from vietnam_provinces import VietNamDivisionType as T

    kinds = {
        T.TINH: UnitKind.PROVINCE,
        T.THANH_PHO_TRUNG_UONG: UnitKind.PROVINCE,
        T.XA: UnitKind.COMMUNE,
        T.PHUONG: UnitKind.WARD,
        T.DAC_KHU: UnitKind.SPECIAL_ZONE,
    }
    try:
        return kinds[division_type].value
    except KeyError as exc:  # a new type in a later package version: refuse to guess
        raise ApplicationError(
            _("Unknown division type in %(package)s: %(type)s.")
            % {"package": PACKAGE, "type": division_type}
        ) from exc


def _clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def official_divisions() -> list[Division]:
    """Provinces first (in package order), then communes, wards and special zones."""
    from vietnam_provinces import Province, Ward

    provinces = [
        Division(code=f"{int(p.code):02d}", name=_clean(p.name), kind=_kind_for(p.division_type))
        for p in Province.iter_all()
    ]
    wards = [
        Division(
            code=f"{int(w.code):05d}",
            name=_clean(w.name),
            kind=_kind_for(w.division_type),
            province_code=f"{int(w.province_code):02d}",
        )
        for w in Ward.iter_all()
    ]
    return provinces + wards


def default_root_parent(*, on: dt.date | None = None) -> Unit | None:
    """The central board the provinces hang under, if exactly one is valid on the day."""
    boards = list(units_valid_on(on).filter(kind=UnitKind.CENTRAL_BOARD)[:2])
    return boards[0] if len(boards) == 1 else None


@transaction.atomic
def units_import_vn_divisions(
    *,
    actor,
    on: dt.date = DEFAULT_VALID_FROM,
    parent: Unit | None = None,
    dry_run: bool = False,
    divisions: Sequence[Division] | None = None,
) -> ImportSummary:
    """Create the official divisions that are missing; match those already there by code.

    `on` is the valid_from of the units created; `parent` the unit new provinces hang under
    (by default the single central board valid today, else none). `divisions` replaces the
    package's list (tests). With `dry_run` everything is computed and rolled back.
    """
    day = today()
    divisions = list(official_divisions() if divisions is None else divisions)
    source = f"{PACKAGE} {package_version()}"
    summary = ImportSummary(source=source, dry_run=dry_run)
    if parent is None:
        parent = default_root_parent(on=day)

    current = units_by_code_not_ended(on=day)
    missing = [d for d in divisions if d.code not in current]
    _check_codes_free(codes={d.code for d in missing}, on=on, day=day)

    provinces = {
        d.code: current[d.code] for d in divisions if not d.province_code and d.code in current
    }
    event = None
    if missing:
        event = restructure_event_create(
            kind=RestructureKind.CREATE, on=on, actor=actor, legal_basis=LEGAL_BASIS, note=source
        )
        new_provinces = [d for d in missing if not d.province_code]
        new_wards = [d for d in missing if d.province_code]
        # Like `create_unit_row`: lock and re-read the parents whose paths are copied, so a
        # move or dissolution committed meanwhile is seen.
        if new_provinces and parent is not None:
            parent = Unit.objects.select_for_update().get(pk=parent.pk)
            check_valid_on(parent, on)
        receiving = {
            provinces[d.province_code].pk for d in new_wards if d.province_code in provinces
        }
        for province in Unit.objects.select_for_update().filter(pk__in=receiving):
            check_valid_on(province, on)
            provinces[province.code] = province
        provinces.update(
            {u.code: u for u in _bulk_create(new_provinces, parents={}, root=parent, on=on)}
        )
        created = _bulk_create(new_wards, parents=provinces, root=parent, on=on)
        created_all = [provinces[d.code] for d in new_provinces] + created
        UnitVersion.objects.bulk_create(
            [
                UnitVersion(
                    unit=unit,
                    valid_from=on,
                    valid_to=None,
                    name=unit.name,
                    short_name=unit.short_name,
                    abbreviation=unit.abbreviation,
                    parent=unit.parent,
                    event=event,
                )
                for unit in created_all
            ],
            batch_size=BATCH_SIZE,
        )
        summary.created = len(created_all)
        summary.created_by_kind = dict(Counter(unit.kind for unit in created_all))

    corrections: list[tuple[Unit, str]] = []
    for division in divisions:
        if division.code in current:
            corrections += _compare(current[division.code], division, provinces, summary)
    for unit, kind in corrections:
        unit_update_details(actor=actor, unit=unit, revision=unit.revision, kind=kind)
    summary.updated = len(corrections)
    summary.unchanged = len(divisions) - len(missing) - len(corrections)

    if summary.changed:
        audit_record(
            actor=actor,
            action=AuditAction.UNIT_IMPORT,
            obj=event,
            unit=parent,
            changes=summary.audit_changes(
                on=on.isoformat(), parent=parent, legal_basis=LEGAL_BASIS
            ),
        )
    if dry_run:
        transaction.set_rollback(True)
    return summary


def _compare(
    unit: Unit, division: Division, provinces: dict[str, Unit], summary: ImportSummary
) -> list[tuple[Unit, str]]:
    """Report how a matched unit differs; return the kind correction to make, if any."""
    names_agree = _clean(unit.name) == division.name
    if not names_agree:
        summary.differences.append(
            Difference(
                code=division.code,
                unit_id=unit.pk,
                field="name",
                current=unit.name,
                proposed=division.name,
            )
        )
    official_parent = provinces.get(division.province_code) if division.province_code else None
    if official_parent is not None and unit.parent_id != official_parent.pk:
        summary.differences.append(
            Difference(
                code=division.code,
                unit_id=unit.pk,
                field="parent",
                current=unit.parent.name if unit.parent else "—",
                proposed=official_parent.name,
            )
        )
    if unit.kind == division.kind:
        return []
    if fold(unit.name) == fold(division.name):
        return [(unit, division.kind)]
    # A different name and a different kind: perhaps not the same thing at all. Say so.
    summary.differences.append(
        Difference(
            code=division.code,
            unit_id=unit.pk,
            field="kind",
            current=unit.kind,
            proposed=division.kind,
        )
    )
    return []


def _check_codes_free(*, codes: set[str], on: dt.date, day: dt.date) -> None:
    """Like `services.check_code_free` for many codes. Units not ended by today were matched;
    what is left are ended units: refuse if one held a code until after `on`."""
    if not codes:
        return
    ended = Unit.objects.filter(valid_to__lte=day, valid_to__gt=on).exclude(code="")
    clashes = [u for u in ended.only("code", "name", "valid_to") if u.code in codes]
    if clashes:
        examples = ", ".join(f"{u.code} ({u.name})" for u in clashes[:5])
        raise ApplicationError(
            ngettext(
                "%(count)d official code already belongs to another unit for a period "
                "overlapping %(day)s: %(examples)s. Nothing was imported.",
                "%(count)d official codes already belong to other units for a period "
                "overlapping %(day)s, e.g. %(examples)s. Nothing was imported.",
                len(clashes),
            )
            % {"count": len(clashes), "day": vn_date(on), "examples": examples},
            field="code",
        )


def _bulk_create(
    divisions: list[Division], *, parents: dict[str, Unit], root: Unit | None, on: dt.date
) -> list[Unit]:
    """Insert the units as `services.create_unit_row` would, then set their paths (which
    need the new ids)."""
    units = []
    for division in divisions:
        parent = parents[division.province_code] if division.province_code else root
        units.append(
            Unit(
                name=division.name,
                short_name="",
                abbreviation="",
                kind=division.kind,
                code=division.code,
                emails=[],
                parent=parent,
                valid_from=on,
                depth=(parent.depth + 1) if parent else 0,
                search_text=search_text_for(
                    name=division.name, short_name="", abbreviation="", code=division.code
                ),
            )
        )
    Unit.objects.bulk_create(units, batch_size=BATCH_SIZE)
    if any(unit.pk is None for unit in units):  # a database that cannot return new ids
        ids = dict(
            Unit.objects.filter(
                valid_to__isnull=True, code__in=[u.code for u in units]
            ).values_list("code", "pk")
        )
        for unit in units:
            unit.pk = ids[unit.code]
    for unit in units:
        unit.path = path_for(unit, unit.parent)
    Unit.objects.bulk_update(units, ["path"], batch_size=BATCH_SIZE)
    return units
