"""Photos of activity material: a perceptual hash to spot the same picture sent twice,
whether an upload carried a GPS position, and captions written into a photo's own
metadata (XMP and IPTC) for the 11 June archive.

The difference hash (dHash) compares each pixel of a 9 × 8 grey thumbnail with its
neighbour: 64 bits that survive re-encoding, resizing and small colour changes. Two photos
whose hashes differ in at most NEAR_BITS bits are taken for the same picture.
"""

import io
import struct
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape

from PIL import Image

NEAR_BITS = 8
_MASK = (1 << 64) - 1
GPS_IFD = 0x8825


def dhash(image: Image.Image) -> int:
    """The 64-bit difference hash, as a signed integer (databases store 64 signed bits)."""
    grey = image.convert("L").resize((9, 8), Image.Resampling.BILINEAR)
    pixels = grey.tobytes()
    value = 0
    for row in range(8):
        for col in range(8):
            left, right = pixels[row * 9 + col], pixels[row * 9 + col + 1]
            value = (value << 1) | (left > right)
    return value - (1 << 64) if value >= 1 << 63 else value


def distance(a: int, b: int) -> int:
    return ((a ^ b) & _MASK).bit_count()


def is_distinctive(value: int) -> bool:
    """A flat picture (one colour) hashes to all zeros or all ones: never a match."""
    return 0 < (value & _MASK).bit_count() < 64


def had_location(data: bytes) -> bool:
    """Whether the uploaded photo carried a position: an EXIF GPS block or XMP GPS tags."""
    try:
        image = Image.open(io.BytesIO(data))
        exif = image.getexif()
        if exif.get_ifd(GPS_IFD) or GPS_IFD in exif:
            return True
        xmp = image.info.get("xmp") or b""
        return b"GPSLatitude" in (xmp if isinstance(xmp, bytes) else xmp.encode())
    except Exception:  # unreadable metadata: the re-encoding drops it anyway
        return False


def xmp_packet(*, title: str, caption: str, credit: str, day: str) -> bytes:
    """Title, caption, creator and credit as Dublin Core / Photoshop XMP (no place, no GPS)."""

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    body = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
        f"<dc:title>{alt(title)}</dc:title><dc:description>{alt(caption)}</dc:description>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(credit)}</rdf:li></rdf:Seq></dc:creator>"
        f"<photoshop:Credit>{escape(credit)}</photoshop:Credit>"
        f"<photoshop:DateCreated>{day}</photoshop:DateCreated>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return body.encode("utf-8")


def _cut(text: str, limit: int) -> bytes:
    """UTF-8 bytes of text cut to at most `limit` bytes on a character boundary."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore").encode("utf-8")


def iptc_block(*, title: str, caption: str, credit: str, day: str) -> bytes:
    """IPTC IIM records in UTF-8: object name, caption, by-line, credit, date created."""
    records = [
        (1, 90, b"\x1b%G"),  # coded character set: UTF-8
        (2, 0, b"\x00\x04"),
        (2, 5, _cut(title, 64)),
        (2, 120, _cut(caption, 2000)),
        (2, 80, _cut(credit, 32)),
        (2, 110, _cut(credit, 32)),
        (2, 55, day.replace("-", "").encode()),
    ]
    return b"".join(
        struct.pack(">BBBH", 0x1C, record, dataset, len(value)) + value
        for record, dataset, value in records
        if value
    )


def jpeg_segments(*, xmp: bytes, iptc: bytes) -> bytes:
    """An APP1 XMP segment and an APP13 Photoshop IPTC segment."""
    app1 = b"http://ns.adobe.com/xap/1.0/\x00" + xmp
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    if len(iptc) % 2:
        resource += b"\x00"
    app13 = b"Photoshop 3.0\x00" + resource
    return b"".join(
        marker + struct.pack(">H", len(body) + 2) + body
        for marker, body in ((b"\xff\xe1", app1), (b"\xff\xed", app13))
    )


def png_chunk(*, xmp: bytes) -> bytes:
    import zlib

    data = b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + xmp
    chunk = b"iTXt" + data
    return struct.pack(">I", len(data)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def insertion(head: bytes, extra_jpeg: bytes, extra_png: bytes) -> tuple[int, bytes]:
    """Where, in a stored photo's first bytes, the metadata goes and which bytes: after a
    JPEG's JFIF header, after a PNG's IHDR chunk."""
    if head.startswith(b"\xff\xd8"):
        at = 2
        if head[2:4] == b"\xff\xe0":
            at = 4 + int.from_bytes(head[4:6], "big")
        return at, extra_jpeg
    if head.startswith(b"\x89PNG"):
        return 8 + 8 + int.from_bytes(head[8:12], "big") + 4, extra_png
    return 0, b""


def captioned(chunks: Iterable[bytes], *, at: int, extra: bytes) -> Iterator[bytes]:
    """The stored photo's bytes with `extra` inserted at byte `at`, streamed chunk by chunk."""
    buffered = b""
    iterator = iter(chunks)
    for chunk in iterator:
        buffered += chunk
        if len(buffered) >= at:
            break
    yield buffered[:at] + extra + buffered[at:]
    yield from iterator
