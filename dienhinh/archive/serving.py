"""Serving a stored file with byte ranges (resumable downloads, seeking in a video)."""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from . import storage_io
from .ranges import RangeNotSatisfiable, parse_range


def ranged_response(
    request, *, storage, name: str, size: int, content_type: str, filename: str,
    etag: str = "", as_attachment: bool = False,
):  # fmt: skip
    """200 with the whole file, 206 with the range asked, 416 for a range past the end."""
    header = request.headers.get("Range")
    if header and etag and request.headers.get("If-Range") not in (None, f'"{etag}"'):
        header = None  # the file changed since the first part: send it whole
    try:
        wanted = parse_range(header, size)
    except RangeNotSatisfiable:
        message = _("The part asked for starts after the end of the file (%(size)s bytes).")
        response = HttpResponse(message % {"size": size}, status=416, content_type="text/plain")
        response["Content-Range"] = f"bytes */{size}"
        return response
    start, end = wanted if wanted else (0, size - 1)
    chunks = storage_io.read_chunks(storage, name, start=start, end=end) if size else iter(())
    response = StreamingHttpResponse(chunks, status=206 if wanted else 200)
    response["Content-Type"] = content_type
    response["Content-Length"] = str(end - start + 1 if size else 0)
    response["Accept-Ranges"] = "bytes"
    if wanted:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    if etag:
        response["ETag"] = f'"{etag}"'
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response["Cache-Control"] = "private, max-age=3600"
    return response
