"""Serving stored files: the name and type of a download follow the file's content.

The name a file was uploaded under is kept for display, but a browser decides what to do
with a download from its extension and Content-Type: a PDF uploaded as `report.html` must
leave as `report.pdf`, `application/pdf`. Used by nominations' attachments and dispatches'
originals.
"""

import re

from django.http import FileResponse

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Extension and Content-Type of each kind of stored file, by its detected kind.
KINDS = {
    "pdf": (".pdf", "application/pdf"),
    "docx": (".docx", DOCX),
    "jpeg": (".jpg", "image/jpeg"),
    "png": (".png", "image/png"),
    "txt": (".txt", "text/plain"),
}
_BY_CONTENT_TYPE = {content_type: kind for kind, (_ext, content_type) in KINDS.items()}


def kind_of_content_type(content_type: str) -> str | None:
    return _BY_CONTENT_TYPE.get(content_type)


def stored_text_kind(head: bytes) -> str:
    """The kind of a stored dispatch from its first bytes: pdf, docx, or else text (the
    only three that are read, each checked against its content when it was uploaded)."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    return "txt"


def download_name(name: str, kind: str) -> str:
    """`name` with its extension replaced by the one of `kind`: "report.html" → "report.pdf"."""
    base = re.split(r"[\\/]", name or "")[-1].strip()
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return (stem.strip() or "file") + KINDS[kind][0]


def file_response(stored, *, name: str, kind: str, as_attachment: bool) -> FileResponse:
    """Stream a stored file under a name and a Content-Type that follow its kind."""
    extension, content_type = KINDS[kind]
    return FileResponse(
        stored.open("rb"),
        as_attachment=as_attachment,
        filename=download_name(name, kind),
        content_type=content_type,
    )
