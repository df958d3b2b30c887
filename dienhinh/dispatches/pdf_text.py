"""PDF and image dispatches: the text layer where there is one (PDFium, the engine of Chromium's
PDF viewer: ten pages in about 30 ms, where pypdf took 550 ms), text recognition for the
pages that are pictures of paper (scans, photos), both in one document when it mixes them.

`check` is cheap and runs before anything is stored (type, damage, password, page count);
`read` is the slow part, for the worker: it reports its progress page by page.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageSequence

from . import ocr
from .limits import Budget, refuse

# A dispatch is a few pages; a PDF of hundreds is the wrong file (and slow to read).
MAX_PDF_PAGES = 200
# Acrobat's rule: a complete PDF ends with %%EOF within its last 1024 bytes. A PDF cut short
# in transfer has none, and a reader would otherwise read what it can and say nothing.
PDF_EOF_WINDOW = 1024
# A page with less text than this and a picture on it is a scanned page.
SCANNED_BELOW = 25
RENDER_DPI = 300
IMAGE_FORMATS = {"JPEG": "jpeg", "PNG": "png", "TIFF": "tiff", "WEBP": "webp"}

Progress = Callable[[int, int], None]


@dataclass
class Pages:
    texts: list[str]
    ocr_pages: list[int] = field(default_factory=list)  # 1-based
    images: list[bytes] = field(default_factory=list)  # JPEG of each recognised page


def damaged() -> str:
    return _("The PDF file is damaged or is not a PDF.")


def protected() -> str:
    return _(
        "The PDF is password-protected. Remove the password, or upload the original .docx file."
    )


def _open(data: bytes) -> pdfium.PdfDocument:
    # Padding some systems append (line ends, NUL bytes) does not count against the window.
    tail = data.rstrip(b"\x00\t\n\r ")[-PDF_EOF_WINDOW:]
    if not data.startswith(b"%PDF") or b"%%EOF" not in tail:
        raise refuse(damaged())
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise refuse(protected()) from None
        raise refuse(damaged()) from None
    except Exception:
        raise refuse(damaged()) from None
    pages = len(document)
    if pages == 0:
        document.close()
        raise refuse(damaged())
    if pages > MAX_PDF_PAGES:
        document.close()
        raise refuse(
            _(
                "The PDF has %(pages)s pages; a dispatch has at most %(limit)s. Check that "
                "this is the right file."
            )
            % {"pages": pages, "limit": MAX_PDF_PAGES}
        )
    return document


def check_pdf(data: bytes) -> int:
    """Refuse at once what cannot be read at all; the page count of the rest."""
    document = _open(data)
    try:
        return len(document)
    finally:
        document.close()


def _page_text(page) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_bounded()
    finally:
        textpage.close()


def _is_scanned(page, text: str) -> bool:
    if len("".join(text.split())) >= SCANNED_BELOW:
        return False
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3))


def too_many_scanned(count: int) -> str:
    return _(
        "The file has %(count)s scanned pages; at most %(limit)s scanned pages are recognised "
        "in one upload. Upload only the pages of the dispatch itself."
    ) % {"count": count, "limit": settings.DISPATCH_MAX_OCR_PAGES}


def _check_scanned(count: int) -> None:
    """Before any recognition starts: the machine can, and the pages are not too many."""
    if count > settings.DISPATCH_MAX_OCR_PAGES:
        raise refuse(too_many_scanned(count))
    if not ocr.available():
        raise refuse(ocr.missing())


def read_pdf(data: bytes, budget: Budget, progress: Progress | None = None) -> Pages:
    document = _open(data)
    try:
        total = len(document)
        texts: list[str] = []
        scanned: list[int] = []
        for index in range(total):
            budget.check_time()
            page = document[index]
            text = _page_text(page)
            if _is_scanned(page, text):
                scanned.append(index)
                text = ""
            budget.take(len(text))
            texts.append(text)
            page.close()
        result = Pages(texts=texts)
        if scanned:
            _check_scanned(len(scanned))
            done = total - len(scanned)
            for index in scanned:
                if progress:
                    progress(done, total)
                image = document[index].render(scale=RENDER_DPI / 72).to_pil()
                _recognise_into(result, index, image, budget)
                done += 1
        if progress:
            progress(total, total)
        return result
    except pdfium.PdfiumError:
        raise refuse(damaged()) from None
    finally:
        document.close()


def _recognise_into(result: Pages, index: int, image: Image.Image, budget: Budget) -> None:
    recognised = ocr.recognise(image)
    text = recognised.text if recognised.words else ""
    budget.take(len(text))
    result.texts[index] = text
    result.ocr_pages.append(index + 1)
    result.images.append(ocr.display(image))


# --- Photos and scanned images -------------------------------------------------------------


def unsupported_image(extension: str) -> str:
    return _(
        "Pictures in the .%(extension)s format cannot be read. Save the photo or scan as JPEG "
        "or PNG (or a PDF) and upload it again."
    ) % {"extension": extension}


def _open_image(data: bytes) -> Image.Image:
    limit = settings.DIENHINH_MAX_IMAGE_MEGAPIXELS * 1_000_000
    try:
        image = Image.open(io.BytesIO(data))
        found = IMAGE_FORMATS.get(image.format or "")
        if found is None:
            raise refuse(unsupported_image((image.format or "?").lower()))
        if image.width * image.height > limit:
            raise refuse(
                _("The picture is too large (more than %(megapixels)s megapixels).")
                % {"megapixels": settings.DIENHINH_MAX_IMAGE_MEGAPIXELS}
            )
        return image
    except Image.DecompressionBombError:
        raise refuse(_("The picture is too large to be read.")) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise refuse(
            _("The picture is damaged, or is not a picture in the format its name says.")
        ) from None


def check_image(data: bytes) -> int:
    """Refuse at once a picture that cannot be read, or a machine that cannot read it; the
    number of pages (frames of a TIFF)."""
    image = _open_image(data)
    frames = getattr(image, "n_frames", 1)
    _check_scanned(frames)
    return frames


def read_image(data: bytes, budget: Budget, progress: Progress | None = None) -> Pages:
    image = _open_image(data)
    frames = getattr(image, "n_frames", 1)
    _check_scanned(frames)
    result = Pages(texts=[""] * frames)
    try:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if progress:
                progress(index, frames)
            frame.load()
            _recognise_into(result, index, frame.copy(), budget)
    except (OSError, SyntaxError, ValueError, EOFError):
        raise refuse(
            _("The picture is damaged, or is not a picture in the format its name says.")
        ) from None
    if progress:
        progress(frames, frames)
    return result
