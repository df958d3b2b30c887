"""Uploads made to hurt the server, and a way to measure what reading them costs.

Used by test_reading_limits.py and bench/hostile_uploads.py. Each file is written as a
stream, so building a .docx of 190 MB of XML needs no 190 MB in memory; and each reading is
measured in a fresh Python process, whose peak memory (VmHWM, the peak resident size
Linux keeps per process) is then the reading's own, not the test runner's.
"""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'.encode()
TAIL = b"</w:body></w:document>"
PARAGRAPH = (
    "Hàng tháng, giới thiệu tối thiểu 01 gương người tốt, việc tốt trước ngày 15 hàng tháng. "
) * 10


def docx_of(path: Path, body_chunks) -> Path:
    """A .docx whose main part is HEAD + the chunks + TAIL, written as a stream."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(HEAD)
            for chunk in body_chunks:
                part.write(chunk)
            part.write(TAIL)
    return path


def text_bomb_docx(path: Path, megabytes: int = 190) -> Path:
    """A small .docx holding `megabytes` of XML that is nearly all text, in paragraphs."""
    paragraph = f"<w:p><w:r><w:t>{PARAGRAPH}</w:t></w:r></w:p>".encode()
    count = megabytes * 1024 * 1024 // len(paragraph)
    return docx_of(path, (paragraph for _ in range(count)))


def one_text_node_docx(path: Path, megabytes: int = 40) -> Path:
    """A .docx whose text is one paragraph of `megabytes` in a single text node."""
    block = PARAGRAPH.encode() * 64
    count = megabytes * 1024 * 1024 // len(block)
    chunks = [b"<w:p><w:r><w:t>", *(block for _ in range(count)), b"</w:t></w:r></w:p>"]
    return docx_of(path, iter(chunks))


def markup_bomb_docx(path: Path, megabytes: int = 190) -> Path:
    """A .docx of `megabytes` of empty runs: elements without text."""
    chunk = b"<w:p>" + b"<w:r/>" * 20_000 + b"</w:p>"
    count = megabytes * 1024 * 1024 // len(chunk)
    return docx_of(path, (chunk for _ in range(count)))


def long_lines_txt(path: Path, megabytes: int = 19) -> Path:
    """A .txt of long lines (a few thousand characters each) from a real dispatch's words."""
    line = (PARAGRAPH.replace(". ", ", ") * 4 + "\n").encode()
    with path.open("wb") as out:
        for _ in range(megabytes * 1024 * 1024 // len(line)):
            out.write(line)
    return path


MEASURE = """
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[3])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")
import django
django.setup()
from django.utils import translation
from dienhinh.dispatches.parser import parse_text
from dienhinh.dispatches.reading import DispatchReadError, check_size, extract_text
def high_water_mb():
    # VmHWM is this process's own peak; ru_maxrss on Linux keeps the parent's across exec.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
before = high_water_mb()
path = sys.argv[1]
started = time.perf_counter()
with translation.override("vi"):
    try:
        check_size(os.path.getsize(path))
        with open(path, "rb") as stream:
            data = stream.read()
        parsed = parse_text(extract_text(data, sys.argv[2]).text)
        outcome = "read: %d deadlines" % len(parsed["deadlines"])
    except DispatchReadError as refused:
        outcome = "refused: " + refused.message
seconds = time.perf_counter() - started
peak = high_water_mb()
print(json.dumps({"seconds": round(seconds, 3), "peak_rss_mb": round(peak, 1),
                  "rss_before_mb": round(before, 1), "outcome": outcome}))
"""


def measure(path: Path, filename: str | None = None, *, timeout: int = 600) -> dict:
    """Read `path` as an upload named `filename` in a fresh process: seconds, peak memory."""
    env = {**os.environ, "DEBUG": "true"}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), filename or path.name, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        return {"outcome": "crashed", "stderr": done.stderr[-2000:], "returncode": done.returncode}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["file_mb"] = round(path.stat().st_size / 1024 / 1024, 2)
    return result
