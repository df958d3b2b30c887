"""How long reading a 10-page dispatch takes (target: parsing under 200 ms).

    .venv/bin/python bench/parse_dispatch.py [--repeat 30]

Three figures, each a median over `--repeat` runs after warm-up:
- parse: `parse_text` on the text of the 10-page fixture (the parser alone);
- txt: `extract_text` + `parse_text` on the same text as a .txt upload;
- pdf: `extract_text` + `parse_text` on the 10-page PDF (pypdf's text extraction included).
No database is touched. Results go to bench/results/parse_dispatch.json.
"""

import argparse
import json
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from bench.tree_subtree import measure  # noqa: E402
from dienhinh.dispatches.parser import parse_text  # noqa: E402
from dienhinh.dispatches.reading import extract_text  # noqa: E402

PDF = ROOT / "dienhinh/dispatches/tests/fixtures/district-10-pages.pdf"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    repeat = parser.parse_args().repeat
    pdf = PDF.read_bytes()
    extracted = extract_text(pdf, PDF.name)
    text = extracted.text
    txt = text.encode("utf-8")
    dense = (text + "\n") * 3
    outcome = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "pages": extracted.pages,
        "characters": len(text),
        "parse": measure(lambda: parse_text(text), repeat),
        # A dense 10-page dispatch (about 3,300 characters a page) as well.
        "parse_dense_33k_chars": measure(lambda: parse_text(dense), repeat),
        "txt": measure(lambda: parse_text(extract_text(txt, "cv.txt").text), repeat),
        "pdf": measure(lambda: parse_text(extract_text(pdf, PDF.name).text), repeat),
    }
    out = ROOT / "bench/results/parse_dispatch.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(outcome, indent=2))
    print(json.dumps(outcome, indent=2))


if __name__ == "__main__":
    main()
