"""Matching checked rows against the tree: which rows are existing units, which are new, under
which parent, and what is wrong. Reads only; `apply.py` writes.

A row is an existing unit when a unit not ended by today has its code, or, for a row whose
parent is already in the tree, when such a child of that parent has the same name (folded).
Parent codes name units valid today or earlier rows of the file. A match can have its code,
e-mails and kind corrected; its name and place are only reported.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from dienhinh.common.dates import today, vn_date
from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import fold

from ..models import Unit
from ..services import check_code_free
from .references import units_by_code_not_ended
from .report import Difference, ErrorCode, RowError
from .tabular import UnitRow

# Where a row hangs, for spotting twins: ("unit", id), ("row", number) or ("root",).
ParentKey = tuple


@dataclass
class PlannedRow:
    row: UnitRow
    unit: Unit | None = None  # the existing unit the row is; None: to be created
    parent_unit: Unit | None = None  # the parent already in the tree
    parent_row: int = 0  # or the earlier row of the file that creates the parent
    corrections: dict[str, object] = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)


class _Planner:
    def __init__(self, *, default_parent: Unit | None, file_codes: dict[str, int]):
        self.day = today()
        self.default_parent = default_parent
        self.file_codes = file_codes
        # Rows match units not ended by today; parent codes name units valid today.
        self.current = units_by_code_not_ended(on=self.day)
        self.valid_today = {code: u for code, u in self.current.items() if u.is_valid_on(self.day)}
        self.planned_by_code: dict[str, PlannedRow] = {}
        self.matched_ids: dict[int, int] = {}  # unit id → row number
        self.names: dict[tuple[ParentKey, str], PlannedRow] = {}
        self.children: dict[int | None, dict[str, list[Unit]]] = {}
        self.errors: list[RowError] = []
        self.rows: list[PlannedRow] = []

    def error(self, row: UnitRow, code: str, column: str, message: str) -> None:
        self.errors.append(RowError(row=row.row, code=code, column=column, message=message))

    # -- parents

    def resolve_parent(self, row: UnitRow) -> tuple[bool, Unit | None, PlannedRow | None]:
        """(resolved, parent unit in the tree, parent row of this file)."""
        code = row.parent_code
        if not code:
            return True, self.default_parent, None
        first = self.file_codes.get(code)
        if first is not None and first < row.row:
            parent_row = self.planned_by_code.get(code)
            if parent_row is None:  # that row has errors of its own, already reported
                return False, None, None
            return True, parent_row.unit, (None if parent_row.unit else parent_row)
        if code in self.valid_today:
            return True, self.valid_today[code], None
        if first is not None:
            message = _(
                "Parent code %(code)s is defined only later, on row %(later)d: put the parent "
                "above its sub-units."
            ) % {"code": code, "later": first}
        else:
            message = _(
                "Parent code %(code)s matches no current unit and no earlier row of the file."
            ) % {"code": code}
        self.error(row, ErrorCode.UNKNOWN_PARENT, "parent_code", message)
        return False, None, None

    # -- matching

    def current_children(self, parent: Unit | None) -> dict[str, list[Unit]]:
        key = parent.pk if parent else None
        if key not in self.children:
            by_name: dict[str, list[Unit]] = defaultdict(list)
            children = Unit.objects.filter(parent=parent).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gt=self.day)
            )
            for unit in children.select_related("parent"):
                by_name[fold(unit.name)].append(unit)
            self.children[key] = by_name
        return self.children[key]

    def match(
        self, row: UnitRow, *, parent_unit: Unit | None, parent_row: PlannedRow | None
    ) -> tuple[Unit | None, bool]:
        """(the existing unit, matched by name?)"""
        if row.code and row.code in self.current:
            return self.current[row.code], False
        if parent_row is not None:  # under a unit this file creates: nothing exists there yet
            return None, False
        candidates = [
            u
            for u in self.current_children(parent_unit).get(fold(row.name), [])
            if u.pk not in self.matched_ids
        ]
        if len(candidates) > 1:
            self.error(
                row,
                ErrorCode.AMBIGUOUS,
                "name",
                _(
                    "%(count)d current units under the same parent are named %(name)s: give "
                    "the row the code of the one it means."
                )
                % {"count": len(candidates), "name": row.name},
            )
            return None, True
        return (candidates[0] if candidates else None), True

    # -- one row

    def plan(self, row: UnitRow) -> None:
        resolved, parent_unit, parent_row = self.resolve_parent(row)
        if not resolved or row.bad:
            return
        unit, by_name = self.match(row, parent_unit=parent_unit, parent_row=parent_row)
        planned = PlannedRow(
            row=row,
            unit=unit,
            parent_unit=parent_unit,
            parent_row=parent_row.row.row if parent_row else 0,
        )
        if unit is not None:
            if unit.pk in self.matched_ids:
                self.error(
                    row,
                    ErrorCode.DUPLICATE_NAME,
                    "name",
                    _("This row is the same unit as row %(first)d (%(name)s).")
                    % {"first": self.matched_ids[unit.pk], "name": unit.name},
                )
                return
            self.matched_ids[unit.pk] = row.row
            self.plan_match(planned, by_name=by_name, parent_row=parent_row)
        else:
            self.plan_new(planned, parent_row=parent_row)
        if not self.check_twin(planned, parent_row=parent_row):
            return
        if row.code:
            self.planned_by_code[row.code] = planned
        self.rows.append(planned)

    def check_twin(self, planned: PlannedRow, *, parent_row: PlannedRow | None) -> bool:
        """Two rows with the same name under the same parent are one unit written twice,
        unless both carry (different) codes."""
        if parent_row is not None:
            parent_key: ParentKey = ("row", parent_row.row.row)
        else:
            unit = planned.unit.parent if planned.unit else planned.parent_unit
            parent_key = ("unit", unit.pk) if unit else ("root",)
        key = (parent_key, fold(planned.row.name))
        first = self.names.get(key)
        if first is not None and not (first.row.code and planned.row.code):
            self.error(
                planned.row,
                ErrorCode.DUPLICATE_NAME,
                "name",
                _("%(name)s appears twice under the same parent (first on row %(first)d).")
                % {"name": planned.row.name, "first": first.row.row},
            )
            return False
        self.names.setdefault(key, planned)
        return True

    def plan_match(
        self, planned: PlannedRow, *, by_name: bool, parent_row: PlannedRow | None
    ) -> None:
        row, unit = planned.row, planned.unit
        if row.code and row.code != unit.code:
            try:
                check_code_free(
                    code=row.code,
                    valid_from=unit.valid_from,
                    valid_to=unit.valid_to,
                    exclude=unit,
                )
            except ApplicationError as exc:
                self.error(row, ErrorCode.CODE_TAKEN, "code", exc.message)
            planned.corrections["code"] = row.code
        if row.kind != unit.kind:
            planned.corrections["kind"] = row.kind
        if row.emails and list(row.emails) != list(unit.emails):
            planned.corrections["emails"] = list(row.emails)

        def differ(name: str, current: str, proposed: str) -> None:
            planned.differences.append(
                Difference(
                    code=unit.code or row.code,
                    unit_id=unit.pk,
                    field=name,
                    current=current,
                    proposed=proposed,
                    row=row.row,
                )
            )

        if row.name != unit.name:
            differ("name", unit.name, row.name)
        if row.short_name and row.short_name != unit.short_name:
            differ("short_name", unit.short_name, row.short_name)
        if row.abbreviation and row.abbreviation != unit.abbreviation:
            differ("abbreviation", unit.abbreviation, row.abbreviation)
        wants_parent = bool(row.parent_code) or self.default_parent is not None
        if wants_parent and not by_name:
            if parent_row is not None:
                differ("parent", unit.parent.name if unit.parent else "—", parent_row.row.name)
            elif (planned.parent_unit.pk if planned.parent_unit else None) != unit.parent_id:
                differ(
                    "parent",
                    unit.parent.name if unit.parent else "—",
                    planned.parent_unit.name if planned.parent_unit else "—",
                )

    def plan_new(self, planned: PlannedRow, *, parent_row: PlannedRow | None) -> None:
        row = planned.row
        if row.code:
            try:
                check_code_free(code=row.code, valid_from=row.valid_from, valid_to=None)
            except ApplicationError as exc:
                self.error(row, ErrorCode.CODE_TAKEN, "code", exc.message)
        if parent_row is not None:
            parent_name, parent_start, parent_end = (
                parent_row.row.name,
                parent_row.row.valid_from,
                None,
            )
        elif planned.parent_unit is not None:
            parent = planned.parent_unit
            parent_name, parent_start, parent_end = parent.name, parent.valid_from, parent.valid_to
        else:
            return
        if row.valid_from < parent_start or (
            parent_end is not None and row.valid_from >= parent_end
        ):
            self.error(
                row,
                ErrorCode.PARENT_NOT_VALID,
                "valid_from",
                _(
                    "The parent unit %(parent)s does not exist on %(day)s, the day this unit "
                    "would start."
                )
                % {"parent": parent_name, "day": vn_date(row.valid_from)},
            )


def plan_rows(
    *, rows: list[UnitRow], file_codes: dict[str, int], default_parent: Unit | None = None
) -> tuple[list[PlannedRow], list[RowError]]:
    """Plan the rows in file order. `file_codes` maps each code of the file (good rows and
    bad) to the first row that has it, so a parent row with errors of its own is not reported
    again as unknown."""
    planner = _Planner(default_parent=default_parent, file_codes=file_codes)
    for row in rows:
        planner.plan(row)
    return planner.rows, planner.errors
