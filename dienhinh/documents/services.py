"""Every change to a unit's documents: its settings and its replacement templates. One
atomic, audited function each. Who may call them is decided by the views (accounts.scope:
the unit's administrators, Action.MANAGE_UNITS)."""

import hashlib
import re
import uuid
from dataclasses import asdict, dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import acting_user, audit_record
from dienhinh.common.email_typos import check_email
from dienhinh.common.errors import ApplicationError
from dienhinh.common.locking import lock_at_revision

from . import engine, samples
from .legal import basis_by_key
from .models import DocumentKind, DocumentSettings, SigningMode, UnitTemplate

SYMBOL = re.compile(r"^[A-ZĐ0-9]+(?:[-&][A-ZĐ0-9]+)*$")
REPORT_KINDS = {DocumentKind.REPORT_INDIVIDUAL, DocumentKind.REPORT_COLLECTIVE}


@dataclass
class SettingsSpec:
    parent_body: str = ""
    body_name: str = ""
    symbol: str = ""
    place_name: str = ""
    drafting_office: str = ""
    signing_mode: str = SigningMode.DIRECT
    authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    email: str = ""
    filing: str = ""


def _clean(spec: SettingsSpec, *, accept_email: bool) -> SettingsSpec:
    values = {k: " ".join(str(v).split()) for k, v in asdict(spec).items()}
    # The two header names may hold line breaks (one name over two lines).
    for key in ("parent_body", "body_name"):
        lines = [" ".join(line.split()) for line in str(getattr(spec, key)).splitlines()]
        values[key] = "\n".join(line for line in lines if line)
    values["symbol"] = values["symbol"].upper().replace(" ", "")
    values["email"] = values["email"].lower()
    spec = SettingsSpec(**values)
    if spec.symbol and not SYMBOL.match(spec.symbol):
        raise ApplicationError(
            _(
                "Write the symbol as the register does: letters and digits joined by hyphens, "
                "without the number or the slash, e.g. UBND-NV."
            ),
            field="symbol",
        )
    if "," in spec.place_name:
        raise ApplicationError(
            _("Write only the place name, e.g. Dương Kinh: the date follows it."),
            field="place_name",
        )
    if spec.signing_mode not in SigningMode.values:
        raise ApplicationError(_("Choose how the documents are signed."), field="signing_mode")
    if spec.signing_mode != SigningMode.DIRECT and not spec.authority:
        raise ApplicationError(
            _("Write whom the signer signs for, e.g. ỦY BAN NHÂN DÂN or CHỦ TỊCH."),
            field="authority",
        )
    if spec.signing_mode == SigningMode.TM_KT and "/" not in spec.authority:
        raise ApplicationError(
            _(
                "Write the collective and the head's title separated by a slash, e.g. ỦY BAN "
                "NHÂN DÂN / CHỦ TỊCH."
            ),
            field="authority",
        )
    checked = check_email(spec.email)
    if checked.suspect and not accept_email:
        hint = checked.corrected or ""
        raise ApplicationError(
            _("“%(address)s” looks mistyped%(hint)s. Correct it, or tick the box to keep it.")
            % {"address": spec.email, "hint": _(" (did you mean %s?)") % hint if hint else ""},
            field="email",
        )
    return spec


@transaction.atomic
def settings_save(
    *, actor, unit, spec: SettingsSpec, revision: int | None, accept_email: bool = False
) -> DocumentSettings:
    """Create or correct a unit's document settings; refuses a stale form."""
    spec = _clean(spec, accept_email=accept_email)
    current = DocumentSettings.objects.filter(unit=unit).first()
    if current is None:
        current = DocumentSettings(unit=unit)
        before = {}
    else:
        current = lock_at_revision(DocumentSettings.objects, pk=current.pk, revision=revision)
        before = {k: getattr(current, k) for k in asdict(spec)}
    for key, value in asdict(spec).items():
        setattr(current, key, value)
    current.revision = (current.revision or 0) + (1 if current.pk else 0)
    current.updated_by = acting_user(actor)
    current.save()
    audit_record(
        actor=actor,
        action=AuditAction.DOCUMENT_SETTINGS_SAVE,
        obj=current,
        unit=unit,
        changes={
            k: [before.get(k, ""), v] for k, v in asdict(spec).items() if before.get(k, "") != v
        },
    )
    return current


def _check_kind(kind: str, version: str) -> None:
    if kind not in DocumentKind.values:
        raise ApplicationError(_("Choose which document the template is for."), field="kind")
    if kind in REPORT_KINDS and basis_by_key(version) is None:
        raise ApplicationError(_("Choose the decree the report template follows."), field="kind")
    if kind not in REPORT_KINDS and version:
        raise ApplicationError(_("Only report templates follow a decree."), field="kind")


def template_replace(*, actor, unit, kind: str, version: str, data: bytes, name: str):
    """Check an uploaded .docx as a template of this kind (it must open, parse, keep the
    required fields and render the sample) and make it the unit's."""
    _check_kind(kind, version)
    engine.check_template(data=data, kind=kind, sample=samples.context_for(kind))
    digest = hashlib.sha256(data).hexdigest()
    stored = ContentFile(data)
    with transaction.atomic():
        old = UnitTemplate.objects.select_for_update().filter(unit=unit, kind=kind, version=version)
        old_names = [t.file.name for t in old]
        old.delete()
        template = UnitTemplate(
            unit=unit,
            kind=kind,
            version=version,
            original_name=name[-255:] or "template.docx",
            sha256=digest,
            uploaded_by=actor,
        )
        template.file.save(f"{kind}-{uuid.uuid4().hex}.docx", stored, save=False)
        template.save()
        audit_record(
            actor=actor,
            action=AuditAction.DOCUMENT_TEMPLATE_REPLACE,
            obj=template,
            unit=unit,
            changes={"kind": kind, "version": version, "file": name, "sha256": digest},
        )
        storage = template.file.storage
        transaction.on_commit(lambda: [storage.delete(n) for n in old_names])
    return template


@transaction.atomic
def template_reset(*, actor, unit, kind: str, version: str = "") -> None:
    """Go back to the default template (or the unit above's) for this kind."""
    _check_kind(kind, version)
    found = list(
        UnitTemplate.objects.select_for_update().filter(unit=unit, kind=kind, version=version)
    )
    if not found:
        raise ApplicationError(_("This unit already uses the default template."))
    names = [t.file.name for t in found]
    storage = found[0].file.storage
    for template in found:
        template.delete()
    audit_record(
        actor=actor,
        action=AuditAction.DOCUMENT_TEMPLATE_RESET,
        obj=unit,
        unit=unit,
        changes={"kind": kind, "version": version},
    )
    transaction.on_commit(lambda: [storage.delete(n) for n in names])
