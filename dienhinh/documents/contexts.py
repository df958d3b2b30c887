"""What goes into each document, read from Dienhinh's records: the forwarding dispatch and
its annex list (from a forwarded batch), the relay dispatch (from an outgoing dispatch that
relays another) and the achievement report and summary (from a nomination).

Each function returns a `Draft`: the template to use, the context to fill it with and the
file name. Everything is written in Vietnamese whatever the language of the page, as the
document is what the office sends. Nothing here writes to the database.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dienhinh.common.dates import period_label, vn_date
from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import fold
from dienhinh.cycles import rules
from dienhinh.cycles.models import ExpectedUnit
from dienhinh.dispatches.models import Direction, Dispatch, Status
from dienhinh.nominations.models import (
    AttachmentKind,
    BatchStatus,
    Field,
    NilReport,
    SubjectKind,
)

from . import engine, headers
from .legal import basis_on
from .models import DocumentKind, SignedCopy

FORWARDING_SUBJECT = "giới thiệu gương điển hình tiên tiến, người tốt việc tốt {period}"


@dataclass
class Draft:
    kind: str
    unit: object
    template: engine.Template
    context: dict
    filename: str  # without extension
    properties: dict = field(default_factory=dict)

    @property
    def version(self) -> str:
        return engine.document_version(self.template, self.context)

    def render(self) -> bytes:
        properties = {**self.properties, "comments": f"dienhinh:{self.kind}:{self.version}"}
        return engine.render_docx(
            template=self.template, context=self.context, properties=properties
        )


def _slug(text: str) -> str:
    return slugify(fold(text))[:60] or "van-ban"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def issuer_of(dispatch: Dispatch) -> str:
    """Who issued it, with the place when the registry's text gave only the body's name
    ("Ban Thi đua - Khen thưởng" → "… thành phố Hải Phòng")."""
    name = dispatch.issuer_name.strip() or dispatch.unit.name
    if fold(dispatch.unit.name) in fold(name) or not dispatch.issuer_name.strip():
        return name
    short = dispatch.unit.name
    return f"{name} {_lower_first(short)}" if fold(name) != fold(short) else name


def cite(dispatch: Dispatch, *, with_subject: bool = True) -> str:
    """ "Công văn số 785/BTĐKT-THHC ngày 12/9/2023 của … về việc …"."""
    text = "Công văn"
    if dispatch.number:
        text += f" số {dispatch.number}"
    if dispatch.document_date:
        day = dispatch.document_date
        text += f" ngày {day.day}/{day.month}/{day.year}"
    text += f" của {issuer_of(dispatch)}"
    if with_subject and dispatch.subject:
        text += f" về việc {_lower_first(dispatch.subject.rstrip('.'))}"
    return text


# --- the forwarding dispatch and its annex -------------------------------------------------


def _signed_refusal(kind: str, **where) -> None:
    signed = SignedCopy.objects.filter(kind=kind, **where).first()
    if signed is not None:
        raise ApplicationError(
            _(
                "This dispatch was signed and registered as %(number)s of %(day)s: it is not "
                "drafted again. Download the signed copy instead."
            )
            % {"number": signed.number, "day": vn_date(signed.document_date)},
            extra={"signed": signed.pk},
        )


def asking_dispatch(batch) -> Dispatch | None:
    """The dispatch of the level above that asked for the list: the one the unit's own
    programme relays, else the one the receiving programme was set up from."""
    own = (
        Dispatch.objects.filter(programme=batch.period.programme, parent__isnull=False)
        .select_related("parent__unit")
        .first()
    )
    if own is not None:
        return own.parent
    return (
        Dispatch.objects.filter(programme=batch.to_period.programme, status=Status.REGISTERED)
        .select_related("unit")
        .order_by("document_date", "pk")
        .first()
    )


def _rows(batch) -> list[dict]:
    photo = Q(nomination__attachments__kind=AttachmentKind.PHOTO)
    items = (
        batch.items.select_related("nomination__unit")
        .annotate(photos=Count("nomination__attachments", filter=photo))
        .order_by("nomination__unit__name", "nomination__pk")
    )
    rows = []
    for index, item in enumerate(items, start=1):
        nomination = item.nomination
        photos = item.photos
        position = ", ".join(p for p in (nomination.position, nomination.workplace) if p)
        rows.append(
            {
                "index": index,
                "name": nomination.subject_name or nomination.headline,
                "kind": nomination.get_subject_kind_display(),
                "unit": nomination.unit.name,
                "position": "; ".join(p for p in (position, _field(nomination)) if p),
                "summary": nomination.story.strip(),
                "photos": photos,
            }
        )
    return rows


def _field(nomination) -> str:
    """The field's name, or nothing for "other" (it says nothing on paper)."""
    return "" if nomination.field == Field.OTHER else nomination.get_field_display()


def _generic_lower(name: str) -> str:
    """ "Quận Dương Kinh" → "quận Dương Kinh" mid-sentence; proper names stay as they are."""
    generic = ("Quận ", "Huyện ", "Phường ", "Xã ", "Thành phố ", "Tỉnh ", "Thị xã ", "Ủy ban ")
    return _lower_first(name) if name.startswith(generic) else name


def _forwarding_context(batch) -> tuple[dict, object]:
    if batch.status != BatchStatus.FORWARDED or batch.to_period_id is None:
        raise ApplicationError(
            _("This list has not been forwarded yet: forward it first, then draft its dispatch.")
        )
    settings = headers.settings_of(batch.unit)
    headers.require_settings(settings, headers.NEEDS_FOR_DISPATCH)
    day = timezone.localdate(batch.forwarded_at)
    asking = asking_dispatch(batch)
    addressee = issuer_of(asking) if asking else batch.to_period.programme.owner.name
    period = batch.period
    expected = ExpectedUnit.objects.filter(period=period, removed_on=None).count()
    nil = NilReport.objects.filter(period=period).select_related("unit").order_by("unit__name")
    rows = _rows(batch)
    label = period_label(period.key)
    context = {
        **headers.header_context(settings, day=day),
        "subject": FORWARDING_SUBJECT.format(period=label),
        "recipient_lines": [f"{addressee}."],
        "cited": cite(asking) if asking else f"chương trình “{period.programme.parent.title}”",
        "issuer_name": settings.unit.name,
        "addressee_name": addressee,
        "period_label": label,
        "reported_count": expected - len(batch.missing_units),
        "expected_count": expected,
        "count_text": f"{len(rows):02d}",
        "missing_text": ", ".join(m["name"] for m in batch.missing_units),
        "nil_text": ", ".join(n.unit.name for n in nil),
        "note_paragraphs": _paragraphs(batch.note),
        "email": settings.email,
        "distribution": ["- Như trên;", headers.filing_line(settings)],
        "rows": rows,
        "date_short": vn_date(day),
    }
    return context, settings


def forwarding(batch) -> Draft:
    _signed_refusal(DocumentKind.FORWARDING, batch=batch)
    with translation.override("vi"):
        context, settings = _forwarding_context(batch)
    return Draft(
        kind=DocumentKind.FORWARDING,
        unit=batch.unit,
        template=engine.template_for(unit=batch.unit, kind=DocumentKind.FORWARDING),
        context=context,
        filename=f"cong-van-gui-danh-sach-{batch.period.key}-{_slug(settings.unit.name)}",
        properties={"title": "Công văn " + context["subject"]},
    )


def annex_list(batch) -> Draft:
    _signed_refusal(DocumentKind.FORWARDING, batch=batch)
    with translation.override("vi"):
        context, settings = _forwarding_context(batch)
    return Draft(
        kind=DocumentKind.ANNEX_LIST,
        unit=batch.unit,
        template=engine.template_for(unit=batch.unit, kind=DocumentKind.ANNEX_LIST),
        context=context,
        filename=f"danh-sach-trich-ngang-{batch.period.key}-{_slug(settings.unit.name)}",
        properties={"title": "Danh sách trích ngang " + context["period_label"]},
    )


# --- the relay dispatch ---------------------------------------------------------------------

CADENCE_TEXT = {
    "monthly": "Hằng tháng,",
    "quarterly": "Hằng quý,",
    "yearly": "Hằng năm,",
    "once": "Trong đợt này,",
}


def _relay_context(dispatch: Dispatch) -> dict:
    if dispatch.direction != Direction.OUTGOING or dispatch.parent_id is None:
        raise ApplicationError(_("Only a dispatch that relays another one is drafted here."))
    programme = dispatch.programme
    if programme is None:
        raise ApplicationError(
            _("This relay has no programme yet: create it, so its deadlines can be written.")
        )
    settings = headers.settings_of(dispatch.unit)
    headers.require_settings(settings, headers.NEEDS_FOR_DISPATCH)
    parent = dispatch.parent
    addressees = [u.name for u in dispatch.addressee_units.order_by("path")]
    lines = addressees or list(dispatch.recipients) or ["Các đơn vị trực thuộc"]
    recipient_lines = [f"- {line.rstrip(';.')};" for line in lines]
    recipient_lines[-1] = recipient_lines[-1][:-1] + "."
    if len(lines) == 1:
        recipient_lines = [lines[0].rstrip(";.") + "."]
    office = settings.drafting_office.strip()
    short = _generic_lower(settings.unit.short_name or settings.unit.name)
    return {
        **headers.header_context(settings, day=dispatch.document_date, number=dispatch.number),
        "subject": _lower_first((dispatch.subject or parent.subject).rstrip(".")),
        "recipient_lines": recipient_lines,
        "cited": cite(parent),
        "cited_short": cite(parent, with_subject=False),
        "issuer_name": settings.unit.name,
        "issuer_short": short,
        "cadence_text": CADENCE_TEXT.get(programme.cadence, ""),
        "quota_text": f"{programme.quota:02d}",
        "via_office": f" (qua {office})" if office else "",
        "unit_deadline_text": rules.describe_unit_rule(programme),
        "email_clause": f", đồng thời gửi qua hòm thư điện tử: {settings.email}"
        if settings.email
        else "",
        "forward_deadline_text": rules.describe_forward_rule(programme),
        "compiler_name": office or short,
        "parent_issuer": issuer_of(parent),
        "distribution": ["- Như trên;", headers.filing_line(settings)],
    }


def relay(dispatch: Dispatch) -> Draft:
    _signed_refusal(DocumentKind.RELAY, dispatch=dispatch, batch__isnull=True)
    with translation.override("vi"):
        context = _relay_context(dispatch)
    number = _slug(dispatch.number) if dispatch.number else f"du-thao-{dispatch.pk}"
    return Draft(
        kind=DocumentKind.RELAY,
        unit=dispatch.unit,
        template=engine.template_for(unit=dispatch.unit, kind=DocumentKind.RELAY),
        context=context,
        filename=f"cong-van-trien-khai-{number}",
        properties={"title": "Công văn V/v " + context["subject"]},
    )


# --- the achievement report and the summary --------------------------------------------------


def report_date(nomination) -> dt.date:
    """The report's own date: when it was first sent, else when it was written."""
    moment = nomination.first_submitted_at or nomination.created_at
    return timezone.localdate(moment)


def _identity(nomination) -> list[str]:
    if nomination.subject_kind == SubjectKind.INDIVIDUAL:
        born = vn_date(nomination.birth_date) if nomination.birth_date else nomination.birth_year
        pairs = [
            ("Họ và tên", nomination.full_name),
            ("Giới tính", nomination.get_gender_display() if nomination.gender else ""),
            ("Ngày, tháng, năm sinh" if nomination.birth_date else "Năm sinh", born or ""),
            ("Quê quán", nomination.hometown),
            ("Chức vụ", nomination.position),
            ("Đơn vị công tác", nomination.workplace or nomination.unit.name),
        ]
    else:
        pairs = [
            ("Tên tập thể", nomination.collective_name),
            ("Số thành viên", nomination.collective_size or ""),
            ("Thuộc", nomination.unit.name),
        ]
    pairs.append(("Lĩnh vực", _field(nomination)))
    return [f"{label}: {value}" for label, value in pairs if str(value).strip()]


def _awards(nomination) -> list[dict]:
    rows = []
    for award in nomination.awards.all():
        decision = award.decision_number
        if award.decision_date:
            decision = f"{decision} ngày {vn_date(award.decision_date)}".strip()
        rows.append(
            {"year": award.year, "title": award.title, "decision": decision, "issuer": award.issuer}
        )
    return rows


def _report_context(nomination, settings, day: dt.date) -> dict:
    story = _paragraphs(nomination.story)
    return {
        **headers.header_context(settings, day=day),
        "period_label": period_label(nomination.period.key),
        "headline": nomination.headline,
        "subject_name": nomination.subject_name or nomination.headline,
        "identity": _identity(nomination),
        "background": _paragraphs(nomination.report_background),
        "achievements": _paragraphs(nomination.report_achievements) or story,
        "story": story,
        "awards": _awards(nomination),
        "awards_text": "; ".join(f"{a['title']} ({a['year']})" for a in _awards(nomination)),
        "confirmer_name": settings.signer_name.strip(),
        "signer_hint": "(Ký, ghi rõ họ và tên)"
        if nomination.subject_kind == SubjectKind.INDIVIDUAL
        else "(Ký, ghi rõ họ và tên, đóng dấu)",
    }


def report(nomination) -> Draft:
    """The achievement report in the template of the decree in force on its date."""
    day = report_date(nomination)
    basis = basis_on(day)
    kind = (
        DocumentKind.REPORT_INDIVIDUAL
        if nomination.subject_kind == SubjectKind.INDIVIDUAL
        else DocumentKind.REPORT_COLLECTIVE
    )
    settings = headers.settings_of(nomination.unit)
    headers.require_settings(settings, headers.NEEDS_FOR_REPORT)
    with translation.override("vi"):
        context = _report_context(nomination, settings, day)
    name = context["subject_name"]
    return Draft(
        kind=kind,
        unit=nomination.unit,
        template=engine.template_for(unit=nomination.unit, kind=kind, version=basis.key),
        context=context,
        filename=f"bao-cao-thanh-tich-{basis.key}-{_slug(name)}",
        properties={
            "title": f"Báo cáo thành tích: {name}",
            "keywords": basis.key,
            "subject": f"Mẫu theo {basis.decree}",
        },
    )


def summary(nomination) -> Draft:
    settings = headers.settings_of(nomination.unit)
    headers.require_settings(settings, headers.NEEDS_FOR_REPORT)
    with translation.override("vi"):
        context = _report_context(nomination, settings, report_date(nomination))
    return Draft(
        kind=DocumentKind.SUMMARY,
        unit=nomination.unit,
        template=engine.template_for(unit=nomination.unit, kind=DocumentKind.SUMMARY),
        context=context,
        filename=f"tom-tat-thanh-tich-{_slug(context['subject_name'])}",
        properties={"title": f"Tóm tắt thành tích: {context['subject_name']}"},
    )
