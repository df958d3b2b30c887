"""The publishing desk of a unit: its outlets, its items by step, the stories it has in
hand to choose from, and what it proposed to the levels above. Choosing stories posts here."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dienhinh.accounts.scope import Action, deny, require
from dienhinh.common.errors import ApplicationError
from dienhinh.nominations.models import Nomination
from dienhinh.units.models import Unit

from . import selectors
from .forms import ChooseForm
from .models import Outlet
from .services import Choice, item_create


def desk(request):
    """The desk of the user's first publishing unit (or the one asked for)."""
    units = selectors.publishing_units(user=request.user)
    if not units:
        deny(request, Action.PUBLISH)
    unit = units[0]
    if request.GET.get("don_vi", "").isdigit():
        unit = get_object_or_404(Unit, pk=int(request.GET["don_vi"]))
        require(request, unit, Action.PUBLISH)
    context = selectors.desk_of(user=request.user, unit=unit) | {
        "unit": unit,
        "units": units,
        "nav": "publishing",
    }
    return render(request, "publishing/desk.html", context)


@require_POST
def choose(request):
    """Create an item for one outlet from the ticked stories (several make a round-up)."""
    form = ChooseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outlet and at least one story."))
        return redirect("publishing:desk")
    unit = get_object_or_404(Unit, pk=form.cleaned_data["unit"])
    require(request, unit, Action.PUBLISH)
    outlet_id = request.POST.get("kenh") or form.cleaned_data["outlet"]
    outlet = get_object_or_404(Outlet.objects.select_related("unit"), pk=outlet_id or 0)
    ids = [int(pk) for pk in request.POST.getlist("chon") if pk.isdigit()]
    chosen = list(Nomination.objects.filter(pk__in=ids))
    try:
        item = item_create(actor=request.user, choice=Choice(outlet, chosen, unit))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(safe_next(request) or f"{reverse('publishing:desk')}?don_vi={unit.pk}")
    messages.success(request, _("Chosen for %(outlet)s.") % {"outlet": outlet.name})
    return redirect("publishing:item", pk=item.pk)


def safe_next(request) -> str:
    """The page a small form was posted from, if it is one of ours."""
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if target and allowed else ""
