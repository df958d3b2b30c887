"""Every change to the dispatch registry: one audited function per step.

- `dispatch_upload`: read a file (or pasted text), keep it as a draft with what was read (or,
  for PDFs and pictures, to be read by the worker: `uploads.dispatch_read`);
- `dispatch_register`: the user's corrected fields make it a registered dispatch;
- `dispatch_relay`: a received dispatch goes down the tree as an outgoing one and becomes the
  programme of the sender's subtree, citing the parent;
- `dispatch_create_programme`: a unit's own (outgoing) dispatch becomes its programme.

Who may do what is decided by the views through accounts.scope; these functions check what
makes a change impossible whoever asks (a relay outside the sender's subtree, a stale form).
"""

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import acting_user, audit_record
from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import fold
from dienhinh.cycles import services as cycle_services
from dienhinh.cycles.models import Programme
from dienhinh.cycles.services import ProgrammeSpec
from dienhinh.units.models import Unit

from .limits import max_text_chars
from .models import Direction, Dispatch, Reading, Reference, Status
from .parser import parse_text
from .reading import (
    SLOW_KINDS,
    DispatchReadError,
    check_size,
    check_upload,
    extract_text,
    max_upload_bytes,
)


@dataclass
class DispatchFields:
    number: str = ""
    document_date: dt.date | None = None
    issuer_name: str = ""
    subject: str = ""
    recipients: list[str] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    signer_name: str = ""
    signer_title: str = ""
    references: list[dict] = field(default_factory=list)  # {"number", "date", "issuer"}


def _search_text(dispatch: Dispatch) -> str:
    parts = [
        dispatch.number,
        dispatch.issuer_name,
        dispatch.subject,
        " ".join(dispatch.recipients),
        dispatch.signer_name,
        dispatch.file_name,
        dispatch.text[:20_000],
    ]
    return fold(" ".join(p for p in parts if p))


def _year(dispatch: Dispatch) -> int:
    return (dispatch.document_date or today()).year


def fields_from_parsed(parsed: dict) -> DispatchFields:
    """The reader's output as the form's starting values (the user corrects them)."""
    signer = parsed.get("signer") or {}
    number = parsed.get("number") or (
        f"…/{parsed['symbol']}" if parsed.get("symbol") else ""
    )  # a draft number: the symbol is known, the number is not in the text
    date = parsed.get("date")
    return DispatchFields(
        number=number,
        document_date=dt.date.fromisoformat(date) if date else None,
        issuer_name=parsed.get("issuer") or "",
        subject=parsed.get("subject") or "",
        recipients=list(parsed.get("recipients") or []),
        distribution=list(parsed.get("distribution") or []),
        signer_name=signer.get("name", ""),
        signer_title=signer.get("title", ""),
        references=list(parsed.get("references") or []),
    )


def _read_upload(upload, data: bytes | None) -> bytes:
    """The uploaded bytes, never more than the limit plus one: the declared size is checked
    before anything is read, and a stream that runs longer than it said is cut and refused."""
    if data is not None:
        check_size(len(data))
        return data
    check_size(upload.size or 0)
    upload.seek(0)
    data = upload.read(max_upload_bytes() + 1)
    check_size(len(data))
    return data


def dispatch_upload(
    *,
    actor,
    unit: Unit,
    direction: str,
    upload=None,
    data: bytes | None = None,
    filename: str = "",
    pasted: str = "",
) -> Dispatch:
    """Read the file (an uploaded file object, or its bytes) or the pasted text and keep it
    as a draft. Raises DispatchReadError (or ApplicationError) before anything is stored.

    Text and Word files are read here, within the text and time budget; PDFs and pictures
    are checked here and read by the worker (`uploads.dispatch_read`): the draft says it
    is being read until then."""
    if direction not in Direction.values:
        raise ApplicationError(_("Choose incoming or outgoing."), field="direction")
    if upload is not None:
        filename = filename or upload.name
    if upload is None and data is None:
        return _keep(actor, unit, direction, _pasted_text(pasted))
    data = _read_upload(upload, data)
    if check_upload(data, filename) in SLOW_KINDS:
        return _keep(actor, unit, direction, None, data=data, filename=filename)
    return _keep(actor, unit, direction, extract_text(data, filename).text, data, filename)


def _pasted_text(pasted: str) -> str:
    text = (pasted or "").strip()
    if not text:
        raise DispatchReadError(_("Upload a file or paste the text."), field="file")
    limit = max_text_chars()  # the same budget as a file's text: pasting is no way around it
    if len(text) > limit:
        raise DispatchReadError(
            _("The pasted text is too long (more than %(count)s characters).")
            % {"count": f"{limit:,}".replace(",", ".")},
            field="pasted",
        )
    return text


def _keep(actor, unit, direction, text, data=None, filename="") -> Dispatch:
    """Store the draft: read (`text` given) or waiting for the worker (`text` None)."""
    parsed = parse_text(text) if text is not None else {}
    dispatch = Dispatch(
        unit=unit,
        direction=direction,
        status=Status.DRAFT,
        reading=Reading.DONE if text is not None else Reading.QUEUED,
        text=text or "",
        parsed=parsed,
        emails=[e["address"] for e in parsed.get("emails", [])],
        created_by=acting_user(actor),
    )
    _apply(dispatch, fields_from_parsed(parsed))
    if data is not None:
        dispatch.file_name = (filename or "dispatch")[-255:]
        dispatch.file_size = len(data)
        dispatch.file_sha256 = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        if data is not None:
            suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
            dispatch.file.save(uuid.uuid4().hex + suffix[:6], ContentFile(data), save=False)
        dispatch.save()
        audit_record(
            actor=actor,
            action=AuditAction.DISPATCH_UPLOAD,
            obj=dispatch,
            unit=unit,
            changes={
                "direction": direction,
                "file": dispatch.file_name,
                "sha256": dispatch.file_sha256,
                "asks_for_examples": parsed.get("asks_for_examples"),
                "reading": dispatch.reading,
            },
        )
        if dispatch.reading == Reading.QUEUED:
            from .tasks import read_dispatch

            transaction.on_commit(lambda: read_dispatch(dispatch.pk))
    return dispatch


def _apply(dispatch: Dispatch, fields: DispatchFields) -> None:
    dispatch.number = fields.number.strip()[:80]
    dispatch.document_date = fields.document_date
    dispatch.issuer_name = fields.issuer_name.strip()[:255]
    dispatch.subject = fields.subject.strip()[:500]
    dispatch.recipients = [r.strip() for r in fields.recipients if r.strip()]
    dispatch.distribution = [r.strip() for r in fields.distribution if r.strip()]
    dispatch.signer_name = fields.signer_name.strip()[:120]
    dispatch.signer_title = fields.signer_title.strip()[:255]
    dispatch.year = _year(dispatch)
    dispatch.search_text = _search_text(dispatch)


def _check_fields(fields: DispatchFields) -> None:
    if not fields.subject.strip() and not fields.number.strip():
        raise ApplicationError(
            _("Give at least the number or the subject, so the dispatch can be found again."),
            field="subject",
        )
    if fields.number.startswith("…"):
        raise ApplicationError(
            _("The number is not in the text: type it from the register, e.g. 785/BTĐKT-THHC."),
            field="number",
        )
    if fields.document_date and fields.document_date > today() + dt.timedelta(days=1):
        raise ApplicationError(
            _("The document date cannot be in the future."), field="document_date"
        )


def _save_references(dispatch: Dispatch, references: list[dict]) -> None:
    dispatch.references.all().delete()
    for position, ref in enumerate(references):
        number = (ref.get("number") or "").strip()
        if not number:
            continue
        date = ref.get("date")
        if isinstance(date, str):
            date = dt.date.fromisoformat(date) if date else None
        cited = (
            Dispatch.objects.filter(status=Status.REGISTERED, number__iexact=number)
            .exclude(pk=dispatch.pk)
            .order_by("created_at")
            .first()
        )
        Reference.objects.create(
            dispatch=dispatch,
            position=position,
            number=number[:80],
            date=date,
            issuer=(ref.get("issuer") or "")[:255],
            cited=cited,
        )


def _locked(dispatch: Dispatch, revision: int | None) -> Dispatch:
    locked = Dispatch.objects.select_for_update().get(pk=dispatch.pk)
    if revision is not None and locked.revision != revision:
        raise ApplicationError(
            _("Someone else changed this dispatch while you were editing. Reload and try again.")
        )
    return locked


@transaction.atomic
def dispatch_register(
    *, actor, dispatch: Dispatch, fields: DispatchFields, revision: int | None = None
) -> Dispatch:
    """Confirm (or correct) a dispatch's fields. A draft becomes registered."""
    _check_fields(fields)
    locked = _locked(dispatch, revision)
    before = {
        "number": locked.number,
        "document_date": locked.document_date,
        "subject": locked.subject,
        "issuer_name": locked.issuer_name,
    }
    was_draft = locked.status == Status.DRAFT
    _apply(locked, fields)
    locked.status = Status.REGISTERED
    locked.revision += 1
    locked.save()
    _save_references(locked, fields.references)
    # A dispatch registered later may be the one others cite: link them now.
    if locked.number:
        Reference.objects.filter(number__iexact=locked.number, cited__isnull=True).exclude(
            dispatch=locked
        ).update(cited=locked)
    audit_record(
        actor=actor,
        action=AuditAction.DISPATCH_REGISTER if was_draft else AuditAction.DISPATCH_UPDATE,
        obj=locked,
        unit=locked.unit,
        changes={k: [v, getattr(locked, k)] for k, v in before.items() if v != getattr(locked, k)},
    )
    return locked


@transaction.atomic
def dispatch_discard(*, actor, dispatch: Dispatch) -> None:
    """Throw away a draft upload (a wrong file). Registered dispatches are never deleted."""
    locked = _locked(dispatch, None)
    if locked.status != Status.DRAFT:
        raise ApplicationError(_("A registered dispatch cannot be deleted."))
    audit_record(
        actor=actor,
        action=AuditAction.DISPATCH_DISCARD,
        obj=locked,
        unit=locked.unit,
        changes={"file": locked.file_name, "sha256": locked.file_sha256},
    )
    names = [n for n in [locked.file.name, *locked.page_images] if n]
    storage = locked.file.storage
    locked.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


@dataclass
class RelaySpec:
    programme: ProgrammeSpec
    addressees: list[Unit]
    number: str = ""
    document_date: dt.date | None = None
    subject: str = ""


def _check_addressees(sender: Unit, addressees: list[Unit]) -> None:
    if not addressees:
        raise ApplicationError(_("Choose at least one unit to send it to."), field="addressees")
    outside = [u for u in addressees if u.pk == sender.pk or not u.path.startswith(sender.path)]
    if outside:
        raise ApplicationError(
            _("%(units)s is not under %(sender)s: a dispatch can only be relayed downwards.")
            % {"units": ", ".join(u.name for u in outside), "sender": sender.name},
            field="addressees",
        )


def _expected_from(sender: Unit, spec: ProgrammeSpec, addressees: list[Unit]) -> ProgrammeSpec:
    """The programme's expected units follow the chosen addressees."""
    spec.expected_kinds = sorted({u.kind for u in addressees})
    direct = all(u.parent_id == sender.pk for u in addressees)
    spec.expected_reach = "children" if direct else "subtree"
    return spec


def _pin_expected(actor, programme: Programme, addressees: list[Unit]) -> None:
    """Leave out units the kinds would add but the user did not tick, add the ticked ones
    the rule would miss."""
    chosen = {u.pk for u in addressees}
    ruled = cycle_services.expected_unit_ids(programme, programme.starts_on)
    for unit in Unit.objects.filter(pk__in=(ruled ^ chosen)):
        cycle_services.programme_set_unit_choice(
            actor=actor, programme=programme, unit=unit, included=unit.pk in chosen
        )


def programme_relayed(*, parent: Dispatch, sender: Unit) -> Programme | None:
    """The programme of the level above that a relay implements: the parent's own, or, for
    an incoming copy registered by hand, the programme of the registered original with the
    same number, run by a unit above the sender."""
    if parent.programme_id:
        return parent.programme
    if not parent.number:
        return None
    above = [int(step) for step in sender.path.split(".") if step and int(step) != sender.pk]
    original = (
        Dispatch.objects.filter(
            number__iexact=parent.number,
            status=Status.REGISTERED,
            programme__isnull=False,
            programme__owner_id__in=above,
        )
        .exclude(pk=parent.pk)
        .select_related("programme")
        .order_by("created_at")
        .first()
    )
    return original.programme if original else None


@transaction.atomic
def dispatch_relay(*, actor, parent: Dispatch, sender: Unit, spec: RelaySpec) -> Dispatch:
    """Relay a received dispatch to units below `sender`: one outgoing dispatch citing the
    parent, and the programme of the sender's subtree (relaying the parent's programme when
    the parent has one in Dienhinh)."""
    if parent.status != Status.REGISTERED:
        raise ApplicationError(_("Register the dispatch before relaying it."))
    _check_addressees(sender, spec.addressees)
    programme_spec = _expected_from(sender, spec.programme, spec.addressees)
    if programme_spec.parent is None:
        programme_spec.parent = programme_relayed(parent=parent, sender=sender)
    programme = cycle_services.programme_create(actor=actor, owner=sender, spec=programme_spec)
    _pin_expected(actor, programme, spec.addressees)
    relay = Dispatch(
        unit=sender,
        direction=Direction.OUTGOING,
        status=Status.REGISTERED,
        issuer_name=sender.name,
        parent=parent,
        programme=programme,
        created_by=acting_user(actor),
    )
    _apply(
        relay,
        DispatchFields(
            number=spec.number,
            document_date=spec.document_date or today(),
            issuer_name=sender.name,
            subject=spec.subject or parent.subject,
            recipients=[u.name for u in spec.addressees],
        ),
    )
    relay.save()
    relay.addressee_units.set(spec.addressees)
    _save_references(
        relay,
        [{"number": parent.number, "date": parent.document_date, "issuer": parent.issuer_name}],
    )
    Reference.objects.filter(dispatch=relay).update(cited=parent)
    audit_record(
        actor=actor,
        action=AuditAction.DISPATCH_RELAY,
        obj=relay,
        unit=sender,
        changes={
            "parent": parent,
            "programme": programme,
            "addressees": [u.name for u in spec.addressees],
        },
    )
    return relay


@transaction.atomic
def dispatch_create_programme(
    *,
    actor,
    dispatch: Dispatch,
    spec: ProgrammeSpec,
    addressees: list[Unit],
    parent: Dispatch | None = None,
) -> Programme:
    """A unit's own dispatch (outgoing) becomes the programme of its subtree."""
    if dispatch.status != Status.REGISTERED:
        raise ApplicationError(_("Register the dispatch before creating its programme."))
    if dispatch.programme_id:
        raise ApplicationError(_("This dispatch already has its programme."))
    _check_addressees(dispatch.unit, addressees)
    programme = cycle_services.programme_create(
        actor=actor, owner=dispatch.unit, spec=_expected_from(dispatch.unit, spec, addressees)
    )
    _pin_expected(actor, programme, addressees)
    locked = _locked(dispatch, None)
    locked.programme = programme
    if parent is not None and locked.parent_id is None and parent.pk != locked.pk:
        locked.parent = parent  # the dispatch of the level above it implements
    locked.revision += 1
    locked.save(update_fields=["programme", "parent", "revision", "updated_at"])
    locked.addressee_units.set(addressees)
    audit_record(
        actor=actor,
        action=AuditAction.DISPATCH_PROGRAMME,
        obj=locked,
        unit=locked.unit,
        changes={"programme": programme, "addressees": [u.name for u in addressees]},
    )
    return programme


@transaction.atomic
def dispatch_link_programme(
    *, actor, dispatch: Dispatch, programme: Programme, parent: Dispatch | None = None
) -> Dispatch:
    """Attach a programme that already runs (entered by hand before its dispatch was
    registered) to the dispatch that set it."""
    if programme.owner_id != dispatch.unit_id:
        raise ApplicationError(_("The programme belongs to another unit."))
    locked = _locked(dispatch, None)
    locked.programme = programme
    if parent is not None:
        locked.parent = parent
    locked.revision += 1
    locked.save(update_fields=["programme", "parent", "revision", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.DISPATCH_PROGRAMME,
        obj=locked,
        unit=locked.unit,
        changes={"programme": programme, "parent": parent},
    )
    return locked


def upload_limit_mb() -> int:
    return max_upload_bytes() // (1024 * 1024)
