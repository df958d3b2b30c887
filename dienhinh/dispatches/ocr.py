"""Scanned dispatches and phone photos of paper: text recognition with Tesseract's
Vietnamese model (Debian: `tesseract-ocr-vie`), run by the worker.

Each page image is cleaned first: turned upright (the camera's EXIF orientation), red ink
dropped (a seal stamped over the signature reads as noise; black print and blue ink stay dark
in the red channel), specks smoothed out, the skew of a page laid crooked on the scanner
measured and undone. Tesseract then gives every word with its confidence; a page whose words
are nearly all unsure is a picture, not a text.
"""

import csv
import functools
import io
import shutil
import subprocess
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageFilter, ImageOps, ImageStat

from .limits import refuse

# Pages are recognised at about 300 dpi: an A4 page 2,480 pixels wide. Smaller images (phone
# photos are often 1,600 pixels across) are scaled up to it, larger ones down.
TARGET_WIDTH = 2480
DISPLAY_WIDTH = 1100  # the page image shown beside the text to correct
MAX_SKEW = 6.0  # degrees measured either way
# A word counts when Tesseract is this sure of it (0-100) and it has two letters or more.
CONFIDENT = 60
MIN_WORDS = 8  # fewer on the whole document: no text was recognised


@dataclass(frozen=True)
class Recognised:
    text: str
    words: int  # confident words
    confidence: float  # mean confidence of all words, 0-100


def program() -> str:
    return settings.DISPATCH_TESSERACT


@functools.lru_cache(maxsize=8)
def _languages(command: str) -> frozenset[str]:
    path = shutil.which(command)
    if not path:
        return frozenset()
    try:
        listed = subprocess.run(
            [path, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in listed.stdout.splitlines()[1:])


def available() -> bool:
    """Tesseract is installed with its Vietnamese model."""
    return "vie" in _languages(program())


def missing() -> str:
    return _(
        "This file is a scan (pictures of the pages). Reading it needs text recognition "
        "(OCR, Tesseract with its Vietnamese model), which is not installed on this server. "
        "Ask the administrator to install it, or upload the .docx file or a PDF exported "
        "from Word."
    )


def nothing_recognised() -> str:
    return _(
        "No text could be recognised in the scan or photo. Photograph or scan the dispatch "
        "flat, in good light, with the whole page in the picture, and upload it again."
    )


def prepare(image: Image.Image) -> Image.Image:
    """The page as Tesseract reads it best: upright, grey, straight, about 300 dpi."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        white = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(white, image)
    grey = image.convert("RGB").getchannel("R") if image.mode != "L" else image
    scale = TARGET_WIDTH / max(1, grey.width)
    if abs(scale - 1) > 0.15:
        size = (round(grey.width * scale), round(grey.height * scale))
        grey = grey.resize(size, Image.Resampling.LANCZOS)
    grey = grey.filter(ImageFilter.MedianFilter(3))
    angle = skew(grey)
    if angle:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return grey


def skew(grey: Image.Image) -> float:
    """The angle (degrees) that makes the text lines horizontal: the rotation whose row
    profile is sharpest (lines of ink alternate with white gaps)."""
    small = grey.copy()
    small.thumbnail((700, 700))
    ink = small.point(lambda v: 255 if v < 160 else 0)

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
        rows = turned.resize((1, turned.height), Image.Resampling.BOX)
        return ImageStat.Stat(rows).var[0]

    coarse = max((a / 2 for a in range(-12, 13)), key=sharpness)
    best = max((coarse + a / 10 for a in range(-5, 6)), key=sharpness)
    return best if abs(best) >= 0.3 and abs(best) <= MAX_SKEW else 0.0


def display(image: Image.Image) -> bytes:
    """A JPEG of the page for the person correcting the text beside it."""
    shown = ImageOps.exif_transpose(image).convert("RGB")
    shown.thumbnail((DISPLAY_WIDTH, DISPLAY_WIDTH * 2))
    out = io.BytesIO()
    shown.save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


def recognise(image: Image.Image) -> Recognised:
    """The text of one page image, lines and paragraphs as Tesseract found them."""
    page = prepare(image)
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    try:
        done = subprocess.run(
            [shutil.which(program()) or program(), "stdin", "stdout", "-l", "vie", "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=settings.DISPATCH_OCR_PAGE_SECONDS,
            env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise refuse(
            _("Recognising the text of one page took more than %(seconds)s seconds.")
            % {"seconds": settings.DISPATCH_OCR_PAGE_SECONDS}
        ) from None
    except OSError:
        raise refuse(missing()) from None
    if done.returncode != 0:
        raise refuse(missing() if not available() else nothing_recognised())
    return _from_tsv(done.stdout.decode("utf-8", errors="replace"))


def _from_tsv(tsv: str) -> Recognised:
    lines: list[str] = []
    words, confident, total_conf = 0, 0, 0.0
    last_line = last_par = None
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        conf = float(row.get("conf") or 0)
        words += 1
        total_conf += conf
        if conf >= CONFIDENT and sum(c.isalpha() for c in text) >= 2:
            confident += 1
        par = (row["page_num"], row["block_num"], row["par_num"])
        line = (*par, row["line_num"])
        if line != last_line:
            if last_par is not None and par != last_par:
                lines.append("")
            lines.append(text)
        else:
            lines[-1] += " " + text
        last_line, last_par = line, par
    return Recognised(
        text="\n".join(lines), words=confident, confidence=total_conf / words if words else 0.0
    )
