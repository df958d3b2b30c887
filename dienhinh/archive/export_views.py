"""The 11 June page: a board's collection of the year, its builds with their progress,
and the download of a built archive through an expiring, personal link."""

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dienhinh.accounts.scope import Action, deny, require, scope_roots
from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.units.models import Unit

from . import exports, links, selectors, services
from .models import ArchiveExport, Collection, ExportKind, ExportStatus
from .serving import ranged_response

MIME = {
    "zip": "application/zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _board(request) -> Unit | None:
    asked = request.GET.get("cap") or request.POST.get("cap")
    if asked and asked.isdigit():
        unit = get_object_or_404(Unit, pk=int(asked))
        require(request, unit, Action.SELECT_FOR_MEDIA)
        return unit
    roots = scope_roots(request.user, Action.SELECT_FOR_MEDIA)
    if not roots:
        deny(request, Action.SELECT_FOR_MEDIA)
    return roots[0]


def _year(request, unit: Unit) -> int:
    """The anniversary year asked for, else the one of the newest material that reached
    the unit (the current one when nothing has)."""
    asked = request.GET.get("nam") or request.POST.get("nam") or ""
    if asked.isdigit():
        return int(asked)
    newest = selectors.received_by(unit).order_by("-taken_on").values_list("taken_on", flat=True)
    return services.anniversary_year(newest.first() or today())


def collection_page(request):
    unit = _board(request)
    year = _year(request, unit)
    collection = services.collection_for(unit=unit, year=year)
    materials, examples = exports.collection_contents(collection)
    start, end = services.anniversary_range(year)
    context = {
        "unit": unit,
        "year": year,
        "years": range(today().year + 1, today().year - 5, -1),
        "start": start,
        "end": end,
        "materials": materials,
        "examples": examples,
        "builds": collection.exports.exclude(status=ExportStatus.EXPIRED)[:6],
        "kinds": ExportKind.choices,
        "nav": "album",
    }
    return render(request, "archive/collection.html", context)


@require_POST
def build(request):
    unit = _board(request)
    year = _year(request, unit)
    kind = request.POST.get("kind", ExportKind.ZIP)
    if kind not in ExportKind.values:
        kind = ExportKind.ZIP
    collection = services.collection_for(unit=unit, year=year)
    try:
        export = exports.export_request(actor=request.user, collection=collection, kind=kind)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('archive:collection')}?cap={unit.pk}&nam={year}")
    return redirect("archive:export", pk=export.pk)


def _export(request, pk: int) -> ArchiveExport:
    export = get_object_or_404(ArchiveExport.objects.select_related("collection__unit"), pk=pk)
    require(request, export.collection.unit, Action.SELECT_FOR_MEDIA)
    return export


def export_page(request, pk: int):
    export = _export(request, pk)
    template = (
        "archive/_progress.html" if request.headers.get("HX-Request") else "archive/export.html"
    )
    context = {"export": export, "nav": "album"}
    if export.status == ExportStatus.READY:
        token = links.download_token(export=export, user=request.user)
        context["link"] = reverse("archive:download", args=[token])
    return render(request, template, context)


def download(request, token: str):
    try:
        export = links.export_for_token(token=token, user=request.user)
    except ApplicationError as exc:
        return HttpResponse(exc.message, status=exc.extra["status"], content_type="text/plain")
    require(request, export.collection.unit, Action.SELECT_FOR_MEDIA)
    if not request.headers.get("Range"):
        audit_record(
            actor=request.user,
            action=AuditAction.ARCHIVE_DOWNLOAD,
            obj=export,
            unit=export.collection.unit,
        )
    extension = export.file.name.rsplit(".", 1)[-1]
    response = ranged_response(
        request,
        storage=default_storage,
        name=export.file.name,
        size=export.size,
        content_type=MIME.get(extension, "application/octet-stream"),
        filename=f"{_filename(export.collection)}.{extension}",
        etag=export.sha256,
        as_attachment=True,
    )
    response["Repr-Digest"] = f"sha-256=:{_b64(export.sha256)}:"
    return response


def _filename(collection: Collection) -> str:
    return f"11-6-{collection.year} {collection.unit.name}"


def _b64(hexdigest: str) -> str:
    import base64

    return base64.b64encode(bytes.fromhex(hexdigest)).decode()
