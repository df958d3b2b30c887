"""How long the forwarding dispatch and its annex list take to build as DOCX, for a district
forwarding the examples of 60 units (target: under 1 s).

    .venv/bin/python bench/documents_forwarding.py                    # SQLite /tmp file
    .venv/bin/python bench/documents_forwarding.py --database-url postgres://postgres@127.0.0.1:5432/dienhinh_bench
    .venv/bin/python bench/documents_forwarding.py --units 60 --repeat 20

It builds, in a throw-away database (its name must contain "bench"), a district with
`--units` wards that each sent one accepted example (a 600-character summary and two photo
records) plus 10 wards that sent nothing, and forwards the list. Timed, each a median over
`--repeat` runs after warm-up, on the real records:
- letter: `contexts.forwarding(batch).render()` — reading the list and rendering the DOCX;
- annex: `contexts.annex_list(batch).render()` — the 60-row landscape table;
- both: the two together, what a compiler downloads;
- render_only: the annex rendered from a context already built (the engine alone).
PDF conversion is not timed here: it runs in the worker, never in the request.
"""

import argparse
import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "sqlite:////tmp/dienhinh_documents_bench.sqlite3"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=20)
    return parser.parse_args()


def build(units: int):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from dienhinh.cycles.compliance import expected_refresh
    from dienhinh.cycles.services import ProgrammeSpec, periods_open_due, programme_create
    from dienhinh.documents.services import SettingsSpec, settings_save
    from dienhinh.documents.tests.batching import forward_list
    from dienhinh.nominations.models import Attachment, Nomination, Status
    from dienhinh.testing import make_unit, make_user

    day = dt.date(2023, 10, 17)
    central = make_unit("Ban Thi đua - Khen thưởng Trung ương", "central_board")
    city = make_unit("Thành phố Hải Phòng", "province", central)
    district = make_unit("Ủy ban nhân dân quận Dương Kinh", "district", city)
    wards = [make_unit(f"Phường Thi Đua Số {i:02d}", "ward", district) for i in range(units + 10)]
    compiler = make_user("bench.compiler", unit=district, role="compiler")
    settings_save(
        actor=None,
        unit=district,
        revision=None,
        spec=SettingsSpec(
            body_name="ỦY BAN NHÂN DÂN\nQUẬN DƯƠNG KINH",
            symbol="UBND-NV",
            place_name="Dương Kinh",
            signing_mode="tm",
            authority="ỦY BAN NHÂN DÂN",
            signer_title="CHỦ TỊCH",
            signer_name="Nguyễn Minh Phương",
            email="noivuduongkinh@gmail.com",
        ),
    )
    spec = dict(cadence="monthly", starts_on=dt.date(2023, 9, 1), unit_relation="on", unit_day=15)
    city_p = programme_create(
        actor=None, owner=city, spec=ProgrammeSpec(title="785", expected_kinds=["district"], **spec)
    )
    district_p = programme_create(
        actor=None,
        owner=district,
        spec=ProgrammeSpec(
            title="Quận",
            parent=city_p,
            expected_kinds=["ward"],
            forward_relation="on",
            forward_day=17,
            **spec,
        ),
    )
    periods_open_due(today=day)
    period = district_p.periods.get(key="2023-10")
    story = (
        "Ông vận động nhân dân hiến đất mở rộng đường ngõ xóm, góp công sửa nhà văn hóa, "
        "giúp đỡ hộ nghèo, giữ gìn an ninh trật tự trên địa bàn. "
    ) * 4
    nominations = []
    for index, ward in enumerate(wards[:units]):
        nomination = Nomination.objects.create(
            unit=ward,
            period=period,
            status=Status.ACCEPTED,
            full_name=f"Nguyễn Văn Ước {index}",
            position="Tổ trưởng tổ dân phố",
            headline=f"Gương sáng số {index}",
            story=story[:600],
            created_by=compiler,
            first_submitted_at=timezone.now(),
        )
        for photo in range(2):
            Attachment.objects.create(
                nomination=nomination,
                kind="photo",
                file=ContentFile(b"x", name=f"{photo}.jpg"),
                original_name=f"{photo}.jpg",
                content_type="image/jpeg",
                size=1,
                uploaded_by=compiler,
            )
        nominations.append(nomination)
        expected_refresh(unit_id=ward.pk, period=period)
    return forward_list(actor=compiler, period=period, nominations=nominations)


def main() -> None:
    args = parse_args()
    from bench.tree_subtree import measure, recreate_database, setup_django

    vendor = recreate_database(args.database_url)
    os.environ["MEDIA_ROOT"] = "/tmp/dienhinh-bench-media"
    setup_django(args.database_url)
    from django.db import connection

    from dienhinh.documents import contexts, engine

    batch = build(args.units)
    annex = contexts.annex_list(batch)
    outcome = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "load_average": os.getloadavg(),
        "database": vendor,
        "units_in_list": len(annex.context["rows"]),
        "units_missing": len(batch.missing_units),
        "letter": measure(lambda: contexts.forwarding(batch).render(), args.repeat),
        "annex": measure(lambda: contexts.annex_list(batch).render(), args.repeat),
        "both": measure(
            lambda: (contexts.forwarding(batch).render(), contexts.annex_list(batch).render()),
            args.repeat,
        ),
        "render_only": measure(
            lambda: engine.render_docx(template=annex.template, context=annex.context),
            args.repeat,
        ),
        "annex_bytes": len(annex.render()),
    }
    connection.close()
    out = ROOT / "bench/results/documents_forwarding.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(outcome, indent=2, ensure_ascii=False))
    print(json.dumps(outcome, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
