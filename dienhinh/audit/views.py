from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from dienhinh.accounts.scope import Action, deny, require, units_for
from dienhinh.units.models import Unit

from .actions import AuditAction
from .selectors import events_within


def events(request):
    """The audit log of the user's scope: administrators their subtree, leaders their unit."""
    scope = units_for(request.user, Action.READ_AUDIT)
    if not scope.exists():
        deny(request, Action.READ_AUDIT)
    unit = None
    everything = request.user.is_superuser
    if request.GET.get("don_vi", "").isdigit():
        unit = get_object_or_404(Unit, pk=int(request.GET["don_vi"]))
        require(request, unit, Action.READ_AUDIT)
        scope, everything = Unit.objects.filter(pk=unit.pk), False
    rows = events_within(units=scope, everything=everything)
    action = request.GET.get("hanh_dong", "").strip()
    if action:
        rows = rows.filter(action=action)
    page = Paginator(rows, 50).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "unit": unit,
        "action": action,
        "action_choices": AuditAction.choices,
        "nav": "audit",
    }
    return render(request, "audit/events.html", context)
