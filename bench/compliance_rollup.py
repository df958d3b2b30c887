"""Benchmark: the live compliance dashboard at national scale.

Builds, in a dedicated throw-away database (dropped and recreated on every run), a national
reporting chain with five years of monthly figures, then times the dashboard's reads
(`dienhinh.cycles.dashboard`):

  a. the national roll-up of one period (root: the central board; one row per province)
     - target: median < 200 ms on PostgreSQL;
  b. one province's roll-up (one row per district-like unit and provincial body) - < 50 ms;
  c. one district's unit list (`unit_rows`: what its own programme waits for) - < 20 ms;
  d. the list of units of a province that sent nothing (`missing_units` + `with_parents`);
  e. one commune's timeliness over its last 12 periods;
  f. the keys of the period picker for the whole country (`period_keys`);
  g. the dashboard page of the province over HTTP (Django test client, HTML rendered);
  h. the XLSX export of the province over HTTP.

The data:
- a ~20,000-unit tree: the central board; the 34 provinces and their 3,321 communes, wards
  and special zones from `vietnam-provinces` (real names and codes); ~10 departments,
  boards and mass organisations per province; district-like units grouping ~8 communes
  each (the 2025 reform abolished districts, but the 2021-2026 periods mostly predate it,
  and a three-level roll-up needs an intermediate level), each with 5 offices; the rest
  offices and service units under the communes (~4 each). The tree does not change during
  the five years (restructures are another benchmark's business);
- monthly programmes relaying each other: the central board expects the provinces (before
  the 20th); each province expects its districts and bodies (before the 15th); each
  district expects everything below it (on the 10th): every unit but the centre is expected
  once per period;
- 60 monthly periods (five years up to this month) with their `ExpectedUnit` rows
  (~1.2 million);
- ~1.5 million nominations and ~50,000 "nothing to report" notices, with a realistic mix:
  each unit has its own reliability and lateness, older periods are mostly accepted and
  recent ones still under review, some units leave only a draft. The live figures of
  every `ExpectedUnit` row are computed from these rows exactly as
  `cycles.compliance.expected_refresh` computes them, and checked against it on a sample.

Rows are written with PostgreSQL's COPY (SQLite: executemany); columns this script does not
fill get the model field's default, so the script survives new nullable/defaulted fields.
No audit rows and no attachments are written (no query here reads them).

Usage:
    .venv/bin/python bench/compliance_rollup.py                 # PostgreSQL, full size
    .venv/bin/python bench/compliance_rollup.py --reuse         # keep the data, migrate, time
    .venv/bin/python bench/compliance_rollup.py --units 3000 --months 12   # a quick run
    .venv/bin/python bench/compliance_rollup.py --database-url sqlite:////tmp/bench_c.sqlite3

Results are printed and merged into bench/results/compliance_rollup-<date>.json (one entry
per database vendor). The database name must contain "bench".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tree_subtree import (  # noqa: E402  (the helpers of the tree benchmark)
    COMMUNE_UNITS,
    PROVINCE_BODIES,
    ROOT,
    SYLLABLES,
    WARMUP,
    TreeBuilder,
    database_facts,
    recreate_database,
    setup_django,
)
from tree_subtree import measure as shared_measure  # noqa: E402
from tree_subtree import save as shared_save  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/dienhinh_bench_compliance"
TARGETS_MS = {"a": 200.0, "b": 50.0, "c": 20.0}
UNITS_SINCE = dt.date(2015, 1, 1)
COMMUNES_PER_DISTRICT = 8
DISTRICT_OFFICES = [
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
]
BODY_KINDS = ["department", "board", "party_board", "mass_organisation"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quang", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Sơn"]
HEADLINES = [
    "Hiến đất mở rộng đường ngõ",
    "Tận tụy chăm sóc người cao tuổi",
    "Nhặt được của rơi trả người đánh mất",
    "Mô hình sản xuất giỏi",
    "Cứu người đuối nước",
    "Giáo viên dạy giỏi nhiều năm liền",
    "Tổ dân phố xanh - sạch - đẹp",
]
FIELDS = ["economy", "education", "health", "social", "security", "culture", "environment"]
SENT = ("submitted", "confirmed", "accepted")
UTC_OFFSET = dt.timedelta(hours=7)  # Việt Nam: UTC+7, no summer time


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="The database is dropped and recreated unless --reuse; its name must contain "
        "'bench'.",
    )
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"default {DEFAULT_URL}")
    parser.add_argument("--units", type=int, default=20_000, help="tree size (default 20000)")
    parser.add_argument("--months", type=int, default=60, help="monthly periods (default 60)")
    parser.add_argument("--repeat", type=int, default=50, help="timed runs per query")
    parser.add_argument("--key", default=None, help="period to time (default: the latest)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the data of an earlier run (migrations are applied): to time a new index",
    )
    parser.add_argument(
        "--index-experiment",
        action="store_true",
        help="PostgreSQL: also time (a)-(d) and (g) with the proposed prefix index in place of "
        "the period_key indexes, in a transaction that is rolled back",
    )
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/")
    args = parser.parse_args(argv)
    if args.units < 2000:
        parser.error("--units must be at least 2000")
    if not 1 <= args.months <= 240:
        parser.error("--months must be between 1 and 240")
    return args


# ------------------------------------------------------------------------------ the tree


def plan_sizes(total: int) -> dict:
    import vietnam_provinces as vp

    bodies = 10 if total >= 10_000 else 3
    offices = len(DISTRICT_OFFICES) if total >= 10_000 else 2
    fixed = 1 + 34 + 34 * bodies
    real = sum(1 for _ in vp.Ward.iter_all())
    communes = min(real, round((total - fixed) * 0.166))
    districts = sum(
        math.ceil(n / COMMUNES_PER_DISTRICT) for n in _commune_shares(communes).values()
    )
    return {
        "bodies_per_province": bodies,
        "communes": communes,
        "districts": districts,
        "offices_per_district": offices,
        "commune_offices": total - fixed - communes - districts * (1 + offices),
    }


def _commune_shares(communes: int) -> dict[int, int]:
    import vietnam_provinces as vp

    counts: dict[int, int] = {}
    for ward in vp.Ward.iter_all():
        counts[int(ward.province_code)] = counts.get(int(ward.province_code), 0) + 1
    real = sum(counts.values())
    return {code: max(1, round(n * communes / real)) for code, n in counts.items()}


def _district_name(rng: random.Random, is_city: bool, taken: set[str]) -> str:
    while True:
        name = f"{'Quận' if is_city else 'Huyện'} {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        if name not in taken:
            taken.add(name)
            return name


def build_tree(total: int, rng: random.Random) -> dict:
    """The units, and who expects whom: {"central", "provinces", "districts", "bodies"}."""
    import vietnam_provinces as vp

    sizes = plan_sizes(total)
    tree = TreeBuilder(rng)
    central = tree.add(
        name="Ban Thi đua - Khen thưởng Trung ương",
        short_name="Ban TĐKT Trung ương",
        kind="central_board",
        parent=None,
        valid_from=UNITS_SINCE,
    )
    wards: dict[int, list] = {}
    for ward in vp.Ward.iter_all():
        wards.setdefault(int(ward.province_code), []).append(ward)
    shares = _commune_shares(sizes["communes"])
    provinces, bodies, districts, communes = [], {}, {}, []
    for province in sorted(vp.Province.iter_all(), key=lambda p: int(p.code)):
        code = int(province.code)
        is_city = province.division_type == vp.VietNamDivisionType.THANH_PHO_TRUNG_UONG
        short = province.name.removeprefix("Thành phố ").removeprefix("Tỉnh ")
        unit = tree.add(
            name=province.name,
            short_name=short,
            code=f"{code:02d}",
            kind="province",
            parent=central,
            valid_from=UNITS_SINCE,
        )
        provinces.append(unit)
        bodies[unit.id] = [
            tree.add(name=f"{name} {short}", kind=kind, parent=unit, valid_from=UNITS_SINCE)
            for name, kind in rng.sample(PROVINCE_BODIES, sizes["bodies_per_province"])
        ]
        own = sorted(wards[code], key=lambda w: int(w.code))[: shares[code]]
        taken: set[str] = set()
        districts[unit.id] = []
        for start in range(0, len(own), COMMUNES_PER_DISTRICT):
            district = tree.add(
                name=f"{_district_name(rng, is_city, taken)}, {short}",
                kind="district",
                parent=unit,
                valid_from=UNITS_SINCE,
            )
            districts[unit.id].append(district)
            for label in DISTRICT_OFFICES[: sizes["offices_per_district"]]:
                tree.add(
                    name=f"{label} {district.name}",
                    kind="office",
                    parent=district,
                    valid_from=UNITS_SINCE,
                )
            for ward in own[start : start + COMMUNES_PER_DISTRICT]:
                kind = {
                    vp.VietNamDivisionType.PHUONG: "ward",
                    vp.VietNamDivisionType.DAC_KHU: "special_zone",
                }.get(ward.division_type, "commune")
                communes.append(
                    tree.add(
                        name=ward.name,
                        kind=kind,
                        code=f"{int(ward.code):05d}",
                        parent=district,
                        valid_from=UNITS_SINCE,
                    )
                )
    for n in range(sizes["commune_offices"]):
        host = communes[n % len(communes)]
        round_ = n // len(communes)
        label, kind = COMMUNE_UNITS[round_ % len(COMMUNE_UNITS)]
        number = f" số {round_ // len(COMMUNE_UNITS) + 1}" if round_ >= len(COMMUNE_UNITS) else ""
        tree.add(
            name=f"{label}{number} {host.name}", kind=kind, parent=host, valid_from=UNITS_SINCE
        )
    started = time.perf_counter()
    tree.save()
    return {
        "central": central,
        "provinces": provinces,
        "bodies": bodies,
        "districts": districts,
        "units": tree.units,
        "plan": sizes,
        "seconds": time.perf_counter() - started,
    }


# ----------------------------------------------------------------- programmes and periods


def month_spans(months: int, last: dt.date) -> list:
    from dienhinh.cycles.deadlines import period_containing

    spans = [period_containing("monthly", last)]
    while len(spans) < months:
        spans.append(period_containing("monthly", spans[-1].starts_on - dt.timedelta(days=1)))
    return spans[::-1]


def _spec(owner, parent, *, kinds, reach, unit_day, relation, forward_day, starts_on):
    from dienhinh.cycles.models import Programme

    return Programme(
        owner=owner,
        parent=parent,
        chain_id=parent.chain_id if parent else None,
        title=f"Giới thiệu gương điển hình hằng tháng - {owner.name}",
        cadence="monthly",
        quota=1,
        starts_on=starts_on,
        expected_kinds=kinds,
        expected_reach=reach,
        unit_relation=relation,
        unit_day=unit_day,
        forward_relation="before" if forward_day else "",
        forward_day=forward_day,
    )


def create_programmes(tree: dict, spans: list) -> list[tuple]:
    """Bulk-create the chain; return [(programme, expected units)] in creation order."""
    from dienhinh.cycles.models import Programme

    start = spans[0].starts_on
    central = _spec(
        tree["central"],
        None,
        kinds=["province"],
        reach="children",
        unit_day=20,
        relation="before",
        forward_day=None,
        starts_on=start,
    )
    Programme.objects.bulk_create([central])
    central.chain_id = central.pk  # the top of the relay chain every programme below joins
    Programme.objects.filter(pk=central.pk).update(chain=central)
    by_parent: dict[int, list] = {}
    for unit in tree["units"]:
        if unit.parent_id:
            by_parent.setdefault(unit.parent_id, []).append(unit)
    provincial = [
        _spec(
            p,
            central,
            kinds=["district", *BODY_KINDS],
            reach="children",
            unit_day=15,
            relation="before",
            forward_day=20,
            starts_on=start,
        )
        for p in tree["provinces"]
    ]
    Programme.objects.bulk_create(provincial, batch_size=1000)
    of_province = {p.owner_id: p for p in provincial}
    local = [
        _spec(
            d,
            of_province[d.parent_id],
            kinds=[
                "office",
                "ward",
                "commune",
                "special_zone",
                "public_service_unit",
                "party_board",
                "mass_organisation",
            ],
            reach="subtree",
            unit_day=10,
            relation="on",
            forward_day=15,
            starts_on=start,
        )
        for ds in tree["districts"].values()
        for d in ds
    ]
    Programme.objects.bulk_create(local, batch_size=1000)

    def subtree(unit) -> list:
        found, stack = [], list(by_parent.get(unit.id, []))
        while stack:
            child = stack.pop()
            found.append(child)
            stack.extend(by_parent.get(child.id, []))
        return sorted(found, key=lambda u: u.id)

    chain = [(central, sorted(tree["provinces"], key=lambda u: u.id))]
    chain += [(p, by_parent[p.owner_id]) for p in provincial]
    chain += [(d, subtree(d.owner)) for d in local]
    return chain


def create_periods(chain: list[tuple], spans: list) -> dict:
    """One Period per programme and span, deadlines from the programme's own rules."""
    from dienhinh.cycles import rules
    from dienhinh.cycles.models import Period

    deadlines = {}  # (unit_day, relation) -> {key: (unit_due, forward_due)}
    for programme, _units in chain:
        rule = (programme.unit_day, programme.unit_relation, programme.forward_day)
        if rule not in deadlines:
            deadlines[rule] = {s.key: rules.deadlines_for(programme, s) for s in spans}
    periods = []
    for programme, _units in chain:
        due = deadlines[(programme.unit_day, programme.unit_relation, programme.forward_day)]
        for span in spans:
            unit_due, forward_due = due[span.key]
            periods.append(
                Period(
                    programme=programme,
                    key=span.key,
                    starts_on=span.starts_on,
                    ends_on=span.ends_on,
                    unit_deadline=unit_due,
                    forward_deadline=forward_due,
                )
            )
    Period.objects.bulk_create(periods, batch_size=5000)
    return {(p.programme_id, p.key): p for p in periods}


# ------------------------------------------------------------------------ bulk writing


def _copy_text(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _sqlite_value(value):
    if isinstance(value, dt.datetime):  # Django keeps naive UTC text on SQLite
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


class Writer:
    """Appends rows of one model: the given columns, in order, plus every other column's
    default (so a field someone adds with a default does not break the benchmark)."""

    def __init__(self, model, given: list[str], vendor: str):
        self.vendor = vendor
        self.table = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
        missing = [name for name in given if name not in fields]
        if missing:
            sys.exit(f"{self.table}: no column {missing}")
        rest = [f for name, f in fields.items() if name not in given]
        for field in rest:
            if field.get_default() is None and not field.null:
                sys.exit(f"{self.table}.{field.column}: NOT NULL without a default; fill it")
        self.columns = [fields[name].column for name in given] + [f.column for f in rest]
        self.defaults = tuple(f.get_default() for f in rest)
        self.suffix = "".join("\t" + _copy_text(v) for v in self.defaults)
        self.rows = 0

    def write(self, cursor, rows: list[tuple]) -> None:
        if not rows:
            return
        self.rows += len(rows)
        if self.vendor == "postgresql":
            columns = ", ".join(f'"{c}"' for c in self.columns)
            with cursor.copy(f'COPY "{self.table}" ({columns}) FROM STDIN') as copy:
                lines = ["\t".join(map(_copy_text, row)) + self.suffix for row in rows]
                copy.write("\n".join(lines) + "\n")
        else:
            marks = ", ".join("%s" for _ in self.columns)
            columns = ", ".join(f'"{c}"' for c in self.columns)
            cursor.executemany(
                f'INSERT INTO "{self.table}" ({columns}) VALUES ({marks})',
                [tuple(map(_sqlite_value, row + self.defaults)) for row in rows],
            )


# ---------------------------------------------------------------- nominations and figures


class Habits:
    """Each unit's reliability, lateness and habit of sending "nothing to report"."""

    def __init__(self, units, rng: random.Random):
        self.reliable = {u.id: 0.6 + 0.39 * rng.random() ** 0.4 for u in units}
        self.late = {u.id: 0.03 + 0.3 * rng.random() ** 2.5 for u in units}
        self.nil = {u.id: 0.08 if rng.random() < 0.25 else 0.01 for u in units}


def _status_weights(age: int) -> tuple[list[str], list[float]]:
    """What becomes of a nomination that was sent, by how many months ago."""
    if age == 0:
        return ["submitted", "confirmed", "accepted", "returned"], [50, 20, 25, 5]
    if age == 1:
        return ["submitted", "confirmed", "accepted", "returned"], [12, 15, 68, 5]
    return ["submitted", "confirmed", "accepted", "returned", "withdrawn"], [2, 3, 85, 5, 5]


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    """A working-hours moment on `day` in Việt Nam, as an aware UTC datetime."""
    local = dt.datetime.combine(day, dt.time(rng.randint(7, 17), rng.randint(0, 59)))
    return (local - UTC_OFFSET).replace(tzinfo=dt.UTC)


class Generator:
    def __init__(self, *, rng, habits, user_id: int, today: dt.date, quota: int = 1):
        from dienhinh.common.text import fold

        self.rng, self.habits, self.user_id, self.today = rng, habits, user_id, today
        self.quota = quota
        self.names = [(f"{f} {m} {g}", fold(f"{f} {m} {g}")) for f in FAMILY for m in MIDDLE
                      for g in GIVEN]  # fmt: skip

    def person(self) -> tuple[str, int, str]:
        name, folded = self.rng.choice(self.names)
        year = self.rng.randint(1950, 2005)
        return name, year, f"{folded}|{year}"

    def nomination(self, unit_id, period, status, submitted_at, late: bool) -> tuple:
        name, year, key = self.person()
        created = (submitted_at or _moment(period.starts_on, self.rng)) - dt.timedelta(hours=20)
        headline = self.rng.choice(HEADLINES)
        return (
            unit_id, period.pk, status, "individual", name, year, self.rng.choice(FIELDS),
            headline, f"{name}: {headline.lower()}.", key, submitted_at, late, self.user_id,
            created, submitted_at or created, 1 if status == "draft" else 2, submitted_at,
        )  # fmt: skip

    def unit_period(self, unit, period, age: int, out: dict) -> tuple:
        """The nominations and nil report of one expected unit, and its live figures."""
        rng, due = self.rng, period.unit_deadline
        sends = rng.random() < min(0.995, self.habits.reliable[unit.id] + 0.002 * (60 - age))
        day = None
        if sends:
            if rng.random() < self.habits.late[unit.id]:
                day = due + dt.timedelta(days=rng.randint(1, 25))
            else:
                day = max(period.starts_on, due - dt.timedelta(days=rng.randint(0, 9)))
            if day > self.today:
                sends, day = False, None  # would be late, and that day has not come yet
        if not sends:
            if rng.random() < 0.25:  # a draft left unsent
                out["nominations"].append(self.nomination(unit.id, period, "draft", None, False))
            return (0, 0, False, None)
        first = _moment(day, rng)
        late = day > due
        if rng.random() < self.habits.nil[unit.id]:
            out["nil"].append(
                (unit.id, period.pk, "Kỳ này đơn vị không có gương mới", late, self.user_id, first)
            )
            return (0, 0, True, day)
        statuses, weights = _status_weights(age)
        count = rng.choices((1, 2, 3, 4), (72, 20, 6, 2))[0]
        sent = accepted = 0
        for n in range(count):
            if n == 0:
                status = rng.choices(statuses[:3], weights[:3])[0]
                at = first
            else:
                status = rng.choices(statuses, weights)[0]
                later = min(day + dt.timedelta(days=rng.randint(0, 6)), self.today)
                at = _moment(later, rng)
            if status == "withdrawn":
                at = None
            is_late = at is not None and (at + UTC_OFFSET).date() > due
            out["nominations"].append(self.nomination(unit.id, period, status, at, is_late))
            sent += status in SENT
            accepted += status == "accepted"
        return (sent, accepted, False, day)

    def expected_row(self, unit, period, figures) -> tuple:
        """Exactly what compliance.expected_refresh would store for these figures."""
        sent, accepted, nil, first = figures
        if first is None:
            state = "missing"
        elif first <= period.unit_deadline:
            state = "on_time"
        else:
            state = "late"
        return (
            period.pk, unit.id, period.starts_on, None, "", period.key, unit.path,
            sent, accepted, nil, first, state, sent >= self.quota, period.programme.chain_id,
        )  # fmt: skip


EXPECTED_COLUMNS = [
    "period_id", "unit_id", "added_on", "removed_on", "reason", "period_key", "unit_path",
    "sent", "accepted", "nil", "first_sent_on", "state", "quota_met", "programme_chain",
]  # fmt: skip
NOMINATION_COLUMNS = [
    "unit_id", "period_id", "status", "subject_kind", "full_name", "birth_year", "field",
    "headline", "story", "match_key", "submitted_at", "is_late", "created_by_id",
    "created_at", "updated_at", "revision", "first_submitted_at",
]  # fmt: skip
NIL_COLUMNS = ["unit_id", "period_id", "reason", "is_late", "submitted_by_id", "submitted_at"]


def load_figures(chain, periods, spans, *, vendor: str, rng, user_id: int, today) -> dict:
    """Per key: generate every expected row with its nominations, and write them."""
    from django.db import connection, transaction

    from dienhinh.cycles.models import ExpectedUnit
    from dienhinh.nominations.models import NilReport, Nomination

    expected = Writer(ExpectedUnit, EXPECTED_COLUMNS, vendor)
    nominations = Writer(Nomination, NOMINATION_COLUMNS, vendor)
    nils = Writer(NilReport, NIL_COLUMNS, vendor)
    units = {u.id: u for _p, us in chain for u in us}
    gen = Generator(rng=rng, habits=Habits(units.values(), rng), user_id=user_id, today=today)
    for index, span in enumerate(spans):
        age = len(spans) - 1 - index
        out = {"nominations": [], "nil": []}
        rows = []
        for programme, expected_units in chain:
            period = periods[(programme.pk, span.key)]
            for unit in expected_units:
                figures = gen.unit_period(unit, period, age, out)
                rows.append(gen.expected_row(unit, period, figures))
        with transaction.atomic(), connection.cursor() as cursor:
            expected.write(cursor, rows)
            nominations.write(cursor, out["nominations"])
            nils.write(cursor, out["nil"])
        if index % 12 == 11 or index == len(spans) - 1:
            print(
                f"  {span.key}: {expected.rows:,} expected, {nominations.rows:,} nominations, "
                f"{nils.rows:,} nil reports",
                flush=True,
            )
    return {"expected": expected.rows, "nominations": nominations.rows, "nil": nils.rows}


def build(args, vendor: str) -> dict:
    from django.db import connection

    from dienhinh.accounts.models import User
    from dienhinh.common.dates import today

    rng = random.Random(args.seed)
    timings = {}
    started = time.perf_counter()
    tree = build_tree(args.units, rng)
    timings["tree"] = time.perf_counter() - started
    spans = month_spans(args.months, today())
    mark = time.perf_counter()
    chain = create_programmes(tree, spans)
    periods = create_periods(chain, spans)
    timings["programmes_and_periods"] = time.perf_counter() - mark
    user = User.objects.create_user(username="bench-reporter", password=None)
    mark = time.perf_counter()
    counts = load_figures(
        chain, periods, spans, vendor=vendor, rng=rng, user_id=user.pk, today=today()
    )
    timings["expected_and_nominations"] = time.perf_counter() - mark
    mark = time.perf_counter()
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("VACUUM (ANALYZE)")  # what autovacuum does after a bulk load
        else:
            cursor.execute("ANALYZE")
    timings["analyze"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    return {
        "units": len(tree["units"]),
        "plan": tree["plan"],
        "programmes": len(chain),
        "periods": len(periods),
        "months": len(spans),
        **counts,
        "seconds": {k: round(v, 1) for k, v in timings.items()},
    }


# --------------------------------------------------------------------------- checking


def verify(sample: int = 300, seed: int = 7) -> int:
    """Recount a sample of rows with the live service, in a transaction rolled back: the
    generated figures must be exactly what the nomination services would have stored."""
    from django.db import transaction

    from dienhinh.cycles.compliance import expected_refresh
    from dienhinh.cycles.models import ExpectedUnit

    fields = ["sent", "accepted", "nil", "first_sent_on", "state", "quota_met"]
    top = ExpectedUnit.objects.order_by("-pk").values_list("pk", flat=True).first()
    ids = random.Random(seed).sample(range(1, top + 1), k=min(sample, top))
    rows = list(ExpectedUnit.objects.filter(pk__in=ids).select_related("period__programme"))
    with transaction.atomic():
        for row in rows:
            expected_refresh(unit_id=row.unit_id, period=row.period)
        fresh = {r.pk: r for r in ExpectedUnit.objects.filter(pk__in=ids)}
        transaction.set_rollback(True)
    wrong = [r.pk for r in rows if any(getattr(r, f) != getattr(fresh[r.pk], f) for f in fields)]
    if wrong:
        sys.exit(f"Generated figures differ from expected_refresh for rows {wrong[:10]}")
    return len(rows)


# --------------------------------------------------------------------------- measuring


def measure(fn, repeat: int) -> dict:
    return shared_measure(fn, repeat, digits=2)


def pick_units(key: str) -> dict:
    """The largest province (by expected rows), its largest district, one of its communes."""
    from django.db.models import Count

    from dienhinh.cycles.models import ExpectedUnit, Period
    from dienhinh.units.models import Unit

    central = Unit.objects.get(kind="central_board")
    provinces = Unit.objects.filter(parent=central)
    sizes = {
        p: ExpectedUnit.objects.filter(period_key=key, unit_path__startswith=p.path).count()
        for p in provinces
    }
    province = max(sizes, key=sizes.get)
    district = max(
        Unit.objects.filter(parent=province, kind="district"),
        key=lambda d: ExpectedUnit.objects.filter(
            period__in=Period.objects.filter(programme__owner=d, key=key)
        ).count(),
    )
    commune = (
        Unit.objects.filter(parent=district, kind__in=["ward", "commune"])
        .annotate(n=Count("children"))
        .order_by("-n", "pk")
        .first()
    )
    return {"central": central, "province": province, "district": district, "commune": commune}


def _chain(units: dict) -> int:
    """The one relay chain the generated data has: the central board's programme."""
    from dienhinh.cycles.models import Programme

    return Programme.objects.get(owner=units["central"], parent=None).chain_id


def cases(units: dict, key: str) -> list[tuple]:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from dienhinh.accounts.models import Membership, Role, User
    from dienhinh.cycles import dashboard

    central, province = units["central"], units["province"]
    district, commune = units["district"], units["commune"]
    settings.ALLOWED_HOSTS = ["testserver"]
    officer, _ = User.objects.get_or_create(username="bench-officer")
    Membership.objects.get_or_create(user=officer, unit=province, role=Role.BOARD_OFFICER)
    client = Client()
    client.force_login(officer)
    chain = _chain(units)
    of = {"period_key": key, "chain": chain}
    query = f"?don_vi={province.pk}&ky={key}&chuong_trinh={chain}"

    def page():
        response = client.get(reverse("dashboard:rollup") + query)
        assert response.status_code == 200, response.status_code
        return response.content

    def export():
        response = client.get(reverse("dashboard:export") + query)
        assert response.status_code == 200, response.status_code
        return response.content

    def missing():
        return dashboard.with_parents(
            dashboard.missing_units(root=province, period_key=key, chain=chain)
        )

    return [
        ("a", "national roll-up", lambda: dashboard.rollup(root=central, **of)),
        ("b", "province roll-up", lambda: dashboard.rollup(root=province, **of)),
        ("c", "district's unit list", lambda: dashboard.unit_rows(parent=district, **of)),
        ("d", "missing list of the province", missing),
        ("e", "timeliness of a commune (12 periods)", lambda: dashboard.timeliness(unit=commune)),
        ("f", "period picker, national", lambda: dashboard.period_keys(root=central)),
        ("g", "dashboard page of the province (HTTP)", page),
        ("h", "XLSX export of the province (HTTP)", export),
    ]  # fmt: skip


def explain(vendor: str, units: dict, key: str) -> dict:
    chain = _chain(units)
    from django.db.models import Count, Q, Sum
    from django.db.models.functions import Substr

    from dienhinh.cycles import dashboard
    from dienhinh.cycles.models import ExpectedUnit, Period, ReportState

    def rollup_qs(root):
        """The aggregate query of dashboard.rollup (two of its eight figures)."""
        width = len(root.path) + dashboard.SEGMENT
        return (
            ExpectedUnit.objects.filter(
                programme_chain=chain,
                period_key=key,
                removed_on__isnull=True,
                unit_path__startswith=root.path,
            )
            .annotate(branch=Substr("unit_path", 1, width))
            .values("branch")
            .annotate(
                n=Count("pk"),
                m=Count("pk", filter=Q(state=ReportState.MISSING)),
                s=Sum("sent"),
            )
            .order_by()
        )

    periods = Period.objects.filter(programme__owner=units["district"], key=key)
    plans = {
        "a": rollup_qs(units["central"]),
        "b": rollup_qs(units["province"]),
        "c": ExpectedUnit.objects.filter(
            programme_chain=chain,
            period_key=key,
            removed_on__isnull=True,
            unit_path__startswith=units["district"].path,
            period_id__in=list(periods.values_list("pk", flat=True)),
        ).select_related("unit"),
        "d": dashboard.missing_units(root=units["province"], period_key=key, chain=chain),
    }
    if vendor == "postgresql":
        return {k: qs.explain(analyze=True, buffers=True) for k, qs in plans.items()}
    return {k: qs.explain() for k, qs in plans.items()}


def table_sizes(vendor: str) -> dict:
    from django.db import connection

    if vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class "
            "WHERE relname IN ('cycles_expectedunit', 'nominations_nomination', "
            "'cycles_period') ORDER BY 1"
        )
        sizes = dict(cursor.fetchall())
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        sizes["database"] = cursor.fetchone()[0]
    return sizes


def counts() -> dict:
    from dienhinh.cycles.models import ExpectedUnit, Period, Programme
    from dienhinh.nominations.models import NilReport, Nomination
    from dienhinh.units.models import Unit

    return {
        "units": Unit.objects.count(),
        "programmes": Programme.objects.count(),
        "periods": Period.objects.count(),
        "expected": ExpectedUnit.objects.count(),
        "nominations": Nomination.objects.count(),
        "nil": NilReport.objects.count(),
    }


# The schema proposed for ExpectedUnit (docs/performance.md): one index serving both the
# key and the path prefix, under any collation, instead of the three that lead with
# period_key (the field's db_index, its _like twin, and Meta's expected_rollup).
PROPOSED_INDEX = (
    "CREATE INDEX expected_rollup_prefix ON cycles_expectedunit "
    "(period_key varchar_pattern_ops, unit_path varchar_pattern_ops)"
)


def index_experiment(case_list: list[tuple], units: dict, key: str, repeat: int) -> dict:
    """Time the main reads with the proposed index in place of the period_key ones, inside
    a transaction that is rolled back: the database is left as the migrations made it."""
    from django.db import connection, transaction

    results = {}
    with transaction.atomic():
        with connection.cursor() as cursor:
            started = time.perf_counter()
            cursor.execute(PROPOSED_INDEX)
            built = time.perf_counter() - started
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'cycles_expectedunit' "
                "AND indexname <> 'expected_rollup_prefix' AND indexdef LIKE %s",
                ["%(period_key%"],
            )
            dropped = [name for (name,) in cursor.fetchall()]
            for name in dropped:
                cursor.execute(f'DROP INDEX "{name}"')
            cursor.execute("SELECT pg_size_pretty(pg_relation_size('expected_rollup_prefix'))")
            size = cursor.fetchone()[0]
        for code, label, fn in case_list:
            if code in ("a", "b", "c", "d", "g"):
                fn()
                results[code] = {"label": label, **measure(fn, repeat)}
                print(f"  with the proposed index, {code} {label}: "
                      f"{results[code]['median_ms']} ms", flush=True)  # fmt: skip
        plans = explain("postgresql", units, key)
        transaction.set_rollback(True)
    return {
        "created": PROPOSED_INDEX,
        "dropped": dropped,
        "index_size": size,
        "seconds_to_build": round(built, 1),
        "results": results,
        "explain": plans,
    }


def run(args) -> dict:
    if args.reuse:
        import dj_database_url

        name = str(dj_database_url.parse(args.database_url)["NAME"])
        if "bench" not in Path(name).name:
            sys.exit(f"Refusing to use {name!r}: the name must contain 'bench'.")
        vendor = "sqlite" if args.database_url.startswith("sqlite") else "postgresql"
        setup_django(args.database_url)
        built = None
        print("Reusing the data of an earlier run (migrations applied).", flush=True)
    else:
        vendor = recreate_database(args.database_url)
        setup_django(args.database_url)
        print(
            f"Building {args.units:,} units and {args.months} monthly periods on {vendor} ...",
            flush=True,
        )
        built = build(args, vendor)
        print(f"  built in {built['seconds']['total']:.0f} s: {built['seconds']}", flush=True)
    checked = verify()
    from dienhinh.cycles.models import Period

    key = args.key or Period.objects.order_by("-starts_on").values_list("key", flat=True)[0]
    units = pick_units(key)
    results = {}
    case_list = cases(units, key)
    for code, label, fn in case_list:
        outcome = fn()
        rows = len(outcome) if isinstance(outcome, list) else None
        results[code] = {"label": label, "rows": rows, **measure(fn, args.repeat)}
        print(f"  {code} {label}: {results[code]['median_ms']} ms", flush=True)
    for code, target in TARGETS_MS.items():
        results[code]["target_ms"] = target
        results[code]["target_met"] = results[code]["median_ms"] < target
    experiment = None
    if args.index_experiment and vendor == "postgresql":
        experiment = index_experiment(case_list, units, key, args.repeat)
    return {
        "date": dt.date.today().isoformat(),
        "vendor": vendor,
        "database": database_facts(vendor),
        "django": __import__("django").get_version(),
        "python": platform.python_version(),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        },
        "built": built,
        "counts": counts(),
        "table_sizes": table_sizes(vendor),
        "verified_rows": checked,
        "key": key,
        "units": {name: {"id": u.pk, "name": u.name, "path": u.path} for name, u in units.items()},
        "repeat": args.repeat,
        "warmup": WARMUP,
        "results": results,
        "explain": explain(vendor, units, key),
        "index_experiment": experiment,
    }


def report(outcome: dict) -> None:
    c = outcome["counts"]
    print()
    print(
        f"{outcome['vendor']} {outcome['database']['version']}: {c['units']:,} units, "
        f"{c['programmes']:,} programmes, {c['periods']:,} periods, {c['expected']:,} expected "
        f"rows, {c['nominations']:,} nominations, {c['nil']:,} nil reports; period "
        f"{outcome['key']}; {outcome['repeat']} runs after {outcome['warmup']} warm-ups; "
        f"load average {outcome['machine']['load_average_1_5_15'][0]}"
    )
    print(f"Sizes: {outcome['table_sizes']}")
    u = outcome["units"]
    print(f"Province: {u['province']['name']}; district: {u['district']['name']}; "
          f"commune: {u['commune']['name']}")  # fmt: skip
    print()
    header = f"{'':2} {'query':42} {'rows':>6} {'median ms':>10} {'p95 ms':>8}  target"
    print(header)
    print("-" * len(header))
    for code, row in outcome["results"].items():
        rows = "" if row["rows"] is None else row["rows"]
        target = ""
        if "target_ms" in row:
            verdict = "met" if row["target_met"] else "NOT MET"
            target = f"< {row['target_ms']:.0f}: {verdict}"
        print(
            f"{code:2} {row['label']:42} {rows:>6} {row['median_ms']:>10.2f} "
            f"{row['p95_ms']:>8.2f}  {target}"
        )
    for code, plan in outcome["explain"].items():
        print()
        print(f"Plan of ({code}):")
        print(plan)
    experiment = outcome.get("index_experiment")
    if experiment:
        print()
        built = f"{experiment['index_size']}, built in {experiment['seconds_to_build']} s"
        print(f"With {experiment['created']} ({built}) and without {experiment['dropped']}:")
        for code, row in experiment["results"].items():
            before = outcome["results"][code]["median_ms"]
            print(f"{code:2} {row['label']:42} {before:>8.2f} -> {row['median_ms']:>8.2f} ms")
        for code, plan in experiment["explain"].items():
            print()
            print(f"Plan of ({code}) with the proposed index:")
            print(plan)


def save(outcome: dict) -> Path:
    return shared_save(outcome, benchmark="compliance_rollup")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    outcome = run(args)
    report(outcome)
    if not args.no_json:
        print(f"\nWritten to {save(outcome).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
