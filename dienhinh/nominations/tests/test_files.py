"""Checking uploads by their content and re-encoding photos (files.py), without a database.

The sample files are made here, by Pillow and zipfile; test_attachments.py borrows them.
"""

import io
import zipfile

import pytest
from django.utils import translation
from PIL import Image, ImageCms, ImageFile
from pypdf import PdfWriter

from dienhinh.common.errors import ApplicationError
from dienhinh.nominations.files import clean_name, prepare_upload, sniff
from dienhinh.nominations.models import AttachmentKind

RED, BLUE = (220, 20, 20), (20, 20, 220)


def pdf(pages: int = 1, password: str | None = None) -> bytes:
    """A real PDF of blank A4 pages, made by pypdf."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = pdf()


def photo(fmt="JPEG", size=(60, 40), mode="RGB", colour=RED, **params) -> bytes:
    """A photo whose left half is `colour` and right half blue, so a rotation shows."""
    image = Image.new(mode, size, colour)
    if mode in ("RGB", "RGBA"):
        image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def gps_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 0.0, 0.0), 3: "E", 4: (106.0, 41.0, 0.0)}
    exif[0x010F] = "Camera maker"
    if orientation:
        exif[0x0112] = orientation
    return exif


def docx(*extra: str, content_types: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if content_types:
            archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name in extra:
            archive.writestr(name, "x")
    return buffer.getvalue()


def prepare(name: str, data: bytes):
    return prepare_upload(name=name, size=len(data), stream=io.BytesIO(data))


def refusal(name: str, data: bytes) -> str:
    with translation.override("en"), pytest.raises(ApplicationError) as caught:
        prepare(name, data)
    assert caught.value.field == "file"
    return caught.value.message


def reopen(content: bytes) -> Image.Image:
    return Image.open(io.BytesIO(content))


# --- Photos ---------------------------------------------------------------------------------


def test_a_jpeg_with_a_gps_position_comes_out_without_any_metadata():
    prepared = prepare("nguoi-tot.jpg", photo(exif=gps_exif()))
    stored = reopen(prepared.content)
    assert stored.getexif().get_ifd(0x8825) == {}
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info and "icc_profile" not in stored.info
    assert (prepared.kind, prepared.content_type, prepared.extension) == (
        AttachmentKind.PHOTO,
        "image/jpeg",
        ".jpg",
    )


def test_a_png_and_a_webp_with_a_gps_position_come_out_without_it_too():
    for fmt in ("PNG", "WEBP"):
        prepared = prepare(f"anh.{fmt.lower()}", photo(fmt, exif=gps_exif()))
        assert reopen(prepared.content).getexif().get_ifd(0x8825) == {}
        assert prepared.content_type == "image/jpeg"  # opaque: a photo, so a JPEG


def test_a_photo_taken_with_the_phone_turned_comes_out_upright():
    # Orientation 6: the camera stored it lying on its side; viewers turn it 90° clockwise.
    prepared = prepare("doc.jpg", photo(size=(60, 40), exif=gps_exif(orientation=6)))
    stored = reopen(prepared.content).convert("RGB")
    assert stored.size == (40, 60)
    assert 0x0112 not in stored.getexif()
    top, bottom = stored.getpixel((20, 5)), stored.getpixel((20, 55))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]  # the left half went up


def test_a_png_with_see_through_parts_stays_a_png_keeping_them():
    prepared = prepare("logo.png", photo("PNG", mode="RGBA", colour=(220, 20, 20, 0)))
    stored = reopen(prepared.content)
    assert (prepared.content_type, prepared.extension, stored.format) == (
        "image/png",
        ".png",
        "PNG",
    )
    assert stored.mode == "RGBA" and stored.getpixel((5, 5))[3] == 0


def test_an_alpha_channel_nothing_uses_gives_a_jpeg():
    prepared = prepare("anh.png", photo("PNG", mode="RGBA", colour=(220, 20, 20, 255)))
    assert reopen(prepared.content).format == "JPEG"


def test_a_photo_longer_than_the_longest_side_is_scaled_down_keeping_its_proportions(settings):
    settings.DIENHINH_IMAGE_MAX_SIDE = 500
    prepared = prepare("rong.jpg", photo(size=(2000, 1000)))
    assert reopen(prepared.content).size == (500, 250)
    assert reopen(prepare("nho.jpg", photo(size=(300, 200))).content).size == (300, 200)


def test_the_thumbnail_is_a_jpeg_at_most_400_pixels_on_its_longest_side():
    prepared = prepare("cao.png", photo("PNG", size=(600, 1200), mode="RGBA", colour=(0, 0, 0, 0)))
    thumbnail = reopen(prepared.thumbnail)
    assert (thumbnail.format, thumbnail.size) == ("JPEG", (200, 400))
    assert thumbnail.getpixel((10, 10)) == (255, 255, 255)  # see-through parts shown on white


def test_a_colour_profile_is_applied_to_the_pixels_and_then_dropped():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for fmt in ("JPEG", "PNG"):
        prepared = prepare("anh", photo(fmt, icc_profile=srgb))
        assert "icc_profile" not in reopen(prepared.content).info


def test_a_grey_png_with_a_see_through_colour_stays_a_png():
    data = photo("PNG", mode="L", colour=7, transparency=7)
    prepared = prepare("xam.png", data)
    assert reopen(prepared.content).getpixel((1, 1)) == (7, 7, 7, 0)


def test_sixteen_bit_grey_and_cmyk_photos_are_converted_not_clipped():
    grey = reopen(prepare("xam.png", photo("PNG", mode="I;16", colour=40000)).content)
    assert grey.mode == "L" and 150 <= grey.getpixel((1, 1)) <= 160
    cmyk = reopen(prepare("in.jpg", photo(mode="CMYK", colour=(0, 0, 0, 0))).content)
    assert cmyk.mode == "RGB" and min(cmyk.getpixel((1, 1))) > 240


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_40_megapixel_photo_is_refused_from_its_header_without_being_decoded(monkeypatch):
    data = photo("PNG", size=(8000, 5000), mode="P", colour=0)

    def no_decoding(self):
        raise AssertionError("the photo was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    message = refusal("to.png", data)  # `load` would raise: nothing was decoded
    assert message == (
        "“to.png” is 8000 × 5000 pixels (40.0 megapixels); a photo may have at most 30 "
        "megapixels. Reduce it (for example to 2560 pixels on its longest side) and upload "
        "it again."
    )


def test_a_decompression_bomb_is_refused_by_pillow_s_guard(settings, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)  # put back after
    settings.DIENHINH_MAX_IMAGE_MEGAPIXELS = 1
    data = photo("PNG", size=(3000, 1000), mode="P", colour=0)  # more than twice the limit
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    assert refusal("bom.png", data).startswith("“bom.png” has far more than 1 megapixels")


def test_a_damaged_photo_with_the_right_first_bytes_is_refused():
    for name, data in [("cut.jpg", photo()[:300]), ("cut.png", photo("PNG")[:60])]:
        assert refusal(name, data) == (
            f"“{name}” is damaged or incomplete. Save it again and upload it once more."
        )
    assert "is damaged" in refusal("magic.jpg", b"\xff\xd8\xff" + b"\x00" * 100)


# --- Documents ------------------------------------------------------------------------------


def test_a_pdf_and_a_word_document_are_kept_exactly_as_they_came():
    pdf, word = prepare("to-trinh.pdf", PDF), prepare("bao-cao.docx", docx())
    assert (pdf.kind, pdf.content, pdf.extension, pdf.thumbnail) == (
        AttachmentKind.DOCUMENT,
        PDF,
        ".pdf",
        None,
    )
    assert (word.content, word.extension) == (docx(), ".docx")
    assert word.content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        PDF[: len(PDF) // 2],
        PDF[:200] + b"\x00" * 300 + PDF[500:],
    ],
    ids=["html-behind-a-pdf-header", "no-pages", "cut-short", "damaged-inside"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused_because_it_does_not_open(data):
    assert refusal("to-trinh.pdf", data) == (
        "“to-trinh.pdf” is damaged or incomplete. Save it again and upload it once more."
    )


def test_a_password_protected_pdf_is_refused_with_what_to_do():
    assert refusal("to-trinh.pdf", pdf(password="bi-mat")) == (
        "“to-trinh.pdf” is protected by a password. Remove the password and upload it again."
    )


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("anh/1.jpg", "x")
    for data in (buffer.getvalue(), docx(content_types=False)):
        assert refusal("ho-so.docx", data) == (
            "“ho-so.docx” is a ZIP archive, not a Word document (.docx)."
        )


def test_a_word_document_with_macros_is_refused():
    assert "contains macros" in refusal("bao-cao.docx", docx("word/vbaProject.bin"))


# --- Refused by content, whatever the name ----------------------------------------------


@pytest.mark.parametrize(
    "name, data",
    [
        ("anh.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100),
        ("anh.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 100),
        ("to-trinh.pdf", b"<!DOCTYPE html><html><body>Xin chao</body></html>"),
        ("bao-cao.docx", "Báo cáo thành tích\n".encode()),
        ("anh.gif", b"GIF89a" + b"\x00" * 100),
        ("", b"just text"),
    ],
)
def test_a_file_is_judged_by_its_content_not_its_name(name, data):
    assert refusal(name, data) == (
        f"“{clean_name(name)}” is not a photo (JPEG, PNG, WebP) or a document (PDF, Word "
        ".docx). Files are judged by their content, whatever their name ends with."
    )


def test_an_empty_file_is_refused():
    assert refusal("trong.jpg", b"") == "“trong.jpg” is empty."


def test_a_file_over_its_limit_is_refused_with_its_size_and_the_limit(settings):
    settings.DIENHINH_MAX_PHOTO_MB, settings.DIENHINH_MAX_DOCUMENT_MB = 1, 2
    big_pdf = PDF + b"0" * (2 * 1024 * 1024)
    assert refusal("lon.pdf", big_pdf) == ("“lon.pdf” is 2.1 MB; a document may be at most 2 MB.")
    big_photo = photo("PNG", size=(800, 800), mode="RGB", compress_level=0)
    assert refusal("lon.png", big_photo) == "“lon.png” is 1.9 MB; a photo may be at most 1 MB."


def test_a_file_announced_larger_than_its_limit_is_not_even_read(settings):
    settings.DIENHINH_MAX_DOCUMENT_MB = 1

    class Stream(io.BytesIO):
        def read(self, size=-1):
            assert 0 <= size <= 16, "read beyond the first bytes"
            return super().read(size)

    with translation.override("en"), pytest.raises(ApplicationError, match="is 50.0 MB"):
        prepare_upload(name="x.pdf", size=50 * 1024 * 1024, stream=Stream(PDF))


def test_the_user_s_file_name_keeps_no_folders_or_control_characters():
    assert clean_name("C:\\Users\\Lan\\Ảnh cưới.jpg") == "Ảnh cưới.jpg"
    assert clean_name("../../etc/passwd\x00.jpg") == "passwd.jpg"
    assert clean_name("thu-muc/") == "file"
    assert clean_name("a" * 300 + ".jpg").endswith("a.jpg") and len(clean_name("a" * 300)) == 255


def test_the_first_bytes_name_the_format():
    assert [sniff(d) for d in (photo()[:16], photo("PNG")[:16], photo("WEBP")[:16])] == [
        "jpeg",
        "png",
        "webp",
    ]
    assert (sniff(PDF[:16]), sniff(docx()[:16]), sniff(b"RIFF\x00\x00\x00\x00WAVE")) == (
        "pdf",
        "zip",
        None,
    )
