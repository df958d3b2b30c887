"""Awards already received (section III of the achievement report), from the
nomination's page, and late exceptions granted by the receiving level."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dienhinh.accounts.scope import Action, require
from dienhinh.common.dates import vn_date
from dienhinh.common.errors import ApplicationError
from dienhinh.common.forms import errors_text
from dienhinh.cycles.models import Period
from dienhinh.units.models import Unit

from . import awards, workflow
from .forms import AwardForm, LateExceptionForm
from .models import Award
from .views import _nomination


@require_POST
def award_create(request, pk: int):
    nomination = _nomination(request, pk)
    require(request, nomination.unit, Action.ENTER_NOMINATIONS)
    form = AwardForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("nominations:detail", pk=nomination.pk)
    try:
        awards.award_add(actor=request.user, nomination=nomination, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The award was added."))
    return redirect("nominations:detail", pk=nomination.pk)


@require_POST
def award_delete(request, pk: int):
    award = get_object_or_404(Award.objects.select_related("nomination__unit"), pk=pk)
    require(request, award.nomination.unit, Action.ENTER_NOMINATIONS)
    try:
        awards.award_remove(actor=request.user, award=award)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("nominations:detail", pk=award.nomination_id)


@require_POST
def late_exception(request, period_pk: int, unit_pk: int):
    period = get_object_or_404(Period.objects.select_related("programme__owner"), pk=period_pk)
    require(request, period.programme.owner, Action.REVIEW_NOMINATIONS)
    unit = get_object_or_404(Unit, pk=unit_pk)
    form = LateExceptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_text(form))
    else:
        try:
            workflow.late_exception_grant(
                actor=request.user, period=period, unit=unit, **form.cleaned_data
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("%(unit)s may send until %(day)s.")
                % {"unit": unit.name, "day": vn_date(form.cleaned_data["until"])},
            )
    return redirect("nominations:compile", period_pk=period.pk)
