"""The live compliance dashboard: pure reads over the expected units' live figures.

Every figure comes from `ExpectedUnit` rows, which the nomination services keep current in
the same transaction as each change (compliance.expected_refresh): no nightly job, and no
counting of nominations here. Rows are filed where the unit hung in the tree when it became
expected (`unit_path`), so an old period is rolled up as the tree stood then, and joined to
its period by key (`period_key`): a relay chain's programmes share keys ("2023-10"), so one
key gathers the city's, the district's and the wards' programmes. Rows are read one chain
at a time (`programme_chain`): another programme expecting the same units in the same month
is another chain, counted on its own, never mixed in.

Scope is the caller's: views pass a root the user may see the whole subtree of, and nothing
here returns a row whose `unit_path` lies outside that root.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.db.models.functions import Substr

from dienhinh.common.text import fold
from dienhinh.units.models import PATH_STEP, Unit

from .models import ExpectedUnit, Period, Programme, ReportState

# One segment of the materialised path: ten digits and a dot.
SEGMENT = PATH_STEP + 1


@dataclass
class Row:
    """The figures of one child of the root (its whole subtree), or of the root itself."""

    unit_id: int
    name: str
    is_root: bool = False
    expected: int = 0
    reported: int = 0  # on time + late (a nil report counts as reported)
    on_time: int = 0
    late: int = 0
    missing: int = 0
    sent: int = 0  # nominations submitted, confirmed or accepted
    accepted: int = 0
    quota_met: int = 0  # units that sent at least the programme's minimum

    @property
    def quota_percent(self) -> int | None:
        return round(100 * self.quota_met / self.expected) if self.expected else None

    @property
    def reported_percent(self) -> int | None:
        return round(100 * self.reported / self.expected) if self.expected else None


FIGURES = ("expected", "reported", "on_time", "late", "missing", "sent", "accepted", "quota_met")


def _active(period_key: str, root: Unit, chain: int) -> QuerySet[ExpectedUnit]:
    return ExpectedUnit.objects.filter(
        programme_chain=chain,
        period_key=period_key,
        removed_on__isnull=True,
        unit_path__startswith=root.path,
    )


def chains_for(*, root: Unit) -> list[Programme]:
    """The relay chains whose units lie under `root`, the one with most expected rows first
    (the root's main programme), each as its top programme."""
    counts = (
        ExpectedUnit.objects.filter(unit_path__startswith=root.path, removed_on__isnull=True)
        .values("programme_chain")
        .annotate(n=Count("pk"))
        .order_by("-n", "programme_chain")
    )
    order = [row["programme_chain"] for row in counts]
    tops = Programme.objects.select_related("owner").in_bulk(order)
    return [tops[pk] for pk in order if pk in tops]


def rollup(*, root: Unit, period_key: str, chain: int) -> list[Row]:
    """One row per child of `root` as the tree stood (its whole subtree summed), plus one
    for the root's own expected rows if it was itself expected; the root's row first, then
    by name. One aggregate query grouped by path prefix, one query for the names."""
    width = len(root.path) + SEGMENT
    groups = (
        _active(period_key, root, chain)
        .annotate(branch=Substr("unit_path", 1, width))
        .values("branch")
        .annotate(
            expected=Count("pk"),
            reported=Count("pk", filter=~Q(state=ReportState.MISSING)),
            on_time=Count("pk", filter=Q(state=ReportState.ON_TIME)),
            late=Count("pk", filter=Q(state=ReportState.LATE)),
            missing=Count("pk", filter=Q(state=ReportState.MISSING)),
            sent=Sum("sent"),
            accepted=Sum("accepted"),
            quota_met=Count("pk", filter=Q(quota_met=True)),
        )
        .order_by()
    )
    rows = []
    for group in groups:
        branch = group.pop("branch")
        is_root = len(branch) < width  # the root's own rows: unit_path == root.path
        unit_id = root.pk if is_root else int(branch[-SEGMENT:-1])
        rows.append(Row(unit_id=unit_id, name="", is_root=is_root, **group))
    names = dict(Unit.objects.filter(pk__in=[r.unit_id for r in rows]).values_list("pk", "name"))
    for row in rows:
        row.name = names.get(row.unit_id, "")
    return sorted(rows, key=lambda r: (not r.is_root, fold(r.name)))


def rollup_total(rows: list[Row], *, root: Unit) -> Row:
    """The root's whole subtree: the sum of its rows."""
    total = Row(unit_id=root.pk, name=root.name, is_root=True)
    for row in rows:
        for figure in FIGURES:
            setattr(total, figure, getattr(total, figure) + (getattr(row, figure) or 0))
    return total


# What the unit lists and the export show: loading only these halves the time of a long
# list (no timestamps to decode, no JSON, no unused text).
ROW_FIELDS = (
    "unit_path",
    "state",
    "nil",
    "sent",
    "accepted",
    "first_sent_on",
    "quota_met",
    "unit__name",
    "unit__short_name",
)
LISTED = (
    *ROW_FIELDS,
    "period__key",
    "period__unit_deadline",
    "period__programme__title",
    "period__programme__owner__name",
    "period__programme__owner__short_name",
)


def unit_rows(*, parent: Unit, period_key: str, chain: int) -> list[ExpectedUnit]:
    """The units expected in the programme `parent` runs in the chain, for one key: what
    the compiler of `parent` waits for. Each row carries its unit and period (deadline)."""
    periods = {
        p.pk: p
        for p in Period.objects.filter(
            programme__owner=parent, programme__chain_id=chain, key=period_key
        ).select_related("programme")
    }
    if not periods:
        return []
    rows = _active(period_key, parent, chain).filter(period_id__in=periods).select_related("unit")
    rows = list(rows.only("period", *ROW_FIELDS))
    for row in rows:
        row.period = periods[row.period_id]
    return sorted(rows, key=lambda r: (fold(r.unit.name), r.period.programme.title))


def missing_units(*, root: Unit, period_key: str, chain: int) -> QuerySet[ExpectedUnit]:
    """Every unit under `root` (or the root) that sent nothing for the key, in tree order;
    `with_parents` adds, to the rows actually shown, the unit they hung under."""
    return (
        _active(period_key, root, chain)
        .filter(state=ReportState.MISSING)
        .select_related("unit", "period__programme__owner")
        .only(*LISTED)
        .order_by("unit_path", "period_id")
    )


def _parent_id(unit_path: str) -> int | None:
    steps = [step for step in unit_path.split(".") if step]
    return int(steps[-2]) if len(steps) >= 2 else None


def with_parents(rows) -> list[ExpectedUnit]:
    """Set `row.parent_unit`: the unit each one hung under when it became expected."""
    rows = list(rows)
    ids = {_parent_id(row.unit_path) for row in rows} - {None}
    parents = Unit.objects.only("name", "short_name", "path").in_bulk(ids)
    for row in rows:
        row.parent_unit = parents.get(_parent_id(row.unit_path))
    return rows


def timeliness(*, unit: Unit, last: int = 12) -> list[ExpectedUnit]:
    """The unit's last `last` periods, newest first: key, state, sent, first sent, deadline
    (through `row.period`)."""
    rows = (
        ExpectedUnit.objects.filter(unit=unit, removed_on__isnull=True)
        .select_related("period__programme__owner")
        .order_by("-period__starts_on", "period__programme_id")
    )
    return list(rows[:last])


def period_keys(*, root: Unit, chain: int | None = None) -> list[str]:
    """The keys of the periods that can concern `root`'s subtree, newest first: those of
    programmes run inside it or by the units above it (which expect the root itself), in
    one chain when `chain` is given."""
    above = [int(step) for step in root.path.split(".") if step]
    owners = Q(programme__owner__path__startswith=root.path) | Q(programme__owner_id__in=above)
    periods = Period.objects.filter(owners)
    if chain is not None:
        periods = periods.filter(programme__chain_id=chain)
    keys = periods.values("key").annotate(first=Min("starts_on"))
    return [row["key"] for row in keys.order_by("-first", "key")]


def is_overdue(row: ExpectedUnit, *, today: dt.date) -> bool:
    """Whether a unit that sent nothing is past its deadline (else it still has time)."""
    return row.state == ReportState.MISSING and today > row.period.unit_deadline
