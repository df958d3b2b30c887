"""A unit's outlets: the list, adding one and correcting one (leaders, board officers and
administrators of the unit)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dienhinh.accounts.scope import Action, can, require
from dienhinh.common.errors import ApplicationError
from dienhinh.common.forms import add_application_error
from dienhinh.units.models import Unit

from .forms import OutletForm
from .models import Outlet
from .outlets import outlet_create, outlet_update


@require_http_methods(["GET", "POST"])
def outlets(request, unit_pk: int):
    unit = get_object_or_404(Unit, pk=unit_pk)
    require(request, unit, Action.VIEW)
    form = OutletForm(request.POST or None)
    if request.method == "POST":
        require(request, unit, Action.MANAGE_OUTLETS)
        if form.is_valid():
            try:
                outlet_create(actor=request.user, unit=unit, spec=form.spec())
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("The outlet was added."))
                return redirect("publishing:outlets", unit_pk=unit.pk)
    context = {
        "unit": unit,
        "outlets": Outlet.objects.filter(unit=unit).order_by("-is_active", "kind", "name"),
        "form": form,
        "can_manage": can(request.user, unit, Action.MANAGE_OUTLETS),
        "nav": "publishing",
    }
    return render(request, "publishing/outlets.html", context)


@require_http_methods(["GET", "POST"])
def outlet_edit(request, pk: int):
    outlet = get_object_or_404(Outlet.objects.select_related("unit"), pk=pk)
    require(request, outlet.unit, Action.MANAGE_OUTLETS)
    initial = {
        "kind": outlet.kind,
        "name": outlet.name,
        "address": outlet.address,
        "contact_email": outlet.contact_email,
        "channel": outlet.consent_channel,
        "is_active": outlet.is_active,
        "revision": outlet.revision,
    }
    form = OutletForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            revision = form.cleaned_data["revision"]
            outlet_update(actor=request.user, outlet=outlet, revision=revision, spec=form.spec())
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("publishing:outlets", unit_pk=outlet.unit_id)
    context = {"unit": outlet.unit, "outlet": outlet, "form": form, "nav": "publishing"}
    return render(request, "publishing/outlet_form.html", context)
