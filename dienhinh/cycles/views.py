"""Programme pages and the holiday list. Every view asks accounts.scope first."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dienhinh.accounts.scope import Action, can, deny, require, units_for
from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.units.models import Unit

from . import rules, selectors, services
from .forms import HolidayForm, ProgrammeForm
from .models import Holiday, Programme


def programme_list(request):
    programmes = selectors.programmes_for(request.user).order_by("-is_active", "title")
    rows = [
        {
            "programme": p,
            "unit_rule": rules.describe_unit_rule(p),
            "forward_rule": rules.describe_forward_rule(p),
            "current": selectors.period_current(programme=p, on=today()),
        }
        for p in programmes
    ]
    can_create = units_for(request.user, Action.MANAGE_PROGRAMMES).exists()
    context = {"rows": rows, "can_create": can_create, "nav": "programmes"}
    return render(request, "cycles/programme_list.html", context)


def _programme_form(request) -> ProgrammeForm:
    form = ProgrammeForm(request.POST or None, initial={"starts_on": today(), "quota": 1})
    owners = units_for(request.user, Action.MANAGE_PROGRAMMES).filter(valid_to__isnull=True)
    form.fields["owner"].queryset = owners.order_by("path")
    form.fields["parent"].queryset = selectors.programmes_relayable_for(request.user)
    return form


@require_http_methods(["GET", "POST"])
def programme_create(request):
    if not units_for(request.user, Action.MANAGE_PROGRAMMES).exists():
        deny(request, Action.MANAGE_PROGRAMMES)
    form = _programme_form(request)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        owner, spec = form.cleaned_data["owner"], form.spec()
        require(request, owner, Action.MANAGE_PROGRAMMES)
        try:
            services.programme_errors(owner=owner, spec=spec)
            warnings = services.programme_warnings(owner=owner, spec=spec)
            if not warnings or form.cleaned_data["confirm_warnings"]:
                programme = services.programme_create(actor=request.user, owner=owner, spec=spec)
                messages.success(request, _("The programme was created and its periods opened."))
                return redirect("cycles:programme_detail", pk=programme.pk)
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    context = {"form": form, "warnings": warnings, "nav": "programmes"}
    return render(request, "cycles/programme_form.html", context)


def programme_detail(request, pk: int):
    programme = get_object_or_404(Programme.objects.select_related("owner", "parent"), pk=pk)
    if not selectors.programmes_for(request.user).filter(pk=pk).exists():
        require(request, programme.owner, Action.VIEW)  # logs the refusal and raises 403
    current = selectors.period_current(programme=programme, on=today())
    context = {
        "programme": programme,
        "unit_rule": rules.describe_unit_rule(programme),
        "forward_rule": rules.describe_forward_rule(programme),
        "current": current,
        "expected": selectors.period_expected(period=current) if current else [],
        "periods": programme.periods.order_by("-starts_on"),
        "relays": programme.relays.select_related("owner"),
        "can_manage": can(request.user, programme.owner, Action.MANAGE_PROGRAMMES),
        "addable": selectors.units_addable(programme=programme, on=today()),
        "nav": "programmes",
    }
    return render(request, "cycles/programme_detail.html", context)


@require_POST
def programme_expected_edit(request, pk: int):
    """Add a unit to the units expected to report, or leave one out, from today on."""
    programme = get_object_or_404(Programme.objects.select_related("owner"), pk=pk)
    require(request, programme.owner, Action.MANAGE_PROGRAMMES)
    unit = get_object_or_404(Unit, pk=request.POST.get("don_vi") or 0)
    included = {"them": True, "bo": False}.get(request.POST.get("thao_tac", ""))
    try:
        services.programme_set_unit_choice(
            actor=request.user, programme=programme, unit=unit, included=included
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The units expected to report were updated."))
    return redirect("cycles:programme_detail", pk=programme.pk)


def holidays(request):
    try:
        year = int(request.GET.get("nam", today().year))
    except ValueError:
        year = today().year
    year = min(max(year, 1990), 2100)  # a typed year outside the calendar shows the nearest
    editable = selectors.can_edit_holidays(request.user)
    form = HolidayForm(request.POST or None)
    if request.method == "POST":
        if not editable:
            deny(request, "edit_holidays")
        if form.is_valid():
            try:
                services.holiday_add(actor=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The holiday was added."))
                return redirect(f"{request.path}?nam={form.cleaned_data['date'].year}")
    context = {
        "year": year,
        "holidays": selectors.holidays_in(year=year),
        "form": form,
        "editable": editable,
        "nav": "programmes",
    }
    return render(request, "cycles/holidays.html", context)


@require_POST
def holiday_remove(request, pk: int):
    if not selectors.can_edit_holidays(request.user):
        deny(request, "edit_holidays")
    holiday = get_object_or_404(Holiday, pk=pk)
    services.holiday_remove(actor=request.user, holiday=holiday)
    messages.success(request, _("The holiday was removed."))
    return redirect(f"{reverse('cycles:holidays')}?nam={holiday.date.year}")
