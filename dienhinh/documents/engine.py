"""The document engine: a DOCX template file + a context → a DOCX document.

`render_docx(template=…, context=…)` is the one entry point every document goes through
(and the one the 11 June yearbook can use: any .docx with docxtpl fields and a dict). The
template a unit uses for a kind of document is its own replacement, else the nearest one
of a unit above it, else the default file in `docx/` (`template_for`). A document's version
is the hash of its template and its context: the same version always gives the same
document, so its PDF is converted once (conversion.py).
"""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from dienhinh.common.errors import ApplicationError

from .models import UnitTemplate

DOCX_DIR = Path(__file__).resolve().parent / "docx"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
# Bump when the engine itself changes what a template renders to: old PDFs are then redone.
ENGINE_VERSION = "1"

# The fields a replacement template must keep, per kind (names as they appear in {{ }}).
REQUIRED_FIELDS = {
    "forwarding": {"number_text", "place_date", "subject", "recipient_lines", "signer_name"},
    "annex_list": {"rows", "period_label"},
    "relay": {"number_text", "place_date", "subject", "recipient_lines", "cited", "signer_name"},
    "report_individual": {"subject_name", "achievements", "awards"},
    "report_collective": {"subject_name", "achievements", "awards"},
    "summary": {"headline", "story"},
}


@dataclass(frozen=True)
class Template:
    name: str  # file name without .docx: "forwarding", "report_individual-nd98-2023"
    data: bytes
    source: str  # "default", or the unit whose replacement it is
    sha256: str


def default_template(name: str) -> Template:
    data = (DOCX_DIR / f"{name}.docx").read_bytes()
    return Template(name, data, "default", hashlib.sha256(data).hexdigest())


def template_for(*, unit, kind: str, version: str = "") -> Template:
    """The unit's own template for this kind, else the nearest unit above's, else the
    default one."""
    name = f"{kind}-{version}" if version else kind
    ancestors = [int(step) for step in unit.path.split(".") if step] if unit.path else [unit.pk]
    own = {
        t.unit_id: t
        for t in UnitTemplate.objects.filter(unit_id__in=ancestors, kind=kind, version=version)
    }
    for unit_id in reversed(ancestors):
        replacement = own.get(unit_id)
        if replacement is not None:
            with replacement.file.open("rb") as handle:
                data = handle.read()
            return Template(name, data, str(replacement.unit), replacement.sha256)
    return default_template(name)


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value if isinstance(value, int | float | bool | type(None)) else str(value)


def document_version(template: Template, context: dict) -> str:
    """The hash of everything a rendering depends on."""
    payload = json.dumps(_jsonable(context), ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256()
    for part in (ENGINE_VERSION, template.sha256, payload):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def render_docx(*, template: Template | bytes, context: dict, properties: dict | None = None):
    """Render a docxtpl template with the context (user text is escaped, new lines become
    line breaks) and return the DOCX bytes. `properties` fills the file's core properties
    (title, subject, keywords, comments)."""
    data = template.data if isinstance(template, Template) else template
    document = DocxTemplate(io.BytesIO(data))
    try:
        document.render(context, autoescape=True)
    except TemplateError as exc:
        raise ApplicationError(
            _("The template could not be filled in: %(error)s") % {"error": exc}
        ) from exc
    core = document.docx.core_properties
    for key, value in (properties or {}).items():
        setattr(core, key, str(value)[:255])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def check_template(*, data: bytes, kind: str, sample: dict) -> None:
    """Refuse a replacement template that is not a Word document, does not parse, or lacks
    a field the documents of its kind need. Raises ApplicationError naming what is wrong."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ApplicationError(
            _("The template is larger than %(mb)s MB.") % {"mb": MAX_TEMPLATE_BYTES // 2**20},
            field="file",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        names = set()
    if "word/document.xml" not in names:
        raise ApplicationError(
            _("This file is not a Word document (.docx). Save the template as .docx."),
            field="file",
        )
    try:
        fields = DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables()
    except (TemplateError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ApplicationError(
            _("The template's fields cannot be read: %(error)s") % {"error": exc}, field="file"
        ) from exc
    missing = sorted(REQUIRED_FIELDS.get(kind, set()) - set(fields))
    if missing:
        raise ApplicationError(
            _("The template lacks the field(s) %(fields)s that this document needs.")
            % {"fields": ", ".join("{{ " + name + " }}" for name in missing)},
            field="file",
        )
    render_docx(template=data, context=sample)  # a template that cannot render is refused
