"""Importing a CSV/XLSX unit list: read and check it all, then write it all, or nothing.

Every row is checked before anything is written; a file with any bad row is refused as a
whole with every problem listed (`ImportRejected`). A good file is written in one transaction
through the unit services: `unit_create` for new units, `unit_update_details` for the
code/e-mail/kind corrections of existing ones, plus one `unit.import` audit event.
"""

import datetime as dt
from pathlib import PurePath

from django.db import transaction

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import today

from ..models import Unit
from ..services import NewUnit, unit_create, unit_update_details
from .plan import PlannedRow, plan_rows
from .report import ImportRejected, ImportSummary
from .tabular import file_codes, parse_rows, read_table


def units_import_table(
    *,
    actor,
    filename: str,
    content: bytes,
    on: dt.date | None = None,
    default_parent: Unit | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Import a .csv or .xlsx unit list. `on` is the valid_from of rows without one (today
    by default); `default_parent` the parent of rows without a parent_code (none: a root).
    Raises `ImportRejected` listing every bad row; then nothing is written."""
    table = read_table(filename=filename, content=content)
    rows, errors = parse_rows(table=table, default_valid_from=on or today())
    source = PurePath(filename).name
    with transaction.atomic():
        planned, plan_errors = plan_rows(
            rows=rows, file_codes=file_codes(table=table), default_parent=default_parent
        )
        errors = sorted(errors + plan_errors, key=lambda error: error.row)
        if errors:
            raise ImportRejected(errors)
        summary = plan_apply(
            actor=actor, planned=planned, source=source, default_parent=default_parent
        )
        summary.ignored_columns = list(table.ignored_columns)
        summary.dry_run = dry_run
        if dry_run:
            transaction.set_rollback(True)
    return summary


@transaction.atomic
def plan_apply(
    *, actor, planned: list[PlannedRow], source: str, default_parent: Unit | None = None
) -> ImportSummary:
    """Write a checked plan, in file order (parents come before their sub-units)."""
    summary = ImportSummary(source=source)
    units_by_row: dict[int, Unit] = {}
    for item in planned:
        row = item.row
        if item.unit is not None:
            unit = item.unit
            if item.corrections:
                unit = unit_update_details(
                    actor=actor, unit=unit, revision=unit.revision, **item.corrections
                )
                summary.updated += 1
            else:
                summary.unchanged += 1
            summary.differences += item.differences
        else:
            parent = units_by_row[item.parent_row] if item.parent_row else item.parent_unit
            unit = unit_create(
                actor=actor,
                spec=NewUnit(
                    name=row.name,
                    kind=row.kind,
                    parent=parent,
                    short_name=row.short_name,
                    abbreviation=row.abbreviation,
                    code=row.code,
                    emails=list(row.emails),
                ),
                valid_from=row.valid_from,
                note=source,
            )
            summary.created += 1
            summary.created_by_kind[unit.kind] = summary.created_by_kind.get(unit.kind, 0) + 1
        units_by_row[row.row] = unit
    if summary.changed:
        audit_record(
            actor=actor,
            action=AuditAction.UNIT_IMPORT,
            unit=default_parent,
            changes=summary.audit_changes(parent=default_parent),
        )
    return summary
