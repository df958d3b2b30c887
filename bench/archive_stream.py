"""Benchmark: the 11 June archive of 10,000 photos, and the album's first page.

Builds, in a dedicated throw-away database and media folder, a year of activity material:
10,000 photos (generated JPEGs of about --kb kilobytes each, all distinct files) sent by
20 wards to their district, with a few near-duplicate copies, all chosen for the city's
11 June collection. Then measures, in this order:

  a. the disk's plain sequential read of the same 10,000 files, in the archive's order,
     1 MB at a time (twice; the second, warm figure is the reference: the archive runs on
     the same warm cache right after);
  b. streaming the archive (the ZIP bytes as the download would send them, discarded) in a
     separate worker process: MB/s, files/s and the worker's peak RSS;
  c. the worker's full build (`exports.export_build`: the ZIP streamed into storage,
     hashed, progress recorded), in a separate process: MB/s, files/s, peak RSS;
  d. the album's first page of the 10,000-photo year over HTTP (Django test client,
     rendered), and the album query alone: median server time.

Targets (issue 12): (b)/(c) peak RSS < 200 MB, (b) at >= 80 % of (a), (d) < 100 ms.

Usage:
    .venv/bin/python bench/archive_stream.py                    # PostgreSQL, 10,000 photos
    .venv/bin/python bench/archive_stream.py --photos 1000 --kb 50
    .venv/bin/python bench/archive_stream.py --database-url sqlite:////tmp/archive_bench.sqlite3
The database name must contain "bench"; the media folder is emptied on every run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tree_subtree import ROOT, recreate_database, save  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/dienhinh_archive_bench"
MB = 1024 * 1024


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--media", default="/tmp/dienhinh_archive_bench_media")
    parser.add_argument("--photos", type=int, default=10_000)
    parser.add_argument("--kb", type=int, default=120, help="approximate size of each photo")
    parser.add_argument("--repeat", type=int, default=20, help="album page timings")
    parser.add_argument("--worker", choices=["stream", "build"], help=argparse.SUPPRESS)
    parser.add_argument("--export", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--no-json", action="store_true")
    return parser.parse_args(argv)


def setup_django(url: str, media: str, *, migrate: bool) -> None:
    os.environ.update(
        DATABASE_URL=url, MEDIA_ROOT=media, DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="true", LOG_LEVEL="WARNING",
    )  # fmt: skip
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    settings.DEBUG = False  # no query log: time it as production runs
    settings.ALLOWED_HOSTS = ["testserver"]


# ------------------------------------------------------------------------------ the data


def base_jpegs(kb: int, count: int = 40) -> list[bytes]:
    """Noise photos of about `kb` KB (noise does not compress: the size follows the pixels)."""
    from PIL import Image

    side = int((kb * 1024 / 1.6) ** 0.5 * 1.8)
    images = []
    for seed in range(count):
        noise = Image.frombytes("RGB", (side, side * 3 // 4), random.Random(seed).randbytes(
            side * (side * 3 // 4) * 3))  # fmt: skip
        buffer = __import__("io").BytesIO()
        noise.save(buffer, "JPEG", quality=80)
        images.append(buffer.getvalue())
    return images


def write_photos(media: Path, count: int, kb: int) -> list[tuple[str, int]]:
    """`count` distinct JPEG files (a numbered comment segment after the JFIF header)."""
    bases = base_jpegs(kb)
    folder = media / "archive" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(count):
        base = bases[index % len(bases)]
        comment = f"bench photo {index:06d}".encode()
        segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
        data = base[:20] + segment + base[20:]
        name = f"archive/bench/{index:06d}.jpg"
        (media / name).write_bytes(data)
        written.append((name, len(data)))
    return written


def build_world(files: list[tuple[str, int]]):
    """20 wards of a district, the seeds' programmes, the material and the city's choice."""
    from django.db.models import F
    from django.utils import timezone

    from dienhinh.archive.models import Collection, Favourite, Material
    from dienhinh.cycles.models import Period
    from dienhinh.testing import build_cast, make_seed_programmes, make_unit

    cast = build_cast()
    wards = [cast.ward, cast.ward2] + [
        make_unit(f"Phường Thử Nghiệm {n:02d}", "ward", cast.district) for n in range(18)
    ]
    _city, district = make_seed_programmes(cast, starts_on=dt.date(2023, 7, 1))
    periods = {p.key: p for p in Period.objects.filter(programme=district)}
    rng = random.Random(7)
    rows = []
    for index, (name, size) in enumerate(files):
        day = dt.date(2023, 7, 1) + dt.timedelta(days=index % 180)
        rows.append(Material(
            unit=wards[index % len(wards)], period=periods[f"{day:%Y-%m}"], kind="photo",
            title=f"Hoạt động thi đua số {index + 1}", taken_on=day,
            caption="Chú thích ảnh hoạt động thi đua, khen thưởng của phường.",
            credit="Văn phòng UBND phường", file=name, preview=name, original_name=f"{index}.jpg",
            content_type="image/jpeg", size=size, width=800, height=600,
            dhash=rng.getrandbits(63), sent_at=timezone.now(), uploaded_by=cast.ward_reporter,
        ))  # fmt: skip
    Material.objects.bulk_create(rows, batch_size=2000)
    ids = list(Material.objects.order_by("id").values_list("id", flat=True))
    Material.objects.update(group_key=F("id"))
    copies = [Material(pk=pk) for pk in ids[1::20]]  # 5 % are copies of their neighbour
    for copy in copies:
        copy.same_as_id = copy.group_key = copy.pk - 1
    Material.objects.bulk_update(copies, ["same_as", "group_key"], batch_size=2000)
    collection = Collection.objects.create(unit=cast.city, year=2024)
    Favourite.objects.bulk_create(
        [
            Favourite(collection=collection, material_id=pk, added_by=cast.city_officer)
            for pk in ids
        ],
        batch_size=2000,
    )
    return cast, collection


# -------------------------------------------------------------------------- measurements


def evict(media: Path, names: list[str]) -> None:
    """Drop these files (only these) from the page cache, so the next read comes from the
    disk: the comparison is disk to disk, not memory to memory."""
    for name in names:
        with open(media / name, "rb") as source:
            os.posix_fadvise(source.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def plain_read(media: Path, names: list[str]) -> dict:
    started, total = time.perf_counter(), 0
    for name in names:
        with open(media / name, "rb") as source:
            while chunk := source.read(MB):
                total += len(chunk)
    seconds = time.perf_counter() - started
    return _rates(total, len(names), seconds)


def _rates(total: int, files: int, seconds: float) -> dict:
    return {
        "bytes": total, "files": files, "seconds": round(seconds, 2),
        "mb_per_s": round(total / MB / seconds, 1), "files_per_s": round(files / seconds),
    }  # fmt: skip


def run_worker(args, mode: str, export_id: int) -> dict:
    command = [sys.executable, __file__, "--worker", mode, "--export", str(export_id)]
    command += ["--database-url", args.database_url, "--media", args.media]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def worker(args) -> None:
    """In the worker process: stream (discarding) or build the archive; print figures."""
    setup_django(args.database_url, args.media, migrate=False)
    from dienhinh.archive import exports, zipbuild
    from dienhinh.archive.models import ArchiveExport

    export = ArchiveExport.objects.select_related("collection__unit").get(pk=args.export)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_at_start = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    if args.worker == "stream":
        entries, write_indexes = exports.archive_parts(export.collection)
        prepared = time.perf_counter() - started
        with zipbuild.quick_handover():
            total = sum(len(chunk) for chunk in zipbuild.zip_stream(entries, write_indexes))
        files = len(entries)
    else:
        export = exports.export_build(export_id=export.pk)
        assert export.status == "ready", export.error
        total, files = export.size, export.files_total
    figures = _rates(total, files, time.perf_counter() - started)
    if args.worker == "stream":
        figures["indexes_seconds"] = round(prepared, 2)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    figures["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    # CPU the worker used (all its threads): with the machine to itself the archive runs
    # at the slower of the disk and this.
    figures["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime - cpu_at_start, 2)
    print(json.dumps(figures))


def album_timings(cast, repeat: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from dienhinh.archive import selectors

    client = Client()
    client.force_login(cast.compiler)
    url = f"/tu-lieu/?cap={cast.district.pk}&nam=2023"
    assert client.get(url).status_code == 200
    page, query = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        page.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        filters = selectors.AlbumFilter(year=2023)
        groups = selectors.album_groups(level=cast.district, filters=filters)
        selectors.album_materials(groups[: selectors.PAGE_SIZE])
        query.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    tiles = response.content.decode().count('class="album-tile"')
    return {
        "page_median_ms": round(statistics.median(page), 1),
        "page_max_ms": round(max(page), 1),
        "query_median_ms": round(statistics.median(query), 1),
        "queries": len(queries), "tiles": tiles,
    }  # fmt: skip


def run(args) -> dict:
    vendor = recreate_database(args.database_url)
    media = Path(args.media)
    shutil.rmtree(media, ignore_errors=True)
    media.mkdir(parents=True)
    setup_django(args.database_url, args.media, migrate=True)
    from dienhinh.archive import exports, zipbuild
    from dienhinh.archive.models import ArchiveExport

    started = time.perf_counter()
    files = write_photos(media, args.photos, args.kb)
    cast, collection = build_world(files)
    from django.db import connection

    with connection.cursor() as cursor:  # fresh statistics, as autovacuum keeps them
        cursor.execute("ANALYZE")
    print(f"data: {len(files)} photos, {sum(s for _, s in files) / MB:.0f} MB "
          f"in {time.perf_counter() - started:.0f} s")  # fmt: skip
    materials, _examples = exports.collection_contents(collection)
    materials.sort(key=zipbuild.sort_key)
    names = [m.file_name for m in materials]
    outcome = {"date": dt.date.today().isoformat(), "vendor": vendor, "photos": args.photos}
    outcome["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    outcome["load_before"] = os.getloadavg()
    export = ArchiveExport.objects.create(
        collection=collection, fingerprint="bench", requested_by=cast.city_officer
    )
    for key, measure in [
        ("read_cold", lambda: plain_read(media, names)),
        ("stream", lambda: run_worker(args, "stream", export.pk)),
        ("read_after", lambda: plain_read(media, names)),
        ("build", lambda: run_worker(args, "build", export.pk)),
    ]:
        os.sync()
        evict(media, names)
        outcome[key] = measure()
    outcome["read_warm"] = plain_read(media, names)
    outcome["album"] = album_timings(cast, args.repeat)
    reference = max(outcome["read_cold"]["mb_per_s"], outcome["read_after"]["mb_per_s"])
    outcome["stream_ratio"] = round(outcome["stream"]["mb_per_s"] / reference, 2)
    outcome["build_ratio"] = round(outcome["build"]["mb_per_s"] / reference, 2)
    outcome["load_after"] = os.getloadavg()
    return outcome


def report(outcome: dict) -> None:
    print(f"\n{outcome['machine']} · {outcome['vendor']} · load {outcome['load_before']}")
    print(f"{'what':<34}{'MB/s':>9}{'files/s':>10}{'s':>8}{'peak RSS MB':>13}{'CPU s':>8}")
    for key, label in [
        ("read_cold", "a. plain read from disk"), ("stream", "b. archive streamed (worker)"),
        ("read_after", "a. plain read from disk, again"),
        ("build", "c. archive built into storage"), ("read_warm", "   plain read from memory"),
    ]:  # fmt: skip
        row = outcome[key]
        rss, cpu = row.get("peak_rss_mb", ""), row.get("cpu_seconds", "")
        print(
            f"{label:<34}{row['mb_per_s']:>9}{row['files_per_s']:>10}{row['seconds']:>8}"
            f"{rss:>13}{cpu:>8}"
        )
    print(f"(of b: {outcome['stream'].get('indexes_seconds')} s to read the rows and name the "
          "files before the first byte)")  # fmt: skip
    print(f"stream / plain read: {outcome['stream_ratio']:.0%}; "
          f"build / plain read: {outcome['build_ratio']:.0%}")  # fmt: skip
    album = outcome["album"]
    print(f"d. album first page: median {album['page_median_ms']} ms (max {album['page_max_ms']}), "
          f"query {album['query_median_ms']} ms, {album['queries']} queries, "
          f"{album['tiles']} tiles")  # fmt: skip


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.worker:
        worker(args)
        return
    outcome = run(args)
    report(outcome)
    if not args.no_json:
        print(f"\nWritten to {save(outcome, 'archive_stream').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
