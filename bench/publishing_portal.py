"""Benchmark: the public portal at national scale, served by gunicorn on PostgreSQL.

Builds, in a dedicated throw-away database, the national data of the compliance benchmark
(`compliance_rollup.build`: a ~20,000-unit tree, monthly programmes, nominations) and then
50,000 published stories: consent for them, the media outlets (each province's e-portal,
newspaper and radio-TV, each commune's loudspeakers), one published editorial item per
story on its commune's loudspeakers or its province's e-portal, and the public copy of each
story with where it appeared - the rows `publishing.public.story_refresh` writes, written
in bulk (COPY) and checked against the service on a sample.

Then it measures:

  in process (Django test client, the page cache emptied before each run):
    a. the portal's home page          b. a province's page       c. a story's page
    d. the RSS feed of a province with its subtree (50 items)  - target < 50 ms
    e. the Atom feed of one outlet (50 items)
    f. portal search over 50 different queries, p95             - target p95 < 50 ms
  under load (gunicorn, separate processes, new connection per request):
    g. home, a province page, story pages (rotating over 1,000 stories, first visits, then
       again once each was seen) - target >= 200 requests/s with p95 < 100 ms each; with the
       page cache shared in Redis (CACHE_REDIS_URL), and again with it switched off
       (PUBLISHING_PAGE_CACHE_SECONDS=0); and a static file through whitenoise, the
       ceiling of the same server and client on the machine at that moment.

Usage:
    .venv/bin/python bench/publishing_portal.py                   # build, then measure
    .venv/bin/python bench/publishing_portal.py --reuse           # measure the data again
    .venv/bin/python bench/publishing_portal.py --units 3000 --months 6 --stories 5000

Results are printed and merged into bench/results/publishing_portal-<date>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compliance_rollup  # noqa: E402
from compliance_rollup import Writer  # noqa: E402
from tree_subtree import ROOT, database_facts, measure, recreate_database, setup_django  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/dienhinh_bench_publishing"
SEARCHES = [
    "cuu nguoi",
    "duoi nuoc",
    "hien dat",
    "nguoi cao tuoi",
    "cua roi",
    "san xuat gioi",
    "giao vien",
    "to dan pho",
    "nguyen van",
    "tran thi",
    "le minh",
    "pham duc",
    "hoang ngoc",
    "xanh sach dep",
    "mo hinh",
    "tan tuy",
    "cham soc",
    "mo rong duong",
    "nguoi danh mat",
    "phuong",
    "xa",
    "thanh pho",
    "ha noi",
    "hai phong",
    "da nang",
    "can tho",
    "hue",
    "vu thanh",
    "dang huu",
    "bui quang",
    "do thu",
    "ngo xuan",
    "duong an",
    "binh",
    "chi",
    "dung",
    "giang",
    "ha",
    "hung",
    "lan",
    "mai",
    "nam",
    "phuc",
    "son",
    "day gioi",
    "nhieu nam lien",
    "gương sáng",
    "Cứu người đuối nước",
    "tổ dân phố",
    "người tốt",
]
TEXT = (
    "{name} là tấm gương sáng của {unit}. {headline}: trong năm qua, {name} đã cùng bà con "
    "tổ dân phố chung tay làm việc tốt, được cấp ủy, chính quyền và nhân dân ghi nhận. "
    "Câu chuyện được kể lại trên hệ thống truyền thanh và cổng thông tin điện tử để lan tỏa "
    "tinh thần thi đua yêu nước, xây dựng khu dân cư văn hóa, đoàn kết, nghĩa tình."
)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--months", type=int, default=12, help="monthly periods of data")
    parser.add_argument("--stories", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier run")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--concurrency", type=int, default=8, help="clients at once")
    parser.add_argument("--seconds", type=float, default=15, help="load per URL")
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn runs")
    parser.add_argument(
        "--cache-url",
        default="redis://127.0.0.1:6379/7",
        help="a Redis database of the bench's own for the shared page cache",
    )
    parser.add_argument("--no-json", action="store_true")
    return parser.parse_args(argv)


# ----------------------------------------------------------------------------- the data


def _outlets(vendor: str) -> tuple[dict, dict]:
    """Each province's e-portal, newspaper and radio-TV; each commune's loudspeakers."""
    from dienhinh.publishing.models import Outlet
    from dienhinh.units.models import Unit

    provinces = list(Unit.objects.filter(kind="province", valid_to__isnull=True))
    communes = list(Unit.objects.filter(kind__in=["ward", "commune", "special_zone"]))
    rows = []
    for p in provinces:
        short = p.name.replace("Thành phố ", "").replace("Tỉnh ", "")
        rows += [
            Outlet(unit=p, kind="e_portal", name=f"Cổng thông tin điện tử {p.name}",
                   consent_channel="portal", address=f"https://{p.code}.gov.vn"),
            Outlet(unit=p, kind="newspaper", name=f"Báo {short}", consent_channel="newspaper"),
            Outlet(unit=p, kind="radio_tv", name=f"Đài PT-TH {short}", consent_channel="radio_tv"),
        ]  # fmt: skip
    rows += [
        Outlet(unit=c, kind="loudspeaker", name=f"Đài truyền thanh {c.name}",
               consent_channel="loudspeaker")
        for c in communes
    ]  # fmt: skip
    Outlet.objects.bulk_create(rows, batch_size=2000)
    portals = {o.unit_id: o for o in Outlet.objects.filter(kind="e_portal")}
    speakers = {o.unit_id: o for o in Outlet.objects.filter(kind="loudspeaker")}
    return portals, speakers


def _province_of(path: str, province_paths: dict[str, int]) -> int | None:
    parts = path.split(".")
    for size in range(1, len(parts)):
        found = province_paths.get(".".join(parts[:size]) + ".")
        if found:
            return found
    return None


def build_stories(args, vendor: str) -> dict:
    """50,000 accepted nominations published once each, with their public copies."""
    from django.db import connection, transaction
    from django.utils import timezone

    from dienhinh.common.text import fold
    from dienhinh.nominations.models import Consent, Nomination
    from dienhinh.publishing.models import (
        EditorialItem,
        ItemStory,
        PortalState,
        PublicAppearance,
        PublicStory,
    )  # fmt: skip
    from dienhinh.units.models import Unit

    rng = random.Random(args.seed + 1)
    portals, speakers = _outlets(vendor)
    province_paths = {
        u.path: u.pk for u in Unit.objects.filter(kind="province", valid_to__isnull=True)
    }
    rows = list(
        Nomination.objects.filter(status="accepted")
        .values_list("id", "unit_id", "unit__path", "unit__name", "headline", "full_name",
                     "field", "period__starts_on", "created_by_id")
        .order_by("?")[: args.stories]
    )  # fmt: skip
    now = timezone.now()
    consent = Writer(Consent, ["nomination_id", "given_by", "given_on", "channels",
                               "recorded_by_id", "recorded_at"], vendor)  # fmt: skip
    item_cols = ["outlet_id", "status", "proposed_by_unit_id", "title", "body", "created_by_id",
                 "created_at", "approved_by_id", "approved_at", "scheduled_for", "air_time",
                 "published_on", "updated_at", "revision"]  # fmt: skip
    story_cols = ["nomination_id", "unit_id", "unit_path", "unit_name", "slug", "title", "lead",
                  "body", "subject_name", "field", "channels", "month", "first_published_on",
                  "last_published_on", "search_text", "updated_at"]  # fmt: skip
    stories = Writer(PublicStory, story_cols, vendor)
    made = {"items": 0}
    chunk = 5000
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        consents, items, publics = [], [], []
        for nid, unit_id, path, unit_name, headline, name, field, starts, user in part:
            province = _province_of(path, province_paths)
            outlet = speakers.get(unit_id) or portals.get(province) or next(iter(portals.values()))
            day = starts + dt.timedelta(days=rng.randint(14, 40))
            day = min(day, dt.date.today())
            body = TEXT.format(name=name, unit=unit_name, headline=headline)
            consents.append((nid, name, starts, ["loudspeaker", "portal", "newspaper"], user, now))
            air = dt.time(17, 30) if outlet.kind == "loudspeaker" else None
            items.append((outlet.pk, "published", outlet.unit_id, headline, body, user, now, user,
                          now, day, air, day, now, 5))  # fmt: skip
            publics.append(
                (nid, unit_id, path, unit_name, fold(headline).replace(" ", "-")[:100], headline,
                 body[:300], body, name, field, f" {outlet.consent_channel} ",
                 day.strftime("%Y-%m"), day, day,
                 fold(" ".join([headline, name, unit_name, body])), now)
            )  # fmt: skip
        with transaction.atomic(), connection.cursor() as cursor:
            consent.write(cursor, consents)
            Writer(EditorialItem, item_cols, vendor).write(cursor, items)
            stories.write(cursor, publics)
        made["items"] += len(items)
        print(f"  {made['items']:,} stories published", flush=True)
    _link(vendor)
    PortalState.objects.update_or_create(pk=1, defaults={"version": 1, "changed_at": now})
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if vendor == "postgresql" else "ANALYZE")
    return {
        "stories": PublicStory.objects.count(),
        "appearances": PublicAppearance.objects.count(),
        "item_stories": ItemStory.objects.count(),
    }


def _link(vendor: str) -> None:
    """Join items to their nominations and appearances in SQL (same title, same order)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH numbered_items AS (
                SELECT id, row_number() OVER (ORDER BY id) AS n FROM publishing_editorialitem),
            numbered_stories AS (
                SELECT id, nomination_id, row_number() OVER (ORDER BY id) AS n
                FROM publishing_publicstory)
            INSERT INTO publishing_itemstory (item_id, nomination_id, "order")
            SELECT i.id, s.nomination_id, 0 FROM numbered_items i JOIN numbered_stories s USING (n)
            """
        )
        cursor.execute(
            """
            INSERT INTO publishing_publicappearance (story_id, item_id, outlet_id, outlet_name,
                outlet_kind, unit_name, published_on, air_time, url, issue_number, page)
            SELECT s.id, i.id, o.id, o.name, o.kind, u.name, i.published_on, i.air_time,
                   '', '', ''
            FROM publishing_publicstory s
            JOIN publishing_itemstory st ON st.nomination_id = s.nomination_id
            JOIN publishing_editorialitem i ON i.id = st.item_id
            JOIN publishing_outlet o ON o.id = i.outlet_id
            JOIN units_unit u ON u.id = o.unit_id
            """
        )


def verify(sample: int = 200) -> int:
    """Rebuild a sample with the service, in a transaction rolled back: the bulk rows must be
    what `public.story_refresh` writes (title, text, month, channels, appearances)."""
    from django.db import transaction

    from dienhinh.publishing.models import PublicStory
    from dienhinh.publishing.public import story_refresh

    fields = ["title", "body", "month", "channels", "unit_path", "first_published_on"]
    ids = list(PublicStory.objects.order_by("?").values_list("nomination_id", flat=True)[:sample])
    before = {s.nomination_id: s for s in PublicStory.objects.filter(nomination_id__in=ids)}
    with transaction.atomic():
        story_refresh(nomination_ids=ids)
        after = {s.nomination_id: s for s in PublicStory.objects.filter(nomination_id__in=ids)}
        for nid in ids:
            for name in fields:
                if getattr(before[nid], name) != getattr(after[nid], name):
                    sys.exit(f"story {nid}: {name} differs from the service's")
            if after[nid].appearances.count() != 1:
                sys.exit(f"story {nid}: appearances differ")
        transaction.set_rollback(True)
    return len(ids)


# ------------------------------------------------------------------------------ measuring


def pick() -> dict:
    from dienhinh.publishing.models import Outlet, PublicAppearance, PublicStory
    from dienhinh.units.models import Unit

    busiest = (
        PublicStory.objects.values("unit_path")
        .order_by()
        .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
        .order_by("-n")
        .first()
    )
    province = next(
        u
        for u in Unit.objects.filter(kind="province", valid_to__isnull=True)
        if busiest["unit_path"].startswith(u.path)
    )
    outlet = Outlet.objects.get(
        pk=PublicAppearance.objects.values("outlet_id")
        .order_by()
        .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
        .order_by("-n")[0]["outlet_id"]
    )
    stories = list(PublicStory.objects.order_by("?").values_list("nomination_id", "slug")[:1000])
    return {"province": province, "outlet": outlet, "stories": stories}


def in_process(picked: dict, repeat: int) -> dict:
    from django.core.cache import cache
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    province, outlet = picked["province"], picked["outlet"]
    nid, slug = picked["stories"][0]
    pages = {
        "a": ("home", "/cong-khai/"),
        "b": (f"province page ({province.name})", f"/cong-khai/don-vi/{province.pk}/"),
        "c": ("story page", f"/cong-khai/guong/{nid}/{slug}/"),
        "d": ("RSS of the province with its subtree, 50 items",
              f"/cong-khai/don-vi/{province.pk}/rss.xml?cap-duoi=1"),
        "e": ("Atom of one outlet, 50 items", f"/cong-khai/kenh/{outlet.pk}/atom.xml"),
    }  # fmt: skip
    results = {}
    for code, (label, url) in pages.items():
        assert client.get(url).status_code == 200, url

        def uncached(url=url):
            cache.clear()
            return client.get(url)

        results[code] = {"label": label, "url": url, **measure(uncached, repeat)}
        results[code]["cached"] = measure(lambda url=url: client.get(url), repeat)
        print(f"  {code} {label}: {results[code]['median_ms']} ms "
              f"(p95 {results[code]['p95_ms']}; cached {results[code]['cached']['median_ms']})",
              flush=True)  # fmt: skip
    times = []
    for query in SEARCHES:
        cache.clear()
        started = time.perf_counter()
        response = client.get("/cong-khai/", {"q": query})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    results["f"] = {
        "label": f"portal search, {len(SEARCHES)} queries, uncached",
        "median_ms": round(times[len(times) // 2], 3),
        "p95_ms": round(times[int(0.95 * len(times)) - 1], 3),
        "max_ms": round(times[-1], 3),
    }
    print(f"  f search: median {results['f']['median_ms']} p95 {results['f']['p95_ms']}")
    return results


class Load:
    """`concurrency` threads requesting URLs for `seconds`, a new connection each time."""

    def __init__(self, base: str, concurrency: int, seconds: float):
        self.base, self.concurrency, self.seconds = base, concurrency, seconds

    def run(self, urls: list[str]) -> dict:
        latencies, errors, lock = [], [0], threading.Lock()
        stop = time.perf_counter() + self.seconds

        def client(offset: int):
            index = offset
            while time.perf_counter() < stop:
                url = self.base + urls[index % len(urls)]
                index += self.concurrency
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=10) as response:
                        response.read()
                except Exception:
                    with lock:
                        errors[0] += 1
                    continue
                with lock:
                    latencies.append((time.perf_counter() - started) * 1000)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(self.concurrency)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        latencies.sort()
        count = len(latencies)
        return {
            "requests": count,
            "errors": errors[0],
            "per_second": round(count / elapsed, 1),
            "median_ms": round(latencies[count // 2], 1) if count else None,
            "p95_ms": round(latencies[int(0.95 * count) - 1], 1) if count else None,
        }


def under_load(args, picked: dict, *, cache_seconds: int) -> dict:
    if cache_seconds:
        import redis

        redis.Redis.from_url(args.cache_url).flushdb()  # the bench's own Redis database
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        "PUBLISHING_PAGE_CACHE_SECONDS": str(cache_seconds),
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        # The web processes share the page cache, as in production with several of them.
        "CACHE_REDIS_URL": args.cache_url if cache_seconds else "",
    }
    # Production serves hashed static names from the manifest collectstatic writes.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{args.port}", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/cong-khai/", timeout=2).read()
                break
            except Exception:
                time.sleep(0.2)
        province = picked["province"]
        stories = [f"/cong-khai/guong/{nid}/{slug}/" for nid, slug in picked["stories"]]
        plans = {
            # The ceiling of this machine at that moment: a static file through whitenoise,
            # the same gunicorn, the same client - no view, no database.
            "baseline_static_file": ["/static/css/portal.css"],
            "home": ["/cong-khai/"],
            "province": [f"/cong-khai/don-vi/{province.pk}/"],
            "story": stories,
        }
        results = {}
        for name, urls in plans.items():
            Load(base, args.concurrency, 2).run(urls)  # warm up
            results[name] = Load(base, args.concurrency, args.seconds).run(urls)
            print(f"  g {name} (cache {cache_seconds}s): {results[name]}", flush=True)
        if cache_seconds:
            # Every story page asked for once (a crawler, the first readers), then again.
            for url in stories:
                urllib.request.urlopen(base + url, timeout=30).read()
            results["story_cached"] = Load(base, args.concurrency, args.seconds).run(stories)
            print(f"  g story, each seen once before: {results['story_cached']}", flush=True)
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def run(args) -> dict:
    import dj_database_url

    name = str(dj_database_url.parse(args.database_url)["NAME"])
    vendor = "sqlite" if args.database_url.startswith("sqlite") else "postgresql"
    built = None
    if args.reuse:
        if "bench" not in Path(name).name:
            sys.exit(f"Refusing to use {name!r}: the name must contain 'bench'.")
        setup_django(args.database_url)
    else:
        vendor = recreate_database(args.database_url)
        setup_django(args.database_url)
        print(
            f"Building {args.units:,} units, {args.months} months, {args.stories:,} stories",
            flush=True,
        )
        started = time.perf_counter()
        built = compliance_rollup.build(args, vendor)
        built["stories"] = build_stories(args, vendor)
        built["seconds"]["total_with_stories"] = round(time.perf_counter() - started, 1)
    checked = verify()
    picked = pick()
    results = in_process(picked, args.repeat)
    load = None
    if not args.no_load:
        load = {
            "page_cache": under_load(args, picked, cache_seconds=300),
            "no_page_cache": under_load(args, picked, cache_seconds=0),
        }
    return {
        "date": dt.date.today().isoformat(),
        "vendor": vendor,
        "database": database_facts(vendor),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()]},
        "built": built,
        "verified_stories": checked,
        "province": picked["province"].name,
        "outlet": picked["outlet"].name,
        "repeat": args.repeat,
        "in_process": results,
        "load": load,
        "gunicorn": {"workers": args.workers, "concurrency": args.concurrency,
                     "seconds": args.seconds},
    }  # fmt: skip


def save(outcome: dict) -> Path:
    folder = ROOT / "bench" / "results"
    folder.mkdir(exist_ok=True)
    path = folder / f"publishing_portal-{outcome['date']}.json"
    kept = json.loads(path.read_text()) if path.exists() else {}
    kept[outcome["vendor"]] = outcome
    path.write_text(json.dumps(kept, ensure_ascii=False, indent=2, default=str))
    return path


def main(argv=None) -> None:
    args = parse_args(argv)
    outcome = run(args)
    if not args.no_json:
        print(f"\nWritten to {save(outcome).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
