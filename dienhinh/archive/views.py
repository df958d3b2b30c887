"""Material pages: what a unit sent in a period, sending more, one item, its file.
Every view asks accounts.scope (through selectors.can_see) first; services do the work."""

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dienhinh.accounts.scope import Action, can, deny, require
from dienhinh.common.errors import ApplicationError
from dienhinh.common.forms import add_application_error, errors_text
from dienhinh.cycles.models import ExpectedUnit, Period
from dienhinh.units.models import Unit

from . import selectors, services
from .forms import ConsentForm, MaterialForm
from .models import Material, MaterialKind
from .serving import ranged_response


def _unit_period(request, period_pk: int, unit_pk: int, action: Action):
    unit = get_object_or_404(Unit, pk=unit_pk)
    require(request, unit, action)
    period = get_object_or_404(Period.objects.select_related("programme__owner"), pk=period_pk)
    if not ExpectedUnit.objects.filter(period=period, unit=unit).exists():
        raise Http404
    return unit, period


def _material(request, pk: int) -> Material:
    material = get_object_or_404(
        Material.objects.select_related("unit", "period__programme__owner", "movement"), pk=pk
    )
    if not selectors.can_see(request.user, material):
        deny(request, Action.VIEW, unit=material.unit)
    return material


def unit_period(request, period_pk: int, unit_pk: int):
    unit, period = _unit_period(request, period_pk, unit_pk, Action.VIEW)
    context = {
        "unit": unit,
        "period": period,
        "materials": selectors.material_of(unit=unit, period=period).select_related("movement"),
        "can_enter": can(request.user, unit, Action.ENTER_NOMINATIONS),
        "nav": "album",
    }
    return render(request, "archive/unit_period.html", context)


@require_http_methods(["GET", "POST"])
def material_send(request, period_pk: int, unit_pk: int):
    unit, period = _unit_period(request, period_pk, unit_pk, Action.ENTER_NOMINATIONS)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            material, notices = services.material_send(
                actor=request.user,
                unit=unit,
                period=period,
                upload=form.cleaned_data["file"],
                details=form.details(),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("“%(title)s” was sent.") % {"title": material.title})
            for notice in notices:
                messages.info(request, notice)
            return redirect("archive:unit_period", period_pk=period.pk, unit_pk=unit.pk)
    context = {"form": form, "unit": unit, "period": period, "nav": "album"}
    return render(request, "archive/send.html", context)


def material_detail(request, pk: int):
    material = _material(request, pk)
    # Other copies of the same picture: only those the user may see (a copy sent in another
    # district names a unit and a title the user has no business reading).
    copies = material.copies.select_related("unit", "period__programme__owner").filter(
        status="sent"
    )
    first = material.same_as
    context = {
        "material": material,
        "copies": [c for c in copies if selectors.can_see(request.user, c)],
        "first_copy": first if first and selectors.can_see(request.user, first) else None,
        "can_enter": can(request.user, material.unit, Action.ENTER_NOMINATIONS),
        "consent_form": ConsentForm(),
        "nav": "album",
    }
    return render(request, "archive/detail.html", context)


def material_file(request, pk: int, preview: bool = False):
    """Files hold personal data: served only through the scope check, never as public
    media URLs; with byte ranges, so a video can be scrubbed through on a phone."""
    material = _material(request, pk)
    if preview and not material.preview:
        raise Http404
    stored = material.preview if preview else material.file
    return ranged_response(
        request,
        storage=default_storage,
        name=stored.name,
        size=stored.size if preview else material.size,
        content_type="image/jpeg" if preview else material.content_type,
        filename=material.original_name,
        etag=f"m{material.pk}{'p' if preview else ''}",
        as_attachment=material.kind == MaterialKind.DOCUMENT and not preview,
    )


@require_POST
def material_withdraw(request, pk: int):
    material = _material(request, pk)
    require(request, material.unit, Action.ENTER_NOMINATIONS)
    try:
        services.material_withdraw(
            actor=request.user, material=material, revision=_revision(request)
        )
        messages.success(request, _("The material was withdrawn."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("archive:unit_period", period_pk=material.period_id, unit_pk=material.unit_id)


@require_POST
def material_consent(request, pk: int):
    material = _material(request, pk)
    require(request, material.unit, Action.ENTER_NOMINATIONS)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("archive:detail", pk=material.pk)
    try:
        services.material_consent_record(
            actor=request.user,
            material=material,
            revision=_revision(request),
            given_by=form.cleaned_data["given_by"],
            given_on=form.cleaned_data["given_on"],
            uses=form.cleaned_data["uses"],
        )
        messages.success(request, _("The consent was recorded."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("archive:detail", pk=material.pk)


def _revision(request) -> int | None:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return None
