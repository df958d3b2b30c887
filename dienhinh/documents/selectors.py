"""Reading documents: which documents an object has, who may open them, what a unit's
templates are, whether a PDF is ready.

A source is what a document is drafted from: a forwarded list ("danh-sach"), a relay
dispatch ("cong-van") or a nomination ("ho-so"). Each has its documents (slug → draft
function) and the scope rule that opens them (`source_for`).
"""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from dienhinh.accounts.scope import Action, deny, require
from dienhinh.common.errors import ApplicationError
from dienhinh.dispatches.models import Dispatch
from dienhinh.dispatches.selectors import dispatches_for
from dienhinh.nominations.models import Batch, Nomination
from dienhinh.nominations.selectors import can_see

from . import contexts, engine
from .defaults import default_files
from .legal import BASES
from .models import Conversion, DocumentKind, SignedCopy, UnitTemplate

DOCUMENTS = {
    "danh-sach": {"cong-van": contexts.forwarding, "danh-sach": contexts.annex_list},
    "cong-van": {"trien-khai": contexts.relay},
    "ho-so": {"bao-cao": contexts.report, "tom-tat": contexts.summary},
}


@dataclass
class Source:
    slug: str
    obj: object
    unit: object
    can_sign: bool  # may upload the signed copy


def source_for(request, slug: str, pk: int) -> Source:
    """The object documents are drafted from, once the user is allowed to open them
    (403, logged, otherwise)."""
    if slug == "danh-sach":
        batch = get_object_or_404(
            Batch.objects.select_related("unit", "period__programme", "to_period__programme"),
            pk=pk,
        )
        require(request, batch.unit, Action.REVIEW_NOMINATIONS)
        return Source(slug, batch, batch.unit, _may(request, batch.unit))
    if slug == "cong-van":
        dispatch = get_object_or_404(Dispatch.objects.select_related("unit", "parent"), pk=pk)
        if not dispatches_for(request.user).filter(pk=pk).exists():
            deny(request, Action.VIEW, unit=dispatch.unit)
        require(request, dispatch.unit, Action.MANAGE_DISPATCHES)
        return Source(slug, dispatch, dispatch.unit, True)
    nomination = get_object_or_404(
        Nomination.objects.select_related("unit", "period__programme__owner"), pk=pk
    )
    if not can_see(request.user, nomination):
        deny(request, Action.VIEW, unit=nomination.unit)
    return Source(slug, nomination, nomination.unit, False)


def _may(request, unit) -> bool:
    from dienhinh.accounts.scope import can

    return can(request.user, unit, Action.MANAGE_DISPATCHES)


@dataclass
class Item:
    """One document of a source, as its page lists it."""

    slug: str
    draft: contexts.Draft | None
    error: ApplicationError | None
    conversion: Conversion | None

    @property
    def label(self) -> str:
        return str(DocumentKind(self.draft.kind).label) if self.draft else self.slug


def items_of(source: Source) -> list[Item]:
    items = []
    for slug, make in DOCUMENTS[source.slug].items():
        try:
            draft = make(source.obj)
        except ApplicationError as exc:
            items.append(Item(slug, None, exc, None))
            continue
        conversion = Conversion.objects.filter(key=draft.version).first()
        items.append(Item(slug, draft, None, conversion))
    return items


def draft_of(source: Source, kind_slug: str) -> contexts.Draft:
    make = DOCUMENTS[source.slug].get(kind_slug)
    if make is None:
        raise ApplicationError("")
    return make(source.obj)


def signed_copy_of(source: Source) -> SignedCopy | None:
    if source.slug == "danh-sach":
        return SignedCopy.objects.filter(batch=source.obj).first()
    if source.slug == "cong-van":
        return SignedCopy.objects.filter(dispatch=source.obj, batch__isnull=True).first()
    return None


def signed_copies_of_dispatch(dispatch) -> list[SignedCopy]:
    return list(SignedCopy.objects.filter(dispatch=dispatch))


@dataclass
class TemplateRow:
    kind: str
    version: str
    label: str
    in_use: str  # "default" or the unit's name
    own: UnitTemplate | None

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.version}" if self.version else self.kind


def templates_of(unit) -> list[TemplateRow]:
    rows = []
    for name in default_files():
        kind, _sep, version = name.partition("-")
        template = engine.template_for(unit=unit, kind=kind, version=version)
        own = UnitTemplate.objects.filter(unit=unit, kind=kind, version=version).first()
        label = str(DocumentKind(kind).label)
        basis = next((b for b in BASES if b.key == version), None)
        if basis:
            label = f"{label} — {basis.decree}"
        rows.append(TemplateRow(kind, version, label, template.source, own))
    return rows
