"""Documents pages: the documents of a list, a relay or a nomination (Word at once, PDF from
the worker with a progress indicator), the signed copy, the period's workbook and a unit's
document settings. Every view asks accounts.scope (through selectors.source_for) first."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dienhinh.accounts.scope import Action, can, require
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.models import Period

from . import conversion, selectors, signed, workbooks
from .forms import SignedForm
from .models import ConversionStatus, SignedCopy

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SOURCE = r"(?P<source>danh-sach|cong-van|ho-so)"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _hub_url(source: str, pk: int) -> str:
    return reverse("documents:source", args=[source, pk])


def _refused(request, exc: ApplicationError, source: str, pk: int):
    messages.error(request, exc.message)
    return redirect(_hub_url(source, pk))


def source_page(request, source: str, pk: int):
    """The documents of a list, a relay or a nomination, and its signed copy."""
    found = selectors.source_for(request, source, pk)
    context = {
        "source": found,
        "items": selectors.items_of(found),
        "signed": selectors.signed_copy_of(found),
        "signed_form": SignedForm() if found.can_sign else None,
        "converter": conversion.converter() is not None,
        "converter_missing": conversion.converter_missing_message(),
        "can_set_up": can(request.user, found.unit, Action.MANAGE_UNITS),
        "nav": "review" if source == "danh-sach" else "dispatches",
    }
    return render(request, "documents/source.html", context)


def word(request, source: str, pk: int, kind: str):
    found = selectors.source_for(request, source, pk)
    try:
        draft = selectors.draft_of(found, kind)
        return _attachment(draft.render(), DOCX_TYPE, f"{draft.filename}.docx")
    except ApplicationError as exc:
        return _refused(request, exc, source, pk)


@require_http_methods(["GET", "POST"])
def pdf(request, source: str, pk: int, kind: str):
    """GET: the PDF's state (a fragment the page polls); POST: ask the worker for it."""
    found = selectors.source_for(request, source, pk)
    try:
        draft = selectors.draft_of(found, kind)
        if request.method == "POST":
            job = conversion.conversion_request(actor=request.user, draft=draft)
        else:
            job = selectors.Conversion.objects.filter(key=draft.version).first()
    except ApplicationError as exc:
        if request.headers.get("HX-Request"):
            return render(request, "documents/_pdf.html", {"error": exc.message})
        return _refused(request, exc, source, pk)
    if not request.headers.get("HX-Request"):
        return redirect(_hub_url(source, pk))
    context = {"job": job, "source": found, "kind": kind, "converter": True}
    return render(request, "documents/_pdf.html", context)


def pdf_file(request, source: str, pk: int, kind: str):
    found = selectors.source_for(request, source, pk)
    try:
        draft = selectors.draft_of(found, kind)
    except ApplicationError as exc:
        return _refused(request, exc, source, pk)
    job = selectors.Conversion.objects.filter(key=draft.version).first()
    if job is None or job.status != ConversionStatus.DONE:
        return redirect(_hub_url(source, pk))
    return FileResponse(
        job.pdf.open("rb"),
        as_attachment=True,
        filename=f"{draft.filename}.pdf",
        content_type="application/pdf",
    )


@require_POST
def signed_upload(request, source: str, pk: int):
    found = selectors.source_for(request, source, pk)
    if not found.can_sign:
        raise Http404
    form = SignedForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(_hub_url(source, pk))
    upload = (
        signed.signed_upload_for_batch
        if source == "danh-sach"
        else (signed.signed_upload_for_relay)
    )
    target = {"batch": found.obj} if source == "danh-sach" else {"dispatch": found.obj}
    try:
        copy = upload(
            actor=request.user,
            number=form.cleaned_data["number"],
            document_date=form.cleaned_data["date"],
            upload=form.cleaned_data["file"],
            **target,
        )
    except ApplicationError as exc:
        return _refused(request, exc, source, pk)
    messages.success(
        request,
        _("The signed copy is kept and registered as %(number)s.") % {"number": copy.number},
    )
    return redirect(_hub_url(source, pk))


def signed_file(request, pk: int):
    copy = get_object_or_404(SignedCopy.objects.select_related("unit"), pk=pk)
    require(request, copy.unit, Action.VIEW)
    extension = {"application/pdf": ".pdf", "image/jpeg": ".jpg"}.get(copy.content_type, ".png")
    return FileResponse(
        copy.file.open("rb"),
        as_attachment=True,
        filename=f"ban-da-ky-{copy.pk}{extension}",
        content_type=copy.content_type,
    )


def period_xlsx(request, period_pk: int):
    period = get_object_or_404(Period.objects.select_related("programme__owner"), pk=period_pk)
    require(request, period.programme.owner, Action.REVIEW_NOMINATIONS)
    return _attachment(
        workbooks.period_workbook(period=period), workbooks.CONTENT_TYPE, workbooks.filename(period)
    )
