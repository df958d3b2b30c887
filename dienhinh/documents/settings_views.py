"""A unit's document settings and templates: the page of the unit's administrators
(Action.MANAGE_UNITS on the unit); everyone who sees the unit may read them."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dienhinh.accounts.scope import Action, can, require
from dienhinh.common.errors import ApplicationError
from dienhinh.common.forms import add_application_error, errors_text
from dienhinh.units.models import Unit

from . import engine, headers, selectors, services
from .forms import SettingsForm, TemplateForm
from .views import DOCX_TYPE


def _unit(request, pk: int, action: Action) -> Unit:
    unit = get_object_or_404(Unit, pk=pk)
    require(request, unit, action)
    return unit


def _initial(unit) -> dict:
    current = headers.settings_of(unit)
    fields = services.SettingsSpec.__dataclass_fields__
    initial = {name: getattr(current, name) for name in fields}
    initial["revision"] = current.revision if current.pk else None
    return initial


@require_http_methods(["GET", "POST"])
def settings_page(request, pk: int):
    unit = _unit(request, pk, Action.VIEW)
    manage = can(request.user, unit, Action.MANAGE_UNITS)
    form = SettingsForm(request.POST or None, initial=_initial(unit))
    if request.method == "POST":
        require(request, unit, Action.MANAGE_UNITS)
        if form.is_valid():
            try:
                services.settings_save(
                    actor=request.user,
                    unit=unit,
                    spec=form.spec(),
                    revision=form.cleaned_data["revision"],
                    accept_email=form.cleaned_data["accept_email"],
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("The document settings were saved."))
                return redirect("documents:settings", pk=unit.pk)
    context = {
        "unit": unit,
        "form": form,
        "can_manage": manage,
        "current": headers.settings_of(unit),
        "templates": selectors.templates_of(unit),
        "template_form": TemplateForm() if manage else None,
        "nav": "units",
    }
    return render(request, "documents/settings.html", context)


@require_POST
def template_upload(request, pk: int):
    unit = _unit(request, pk, Action.MANAGE_UNITS)
    form = TemplateForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("documents:settings", pk=unit.pk)
    kind, version = form.kind_version()
    upload = form.cleaned_data["file"]
    try:
        data = upload.read(engine.MAX_TEMPLATE_BYTES + 1)  # never more than the limit
        services.template_replace(
            actor=request.user, unit=unit, kind=kind, version=version, data=data, name=upload.name
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The template was replaced."))
    return redirect("documents:settings", pk=unit.pk)


@require_POST
def template_reset(request, pk: int):
    unit = _unit(request, pk, Action.MANAGE_UNITS)
    kind, _sep, version = request.POST.get("template", "").partition(":")
    try:
        services.template_reset(actor=request.user, unit=unit, kind=kind, version=version)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The default template is used again."))
    return redirect("documents:settings", pk=unit.pk)


def template_file(request, pk: int, name: str):
    """The template in use for this unit, to open in Word and adapt."""
    unit = _unit(request, pk, Action.VIEW)
    kind, _sep, version = name.partition("-")
    if name not in selectors.default_files():
        return redirect("documents:settings", pk=unit.pk)
    template = engine.template_for(unit=unit, kind=kind, version=version)
    response = HttpResponse(template.data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"mau-{name}.docx")
    return response
