"""The monthly media report of a board: per outlet of the unit and the units below it, what
was proposed, published and withdrawn in the month; per unit directly below, how many of
its examples reached each level's media; as figures, an SVG chart and an XLSX workbook."""

import calendar
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from dienhinh.units.models import Unit

from .models import EditorialItem, ItemStatus, ItemStory, Outlet
from .selectors import LEVEL_ORDER, LEVELS, level_of, lineage_ids, lineage_q

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class OutletRow:
    outlet: Outlet
    level: str
    proposed: int = 0
    published: int = 0
    withdrawn: int = 0


@dataclass
class UnitRow:
    unit: Unit
    reached: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self) -> list[int]:
        return [self.reached.get(level, 0) for level in LEVEL_ORDER]


def month_span(key: str) -> tuple[dt.date, dt.date]:
    year, month = int(key[:4]), int(key[5:7])
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _kinds(paths) -> dict[int, str]:
    ids = {int(step) for path in paths for step in path.split(".") if step}
    return dict(Unit.objects.filter(pk__in=ids).values_list("pk", "kind"))


def outlet_rows(*, unit: Unit, start: dt.date, end: dt.date) -> list[OutletRow]:
    outlets = list(Outlet.objects.filter(lineage_q(unit, "unit__")).select_related("unit"))
    kinds = _kinds(o.unit.path for o in outlets)
    rows = {o.pk: OutletRow(o, level_of(o.unit, kinds=kinds)) for o in outlets}
    items = EditorialItem.objects.filter(outlet__in=outlets).filter(
        Q(created_at__date__range=(start, end))
        | Q(published_on__range=(start, end))
        | Q(withdrawn_at__date__range=(start, end))
    )
    for item in items.only("outlet_id", "created_at", "published_on", "withdrawn_at", "status"):
        row = rows[item.outlet_id]
        row.proposed += start <= item.created_at.date() <= end
        published = item.published_on and start <= item.published_on <= end
        row.published += bool(published)
        row.withdrawn += bool(item.withdrawn_at and start <= item.withdrawn_at.date() <= end)
    return sorted(rows.values(), key=lambda r: (LEVEL_ORDER.index(r.level), r.outlet.name))


def unit_rows(*, unit: Unit, start: dt.date, end: dt.date) -> list[UnitRow]:
    """Each unit directly below (those that existed in the month), and how many of its
    examples were published in the month on each level's media."""
    ids = lineage_ids(unit)
    children = list(
        Unit.objects.filter(parent_id__in=ids, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=start))
        .order_by("name")
    )
    stories = ItemStory.objects.filter(
        item__status=ItemStatus.PUBLISHED, item__published_on__range=(start, end)
    ).values_list("nomination_id", "nomination__unit__path", "item__outlet__unit__path")
    rows = [UnitRow(child) for child in children]
    seen: dict[tuple[int, str], set[int]] = defaultdict(set)
    outlet_kinds = _kinds(path for _n, _p, path in stories)
    for nomination_id, unit_path, outlet_path in stories:
        for row in rows:
            if unit_path.startswith(row.unit.path):
                level = level_of(Unit(path=outlet_path), kinds=outlet_kinds)
                seen[(row.unit.pk, level)].add(nomination_id)
    for row in rows:
        row.reached = {level: len(seen[(row.unit.pk, level)]) for level in LEVEL_ORDER}
    return rows


def chart(rows: list[OutletRow], *, width: int = 520) -> dict:
    """Geometry of a horizontal bar chart: three bars per outlet, scaled to the largest."""
    top = max([1, *(max(r.proposed, r.published, r.withdrawn) for r in rows)])
    label_w, bar_h, gap = 190, 10, 14
    scale = (width - label_w - 40) / top
    bars = []
    for index, row in enumerate(rows):
        y = 24 + index * (3 * bar_h + gap)
        for offset, (value, css) in enumerate(
            [(row.proposed, "proposed"), (row.published, "published"), (row.withdrawn, "withdrawn")]
        ):
            bars.append(
                {
                    "y": y + offset * bar_h,
                    "w": round(value * scale, 1),
                    "value": value,
                    "css": css,
                    "x_text": label_w + round(value * scale, 1) + 4,
                }
            )
    height = 24 + len(rows) * (3 * bar_h + gap) + 10
    labels = [
        {"y": 24 + i * (3 * bar_h + gap) + 18, "text": r.outlet.name[:34]}
        for i, r in enumerate(rows)
    ]
    return {
        "width": width,
        "height": height,
        "label_w": label_w,
        "bar_h": bar_h - 1,
        "bars": bars,
        "labels": labels,
    }


def _text(sheet, row: int, column: int, value) -> None:
    """A user's text goes in as text, never as a formula, whatever it starts with."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def workbook(*, unit: Unit, key: str, outlets: list[OutletRow], units: list[UnitRow]) -> bytes:
    book = Workbook()
    first = book.active
    first.title = _("Outlets")[:31]
    _text(first, 1, 1, _("Media report %(month)s: %(unit)s") % {"month": key, "unit": unit.name})
    first["A1"].font = Font(bold=True, size=13)
    header = [_("Outlet"), _("Unit"), _("Level"), _("Proposed"), _("Published"), _("Withdrawn")]
    for column, label in enumerate(header, start=1):
        _text(first, 3, column, label)
    for index, row in enumerate(outlets, start=4):
        values = [
            row.outlet.name,
            row.outlet.unit.name,
            str(LEVELS[row.level]),
            row.proposed,
            row.published,
            row.withdrawn,
        ]
        for column, value in enumerate(values, start=1):
            _text(first, index, column, value)
    second = book.create_sheet(_("Units below")[:31])
    labels = [_("Unit"), *(str(LEVELS[level]) for level in LEVEL_ORDER)]
    for column, label in enumerate(labels, start=1):
        _text(second, 1, column, label)
    for index, row in enumerate(units, start=2):
        for column, value in enumerate([row.unit.name, *row.cells], start=1):
            _text(second, index, column, value)
    for sheet in (first, second):
        sheet.column_dimensions["A"].width = 44
        sheet.column_dimensions["B"].width = 32
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
