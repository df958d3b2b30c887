"""The reader's per-field score on scanned copies of the corpus texts.

    .venv/bin/python bench/ocr_corpus.py [--limit N]

Every text of dienhinh/dispatches/tests/realcorpus/ is printed on A4 pages, the last page
stamped with a red seal, each page laid crooked (1.5 degrees, alternating) with specks of
noise (tests/scans.py), saved as an image-only PDF, read through `extract_text` (Tesseract,
Vietnamese) and parsed; its fields are scored against the expected JSON exactly as the text
is (realcorpus_score.py). Results go to bench/results/ocr_corpus.json.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from dienhinh.dispatches.parser import parse_text  # noqa: E402
from dienhinh.dispatches.reading import extract_text  # noqa: E402
from dienhinh.dispatches.tests import scans  # noqa: E402
from dienhinh.dispatches.tests.realcorpus_score import SPLIT, load, score, share  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    limit = parser.parse_args().limit
    names = sorted(SPLIT["development"] + SPLIT["held_back"])[: limit or None]
    texts, seconds, pages = {}, [], 0
    for index, name in enumerate(names):
        text, _expected = load(name)
        pdf = scans.as_pdf(scans.scanned(text, skew=1.5, seed=index))
        started = time.perf_counter()
        read = extract_text(pdf, f"{name}.pdf")
        seconds.append(time.perf_counter() - started)
        pages += read.pages
        texts[name] = read.text
        print(f"{name}: {read.pages} page(s), {seconds[-1]:.1f} s", flush=True)
    outcome = {"date": time.strftime("%Y-%m-%d %H:%M"), "load_average": os.getloadavg()}
    for half in ("development", "held_back"):
        chosen = [n for n in SPLIT[half] if n in texts]
        scanned = score(chosen, lambda text, _t=texts: parse_text(_lookup(_t, text)))
        typed = score(chosen, parse_text)
        outcome[half] = {
            "cases": len(chosen),
            "scanned": f"{sum(scanned[0].values())}/{sum(scanned[1].values())} = "
            f"{share(scanned[0], scanned[1]):.1%}",
            "typed": f"{sum(typed[0].values())}/{sum(typed[1].values())} = "
            f"{share(typed[0], typed[1]):.1%}",
            "scanned_by_field": {k: f"{scanned[0][k]}/{v}" for k, v in sorted(scanned[1].items())},
            "scanned_wrong": scanned[2],
        }
    outcome["pages"] = pages
    outcome["seconds_per_page"] = round(sum(seconds) / max(1, pages), 2)
    out = ROOT / "bench/results/ocr_corpus.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(outcome, indent=2, ensure_ascii=False))
    print(json.dumps({k: v for k, v in outcome.items()}, indent=2, ensure_ascii=False))


_BY_TEXT: dict[str, str] = {}


def _lookup(recognised: dict, text: str) -> str:
    """The recognised text of the case whose typed text is `text`."""
    if not _BY_TEXT:
        for name in recognised:
            _BY_TEXT[load(name)[0]] = recognised[name]
    return _BY_TEXT[text]


if __name__ == "__main__":
    main()
