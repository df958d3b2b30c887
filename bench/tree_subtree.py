"""Benchmark: subtree queries on a national-scale unit tree (~20,000 units).

Builds a realistic tree in a dedicated, throw-away database (dropped and recreated on every
run), then times the read paths that every scoped page goes through:

  a. one province's subtree valid today (`selectors.unit_subtree(..., on=today)`) - the
     target: median < 50 ms on PostgreSQL;
  b. the same subtree without the date filter;
  c. `accounts.scope.units_for(user)` for a compiler holding a membership on that province;
  d. `selectors.units_search(query="phuong", within=Unit.objects.all())`;
  e. the national count by kind, `selectors.unit_stats()`.

The tree: a central board; the 34 provinces and 3,321 communes/wards/special zones of
`vietnam-provinces` (real names and codes); ~15 departments, boards, party boards and mass
organisations per province with a few public service units each; offices, schools and
service units under most communes; and ~5% history: communes merged away on 1/7/2025 and
offices dissolved earlier, with lineage to their successors. Rows are bulk-inserted with
exactly the columns the services write (path, depth, search_text, one CREATE/MERGE event and
one UnitVersion per unit); audit log entries are not written (no query reads them here).

Usage:
    .venv/bin/python bench/tree_subtree.py                      # PostgreSQL, 20,000 units
    .venv/bin/python bench/tree_subtree.py --database-url sqlite:////tmp/bench.sqlite3
    .venv/bin/python bench/tree_subtree.py --units 5000 --repeat 20

Results are printed and merged into bench/results/tree_subtree-<date>.json (one entry per
database vendor). The database name (or SQLite file name) must contain "bench", so a real
database is never dropped by mistake.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/dienhinh_bench"
TARGET_MS = 50.0
WARMUP = 3

# Under every province (15 by default; kinds as the Party/State/Front system has them).
PROVINCE_BODIES = [
    ("Sở Nội vụ", "department"),
    ("Sở Tài chính", "department"),
    ("Sở Xây dựng", "department"),
    ("Sở Giáo dục và Đào tạo", "department"),
    ("Sở Y tế", "department"),
    ("Sở Tư pháp", "department"),
    ("Sở Công Thương", "department"),
    ("Sở Nông nghiệp và Môi trường", "department"),
    ("Sở Khoa học và Công nghệ", "department"),
    ("Sở Văn hóa, Thể thao và Du lịch", "department"),
    ("Ban Thi đua - Khen thưởng", "board"),
    ("Ban Tổ chức Tỉnh ủy", "party_board"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "party_board"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", "mass_organisation"),
    ("Hội Liên hiệp Phụ nữ", "mass_organisation"),
    ("Tỉnh đoàn", "mass_organisation"),
    ("Hội Nông dân", "mass_organisation"),
    ("Hội Cựu chiến binh", "mass_organisation"),
]
BODY_UNITS = [
    ("Văn phòng", "office"),
    ("Thanh tra", "office"),
    ("Trung tâm Dịch vụ công", "public_service_unit"),
    ("Trung tâm Công nghệ thông tin", "public_service_unit"),
]
COMMUNE_UNITS = [
    ("Văn phòng HĐND và UBND", "office"),
    ("Phòng Kinh tế", "office"),
    ("Phòng Văn hóa - Xã hội", "office"),
    ("Trung tâm Phục vụ hành chính công", "public_service_unit"),
    ("Trạm Y tế", "public_service_unit"),
    ("Trường Mầm non", "public_service_unit"),
    ("Trường Tiểu học", "public_service_unit"),
    ("Trường Trung học cơ sở", "public_service_unit"),
    ("Đảng ủy", "party_board"),
    ("Ủy ban Mặt trận Tổ quốc", "mass_organisation"),
]
SYLLABLES = [
    "An",
    "Bình",
    "Hòa",
    "Phú",
    "Thạnh",
    "Tân",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Long",
    "Phước",
    "Thuận",
    "Hưng",
    "Lợi",
    "Mỹ",
    "Vĩnh",
    "Quang",
    "Trung",
    "Hiệp",
    "Thành",
    "Lạc",
    "Đức",
    "Hải",
    "Sơn",
    "Thủy",
    "Cẩm",
    "Ngọc",
    "Xuân",
    "Hồng",
]
MERGE_DAY = dt.date(2025, 7, 1)
OLD_DAY = dt.date(1997, 1, 1)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="The database is dropped and recreated on every run; its name must contain 'bench'.",
    )
    parser.add_argument(
        "--database-url",
        default=DEFAULT_URL,
        help=f"benchmark database (default {DEFAULT_URL}; sqlite:////tmp/bench.sqlite3 works)",
    )
    parser.add_argument("--units", type=int, default=20_000, help="tree size (default 20000)")
    parser.add_argument(
        "--repeat", type=int, default=50, help="timed runs per query, after 3 warm-ups"
    )
    parser.add_argument(
        "--province",
        type=int,
        default=None,
        help="official code of the province to query (default: the one with most communes)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/*.json")
    args = parser.parse_args(argv)
    if args.units < 1000:
        parser.error("--units must be at least 1000 (34 provinces need room)")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


# --------------------------------------------------------------------------- database setup


def recreate_database(url: str) -> str:
    """Drop and create the benchmark database; return the vendor ("postgresql"/"sqlite")."""
    import dj_database_url

    config = dj_database_url.parse(url)
    engine, name = config["ENGINE"], str(config["NAME"])
    if "bench" not in Path(name).name:
        sys.exit(f"Refusing to drop {name!r}: the benchmark database name must contain 'bench'.")
    if engine.endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
        return "sqlite"
    if not engine.endswith("postgresql"):
        sys.exit(f"Unsupported database engine {engine}.")
    import psycopg
    from psycopg import sql

    params = {
        "dbname": "postgres",
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as maintenance:
        maintenance.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return "postgresql"


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DEBUG"] = "true"  # no SECRET_KEY/ALLOWED_HOSTS needed; switched off below
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.conf import settings

    # DEBUG keeps a log of every query (SQL formatting + a deque append per query). The
    # production server runs with DEBUG off, so time the queries the same way.
    settings.DEBUG = False


# ------------------------------------------------------------------------------ tree build


def plan_sizes(total: int) -> dict:
    """Split `total` units into the tiers; with 20,000 the real 3,321 communes all fit."""
    import vietnam_provinces as vp

    dissolved = round(total * 0.05)
    bodies_per_province = 15 if total >= 10_000 else max(3, round(15 * total / 10_000))
    fixed = 1 + 34 + 34 * bodies_per_province
    rest = total - dissolved - fixed
    real_communes = sum(1 for _ in vp.Ward.iter_all())
    communes = min(real_communes, max(34, round(rest * 0.18)))
    offices = rest - communes
    body_units = min(34 * bodies_per_province * 3, round(offices * 0.1))
    return {
        "bodies_per_province": bodies_per_province,
        "communes": communes,
        "body_units": body_units,
        "commune_units": offices - body_units,
        "dissolved": dissolved,
    }


class TreeBuilder:
    """Collects Unit/UnitVersion/RestructureEvent/UnitLineage rows with pre-allocated ids,
    computed exactly as `services.create_unit_row` and `restructure` compute them."""

    def __init__(self, rng: random.Random):
        from dienhinh.units.models import RestructureEvent, RestructureKind, Unit

        self.rng = rng
        self.units: list[Unit] = []
        self.events: list[RestructureEvent] = []
        self.event_of: dict[int, RestructureEvent] = {}  # unit id -> event it was created by
        self.links: list[tuple[RestructureEvent, Unit, Unit]] = []
        self.kinds = RestructureKind

    def add(
        self,
        *,
        name: str,
        kind: str,
        parent,
        valid_from: dt.date,
        short_name: str = "",
        abbreviation: str = "",
        code: str = "",
        event=None,
    ):
        from dienhinh.units.models import Unit
        from dienhinh.units.services import path_for, search_text_for

        unit = Unit(
            id=len(self.units) + 1,
            name=name,
            short_name=short_name,
            abbreviation=abbreviation,
            kind=kind,
            code=code,
            emails=[],
            parent=parent,
            valid_from=valid_from,
            depth=(parent.depth + 1) if parent else 0,
            search_text=search_text_for(
                name=name, short_name=short_name, abbreviation=abbreviation, code=code
            ),
        )
        unit.path = path_for(unit, parent)
        if event is None:  # unit_create: one CREATE event whose subject is the new unit
            event = self.event(kind=self.kinds.CREATE, on=valid_from, subject=unit)
        self.units.append(unit)
        self.event_of[unit.id] = event
        return unit

    def event(self, *, kind: str, on: dt.date, subject=None, legal_basis: str = ""):
        from dienhinh.units.models import RestructureEvent

        event = RestructureEvent(
            id=len(self.events) + 1,
            kind=kind,
            effective_date=on,
            subject=subject,
            legal_basis=legal_basis,
        )
        self.events.append(event)
        return event

    def end(self, unit, *, on: dt.date, successor, event) -> None:
        """`_end_unit` + `_link`: the unit ends on `on`; its records go to `successor`."""
        unit.valid_to = on
        unit.revision += 1
        self.links.append((event, unit, successor))

    def save(self) -> None:
        from django.core.management.color import no_style
        from django.db import connection, transaction

        from dienhinh.units.models import RestructureEvent, Unit, UnitLineage, UnitVersion

        versions = [
            UnitVersion(
                unit=u,
                valid_from=u.valid_from,
                valid_to=u.valid_to,  # close_current_version on the day it ended
                name=u.name,
                short_name=u.short_name,
                abbreviation=u.abbreviation,
                parent=u.parent,
                event=self.event_of[u.id],
            )
            for u in self.units
        ]
        lineage = [UnitLineage(event=e, predecessor=p, successor=s) for e, p, s in self.links]
        with transaction.atomic():
            # Level by level, so every parent row exists before its children.
            Unit.objects.bulk_create(
                sorted(self.units, key=lambda u: (u.depth, u.id)), batch_size=2000
            )
            RestructureEvent.objects.bulk_create(self.events, batch_size=2000)
            UnitVersion.objects.bulk_create(versions, batch_size=2000)
            UnitLineage.objects.bulk_create(lineage, batch_size=2000)
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(
                    no_style(), [Unit, RestructureEvent, UnitVersion, UnitLineage]
                ):
                    cursor.execute(statement)


def old_name(rng: random.Random, prefix: str) -> str:
    return f"{prefix} {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"


def build_tree(total: int, seed: int) -> dict:
    import vietnam_provinces as vp

    from dienhinh.units.models import RestructureKind

    rng = random.Random(seed)
    sizes = plan_sizes(total)
    tree = TreeBuilder(rng)

    root = tree.add(
        name="Ban Thi đua - Khen thưởng Trung ương",
        short_name="Ban TĐKT Trung ương",
        abbreviation="BTĐKTTW",
        kind="central_board",
        parent=None,
        valid_from=dt.date(1990, 1, 1),
    )
    provinces = sorted(vp.Province.iter_all(), key=lambda p: int(p.code))
    wards_by_province: dict[int, list] = {}
    for ward in vp.Ward.iter_all():
        wards_by_province.setdefault(int(ward.province_code), []).append(ward)
    all_wards = sum(len(w) for w in wards_by_province.values())

    province_units = {}
    bodies = []
    communes = []
    for province in provinces:
        short = province.name.removeprefix("Thành phố ").removeprefix("Tỉnh ")
        is_city = province.division_type == vp.VietNamDivisionType.THANH_PHO_TRUNG_UONG
        unit = tree.add(
            name=province.name,
            short_name=short,
            code=f"{int(province.code):02d}",
            kind="province",
            parent=root,
            valid_from=dt.date(1990, 1, 1),
        )
        province_units[int(province.code)] = unit
        suffix = f"{'thành phố' if is_city else 'tỉnh'} {short}"
        for body_name, kind in rng.sample(PROVINCE_BODIES, sizes["bodies_per_province"]):
            bodies.append(
                tree.add(
                    name=f"{body_name} {suffix}",
                    kind=kind,
                    parent=unit,
                    valid_from=dt.date(2025, 3, 1) if kind == "department" else MERGE_DAY,
                )
            )
        wards = sorted(wards_by_province[int(province.code)], key=lambda w: int(w.code))
        share = max(1, round(len(wards) * sizes["communes"] / all_wards))
        for ward in wards[:share]:
            kind = {
                vp.VietNamDivisionType.PHUONG: "ward",
                vp.VietNamDivisionType.DAC_KHU: "special_zone",
            }.get(ward.division_type, "commune")
            communes.append((ward, kind, unit))

    # ~85% of the history: communes merged away on 1/7/2025 into today's communes.
    merged_away = round(sizes["dissolved"] * 0.85)
    successors = rng.sample(range(len(communes)), k=min(len(communes), merged_away // 2 or 1))
    predecessor_count = dict.fromkeys(successors, 0)
    for i in range(merged_away):
        predecessor_count[successors[i % len(successors)]] += 1
    old_codes = iter(range(40_000, 99_999))
    commune_units = []
    for index, (ward, kind, province) in enumerate(communes):
        prefix = ward.name.split(" ", 1)[0] if kind != "special_zone" else "Xã"
        if index in predecessor_count:
            olds = [
                tree.add(
                    name=old_name(rng, prefix),
                    kind="ward" if prefix == "Phường" else "commune",
                    code=f"{next(old_codes):05d}",
                    parent=province,
                    valid_from=OLD_DAY,
                )
                for _ in range(predecessor_count[index])
            ]
            merge = tree.event(
                kind=RestructureKind.MERGE,
                on=MERGE_DAY,
                legal_basis="Nghị quyết 1656/NQ-UBTVQH15",
            )
            unit = tree.add(
                name=ward.name,
                kind=kind,
                code=f"{int(ward.code):05d}",
                parent=province,
                valid_from=MERGE_DAY,
                event=merge,
            )
            merge.subject = unit
            for old in olds:
                tree.end(old, on=MERGE_DAY, successor=unit, event=merge)
        else:
            unit = tree.add(
                name=ward.name,
                kind=kind,
                code=f"{int(ward.code):05d}",
                parent=province,
                valid_from=MERGE_DAY,
            )
        commune_units.append(unit)

    # A few units under every province body.
    for i in range(sizes["body_units"]):
        body = bodies[i % len(bodies)]
        label, kind = BODY_UNITS[(i // len(bodies)) % len(BODY_UNITS)]
        tree.add(
            name=f"{label} {body.name}",
            kind=kind,
            parent=body,
            valid_from=body.valid_from,
        )

    # Offices and service units under ~80% of communes, a few each (about 5 at 20,000).
    hosts = rng.sample(commune_units, k=max(1, round(len(commune_units) * 0.8)))
    per_host = {h.id: 0 for h in hosts}
    for _ in range(sizes["commune_units"]):
        per_host[rng.choice(hosts).id] += 1
    offices_by_host = {}
    for host in hosts:
        offices_by_host[host.id] = []
        for n in range(per_host[host.id]):
            label, kind = COMMUNE_UNITS[n % len(COMMUNE_UNITS)]
            number = f" số {n // len(COMMUNE_UNITS) + 1}" if n >= len(COMMUNE_UNITS) else ""
            offices_by_host[host.id].append(
                tree.add(
                    name=f"{label}{number} {host.name}",
                    kind=kind,
                    parent=host,
                    valid_from=MERGE_DAY,
                )
            )

    # The other ~15%: offices dissolved in 2025-2026, their records handed to a sibling.
    dissolvable = [offices for offices in offices_by_host.values() if len(offices) >= 2]
    for _ in range(sizes["dissolved"] - merged_away):
        offices = rng.choice(dissolvable)
        host = offices[0].parent
        label, kind = rng.choice(COMMUNE_UNITS)
        gone = tree.add(
            name=f"{label} {host.name} (cũ)",
            kind=kind,
            parent=host,
            valid_from=MERGE_DAY,
        )
        on = MERGE_DAY + dt.timedelta(days=rng.randint(30, 480))
        event = tree.event(kind=RestructureKind.DISSOLVE, on=on, subject=gone)
        tree.end(gone, on=on, successor=rng.choice(offices), event=event)

    started = time.perf_counter()
    tree.save()
    return {
        "seconds_to_insert": round(time.perf_counter() - started, 2),
        "units": len(tree.units),
        "dissolved": len(tree.links),
        "events": len(tree.events),
        "plan": sizes,
        "provinces": province_units,
    }


def verify_tree() -> None:
    """The invariants the services keep: path, depth, search_text, one version per unit."""
    from django.db.models import Count

    from dienhinh.units.models import PATH_STEP, Unit
    from dienhinh.units.services import search_text_for

    units = {u.id: u for u in Unit.objects.annotate(n_versions=Count("versions"))}
    for unit in units.values():
        parent = units.get(unit.parent_id)
        expected = (parent.path if parent else "") + f"{unit.id:0{PATH_STEP}d}."
        assert unit.path == expected, (unit.id, unit.path, expected)
        assert unit.depth == (parent.depth + 1 if parent else 0), unit.id
        assert unit.search_text == search_text_for(
            name=unit.name,
            short_name=unit.short_name,
            abbreviation=unit.abbreviation,
            code=unit.code,
        ), unit.id
        assert unit.n_versions == 1, unit.id


def analyze(vendor: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if vendor == "postgresql":
            # What autovacuum does after a bulk load: statistics plus the visibility map.
            cursor.execute(
                "VACUUM (ANALYZE) units_unit, units_unitversion, units_unitlineage, "
                "units_restructureevent, accounts_membership"
            )
        else:
            cursor.execute("ANALYZE")


# ------------------------------------------------------------------------------- measuring


def measure(fn: Callable[[], object], repeat: int, *, digits: int = 3) -> dict:
    """Median, 95th percentile, min and max in ms after WARMUP runs (shared by the benchmarks)."""
    for _ in range(WARMUP):
        fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), digits),
        "p95_ms": round(times[max(0, math.ceil(0.95 * len(times)) - 1)], digits),
        "min_ms": round(times[0], digits),
        "max_ms": round(times[-1], digits),
    }


def explain(queryset, vendor: str) -> str:
    if vendor == "postgresql":
        return queryset.explain(analyze=True, buffers=True)
    return queryset.explain()


def path_indexes(vendor: str) -> list[dict]:
    from django.db import connection

    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'units_unit' AND indexdef LIKE %s ORDER BY 1",
                ["%(path%"],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'units_unit' AND sql LIKE %s ORDER BY 1",
                ['%"path"%'],
            )
        return [{"name": name, "definition": definition} for name, definition in cursor]


def database_facts(vendor: str) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
            cursor.execute("SELECT datcollate FROM pg_database WHERE datname = current_database()")
            return {"version": version, "collation": cursor.fetchone()[0]}
        cursor.execute("SELECT sqlite_version()")
        return {"version": cursor.fetchone()[0]}


def run(args: argparse.Namespace) -> dict:
    vendor = recreate_database(args.database_url)
    setup_django(args.database_url)

    from dienhinh.accounts.models import Membership, Role, User
    from dienhinh.accounts.scope import units_for
    from dienhinh.common.dates import today
    from dienhinh.units import selectors
    from dienhinh.units.models import Unit

    print(f"Building a {args.units:,}-unit tree on {vendor} ...", flush=True)
    built = build_tree(args.units, args.seed)
    verify_tree()
    analyze(vendor)
    print(
        f"  {built['units']:,} units ({built['dissolved']:,} dissolved, with lineage), "
        f"{built['events']:,} events, inserted in {built['seconds_to_insert']} s",
        flush=True,
    )

    provinces = built["provinces"]
    if args.province is not None and args.province not in provinces:
        sys.exit(f"No province with code {args.province}.")
    sizes = {
        code: Unit.objects.filter(path__startswith=unit.path).count()
        for code, unit in provinces.items()
    }
    code = args.province if args.province is not None else max(sizes, key=sizes.get)
    province = Unit.objects.get(pk=provinces[code].pk)
    day = today()

    user = User.objects.create_user(username="bench-compiler", password=None)
    Membership.objects.create(user=user, unit=province, role=Role.COMPILER)

    def subtree_today():
        return list(selectors.unit_subtree(unit=province, on=day).values_list("id", "name", "kind"))

    def subtree_all():
        return list(selectors.unit_subtree(unit=province).values_list("id", "name", "kind"))

    def scope():
        # A fresh request: the grants cache on the user object starts empty each time.
        user.__dict__.pop("_scope_grants", None)
        return list(units_for(user))

    def search():
        return list(selectors.units_search(query="phuong", within=Unit.objects.all()))

    def stats():
        return selectors.unit_stats()

    cases = [
        ("a", "subtree of a province, valid today", subtree_today),
        ("b", "subtree of a province, no date filter", subtree_all),
        ("c", "units_for(compiler on the province)", scope),
        ("d", 'units_search("phuong") over all units', search),
        ("e", "unit_stats() by kind, nationally", stats),
    ]
    results = {}
    for key, label, fn in cases:
        outcome = fn()
        rows = outcome["total"] if isinstance(outcome, dict) else len(outcome)
        results[key] = {"label": label, "rows": rows, **measure(fn, args.repeat)}

    plan = explain(
        selectors.unit_subtree(unit=province, on=day).values_list("id", "name", "kind"), vendor
    )
    indexes = path_indexes(vendor)
    used = [ix["name"] for ix in indexes if re.search(rf"\b{re.escape(ix['name'])}\b", plan)]

    return {
        "date": day.isoformat(),
        "vendor": vendor,
        "database": database_facts(vendor),
        "django": __import__("django").get_version(),
        "python": platform.python_version(),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            # Other processes on the same CPUs slow every figure down: keep the load with them.
            "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        },
        "units": built["units"],
        "dissolved": built["dissolved"],
        "seconds_to_insert": built["seconds_to_insert"],
        "repeat": args.repeat,
        "warmup": WARMUP,
        "province": {
            "code": f"{code:02d}",
            "name": province.name,
            "subtree_units": sizes[code],
        },
        "target_ms": TARGET_MS,
        "target_met": results["a"]["median_ms"] < TARGET_MS,
        "results": results,
        "explain_a": plan,
        "path_indexes": indexes,
        "path_index_used": used,
    }


def report(outcome: dict) -> None:
    print()
    print(
        f"{outcome['vendor']} {outcome['database']['version']}: {outcome['units']:,} units; "
        f"province {outcome['province']['name']} ({outcome['province']['subtree_units']:,} "
        f"units in its subtree); {outcome['repeat']} runs after {outcome['warmup']} warm-ups; "
        f"load average {outcome['machine']['load_average_1_5_15'][0]}"
    )
    print()
    header = f"{'':2} {'query':42} {'rows':>6} {'median ms':>10} {'p95 ms':>8}"
    print(header)
    print("-" * len(header))
    for key, row in outcome["results"].items():
        print(
            f"{key:2} {row['label']:42} {row['rows']:>6} {row['median_ms']:>10.2f} "
            f"{row['p95_ms']:>8.2f}"
        )
    verdict = "met" if outcome["target_met"] else "NOT met"
    print()
    print(f"Target (a) median < {outcome['target_ms']:.0f} ms: {verdict}")
    print()
    print("Plan of (a):")
    print(outcome["explain_a"])
    print()
    print("Indexes on units_unit.path:")
    for index in outcome["path_indexes"]:
        print(f"  {index['name']}: {index['definition']}")
    print(f"Used by (a): {', '.join(outcome['path_index_used']) or 'NONE'}")


def save(outcome: dict, benchmark: str = "tree_subtree") -> Path:
    """Merge this run into bench/results/<benchmark>-<date>.json, one entry per database."""
    folder = ROOT / "bench" / "results"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{benchmark}-{outcome['date']}.json"
    runs = {}
    if target.exists():
        try:
            runs = json.loads(target.read_text(encoding="utf-8")).get("runs", {})
        except (ValueError, AttributeError):
            runs = {}
    runs[outcome["vendor"]] = outcome
    target.write_text(
        json.dumps(
            {"benchmark": benchmark, "runs": runs}, ensure_ascii=False, indent=2, default=str
        ),
        encoding="utf-8",
    )
    return target


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    outcome = run(args)
    report(outcome)
    if not args.no_json:
        print(f"\nWritten to {save(outcome).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
