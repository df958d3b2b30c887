"""How long reading a dispatch takes, and what hostile uploads cost.

    .venv/bin/python bench/parse_dispatch.py [--repeat 30] [--skip-hostile] [--skip-ocr]

Figures (medians over `--repeat` runs after warm-up, in ms):
- parse: `parse_text` on the text of the 10-page fixture (the parser alone), and on a dense
  10 pages (33,000 characters);
- txt: `extract_text` + `parse_text` on the same text as a .txt upload;
- pdf: `extract_text` + `parse_text` on the 10-page PDF (PDFium's text extraction); and the
  text extraction alone with each extractor measured: PDFium (used), poppler's `pdftotext`
  (a process per file) and pypdf (used before);
- ocr: one scanned A4 page (made from the city's dispatch: noise, a crooked page, a red seal)
  recognised by Tesseract (vie), end to end through `extract_text`, and the field score;
- hostile: the probe's uploads (a 0.46 MB .docx holding 190 MB of XML text, 19 MB of long
  lines, ...) each read in a fresh process: seconds and peak memory (VmHWM).
No database is touched. Results go to bench/results/parse_dispatch.json.
"""

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from pypdf import PdfReader  # noqa: E402

from bench.tree_subtree import measure  # noqa: E402
from dienhinh.dispatches import pdf_text  # noqa: E402
from dienhinh.dispatches.limits import Budget  # noqa: E402
from dienhinh.dispatches.parser import parse_text  # noqa: E402
from dienhinh.dispatches.reading import extract_text  # noqa: E402
from dienhinh.dispatches.tests import hostile, scans  # noqa: E402

PDF = ROOT / "dienhinh/dispatches/tests/fixtures/district-10-pages.pdf"
CITY = ROOT / "dienhinh/dispatches/samples/city-785-BTDKT-THHC.txt"


def _pypdf(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def readers(repeat: int) -> dict:
    pdf = PDF.read_bytes()
    extracted = extract_text(pdf, PDF.name)
    text = extracted.text
    txt = text.encode("utf-8")
    dense = (text + "\n") * 3
    return {
        "pages": extracted.pages,
        "characters": len(text),
        "parse": measure(lambda: parse_text(text), repeat),
        "parse_dense_33k_chars": measure(lambda: parse_text(dense), repeat),
        "txt": measure(lambda: parse_text(extract_text(txt, "cv.txt").text), repeat),
        "pdf": measure(lambda: parse_text(extract_text(pdf, PDF.name).text), repeat),
        "pdf_text_pdfium": measure(lambda: pdf_text.read_pdf(pdf, Budget()), repeat),
        "pdf_text_pdftotext": measure(lambda: _pdftotext(PDF), repeat),
        "pdf_text_pypdf": measure(lambda: _pypdf(pdf), max(3, repeat // 5)),
    }


FIELDS = ("symbol", "subject", "recipients", "references", "asks_for_examples", "cadence")
FIELDS += ("quota", "deadlines", "emails", "signer", "issuer")


def ocr(repeat: int) -> dict:
    text = CITY.read_text(encoding="utf-8")
    page = scans.scanned(text, skew=2.0, seed=1)[0]
    png = scans.as_png(page)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        extract_text(png, "trang-1.png")
        times.append(time.perf_counter() - started)
    whole = scans.as_pdf(scans.scanned(text, skew=2.0, seed=1))
    want, got = parse_text(text), parse_text(extract_text(whole, "quet.pdf").text)
    right = [key for key in FIELDS if want[key] == got[key]]
    return {
        "page_pixels": f"{page.width}x{page.height}",
        "seconds_median": round(statistics.median(times), 2),
        "seconds_max": round(max(times), 2),
        "runs": repeat,
        "fields_right_whole_scan_vs_text": f"{len(right)}/{len(FIELDS)}",
        "fields_wrong": [key for key in FIELDS if key not in right],
    }


def hostile_uploads() -> dict:
    out = {}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        files = {
            "docx_190mb_text": hostile.text_bomb_docx(folder / "text.docx"),
            "docx_40mb_one_text_node": hostile.one_text_node_docx(folder / "node.docx"),
            "docx_190mb_empty_runs": hostile.markup_bomb_docx(folder / "markup.docx"),
            "txt_19mb_long_lines": hostile.long_lines_txt(folder / "long.txt"),
        }
        for name, path in files.items():
            measured = hostile.measure(path)
            measured["outcome"] = measured["outcome"][:60]
            out[name] = measured
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--ocr-repeat", type=int, default=5)
    parser.add_argument("--skip-hostile", action="store_true")
    parser.add_argument("--skip-ocr", action="store_true")
    args = parser.parse_args()
    outcome = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load_average": os.getloadavg(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "readers": readers(args.repeat),
    }
    if not args.skip_ocr:
        outcome["ocr_one_page"] = ocr(args.ocr_repeat)
    if not args.skip_hostile:
        outcome["hostile"] = hostile_uploads()
    outcome["load_average_after"] = os.getloadavg()
    out = ROOT / "bench/results/parse_dispatch.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(outcome, indent=2, ensure_ascii=False))
    print(json.dumps(outcome, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
