"""The live compliance dashboard: roll-up, units that sent nothing, a unit's timeliness,
and the XLSX export. Reads only, through dashboard.py; every view asks accounts.scope first.

Who sees what (the access matrix in accounts/tests/test_access_matrix.py checks it):
- the roll-up, the list of units that sent nothing and the export of a unit are for the
  people who compile what the units below send: compilers, board officers and
  administrators of the unit or of a unit above it (the roles holding REVIEW_NOMINATIONS,
  whose reach is the whole subtree). Reporters and unit leaders reach only their own unit,
  so a roll-up would show them units they may not see: for them the page opens their own
  unit's timeliness instead;
- a unit's timeliness over its last 12 periods is for everyone who may see the unit,
  its own reporters and leader included.
"""

import re

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from dienhinh.accounts.scope import Action, can, deny, require, scope_roots
from dienhinh.common.dates import today
from dienhinh.units.models import Unit
from dienhinh.units.selectors import unit_ancestors

from . import dashboard, export
from .models import ReportState

# The action that opens a unit's dashboard: held, with subtree reach, by the compiling roles.
DASHBOARD = Action.REVIEW_NOMINATIONS
KEY = re.compile(r"^[0-9A-Za-z-]{1,16}$")
MISSING_PER_PAGE = 200


def _root(request) -> Unit:
    """The unit asked for (403, logged, unless the user compiles for it), else the top unit
    the user compiles for."""
    raw = request.GET.get("don_vi", "")
    if not raw:
        roots = scope_roots(request.user, DASHBOARD)
        if not roots:
            deny(request, DASHBOARD)
        return roots[0]
    if not raw.isdigit():
        raise Http404
    unit = get_object_or_404(Unit, pk=int(raw))
    require(request, unit, Action.VIEW)
    require(request, unit, DASHBOARD)
    return unit


def _chain(request, root: Unit) -> tuple[list, int | None]:
    """The relay chains (programmes) under the root to pick from, and the one asked for
    (default: the root's main programme, the one expecting most of its units)."""
    chains = dashboard.chains_for(root=root)
    raw = request.GET.get("chuong_trinh", "")
    if not raw:
        return chains, (chains[0].pk if chains else None)
    if not raw.isdigit() or int(raw) not in {c.pk for c in chains}:
        raise Http404
    return chains, int(raw)


def _key(request, root: Unit, chain: int | None) -> tuple[list[str], str]:
    """The keys to pick from, and the one asked for (default: the latest)."""
    keys = dashboard.period_keys(root=root, chain=chain) if chain else []
    key = request.GET.get("ky") or (keys[0] if keys else "")
    if key and not KEY.match(key):
        raise Http404
    return keys, key


def _breadcrumb(request, root: Unit) -> list[Unit]:
    return [a for a in unit_ancestors(unit=root) if can(request.user, a, DASHBOARD)]


def _mark_overdue(rows) -> list:
    day = today()
    for row in rows:
        row.overdue = dashboard.is_overdue(row, today=day)
    return rows


def rollup(request):
    if not request.GET.get("don_vi") and not scope_roots(request.user, DASHBOARD):
        own = scope_roots(request.user, Action.VIEW)
        if own:  # a reporter or unit leader: their own unit's record
            return redirect("dashboard:unit", pk=own[0].pk)
    root = _root(request)
    chains, chain = _chain(request, root)
    keys, key = _key(request, root, chain)
    of = {"period_key": key, "chain": chain}
    rows = dashboard.rollup(root=root, **of) if key else []
    context = {
        "root": root,
        "key": key,
        "keys": keys,
        "chains": chains,
        "chain": chain,
        "rows": rows,
        "total": dashboard.rollup_total(rows, root=root),
        "units": _mark_overdue(dashboard.unit_rows(parent=root, **of)) if key else [],
        "breadcrumb": _breadcrumb(request, root),
        "other_roots": [r for r in scope_roots(request.user, DASHBOARD) if r.pk != root.pk],
        "nav": "dashboard",
    }
    return render(request, "cycles/dashboard.html", context)


def missing(request):
    root = _root(request)
    _chains, chain = _chain(request, root)
    _keys, key = _key(request, root, chain)
    if not key:
        raise Http404
    rows = dashboard.missing_units(root=root, period_key=key, chain=chain)
    page = Paginator(rows, MISSING_PER_PAGE)
    page = page.get_page(request.GET.get("trang"))
    context = {
        "root": root,
        "key": key,
        "chain": chain,
        "page": page,
        "rows": _mark_overdue(dashboard.with_parents(page.object_list)),
        "breadcrumb": [*_breadcrumb(request, root), root],
        "nav": "dashboard",
    }
    return render(request, "cycles/dashboard_missing.html", context)


def unit_record(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    require(request, unit, Action.VIEW)
    rows = _mark_overdue(dashboard.timeliness(unit=unit, last=12))
    context = {
        "unit": unit,
        "rows": rows,
        "counts": {state: sum(r.state == state for r in rows) for state in ReportState.values},
        "can_dashboard": can(request.user, unit, DASHBOARD),
        "breadcrumb": _breadcrumb(request, unit),
        "nav": "dashboard",
    }
    return render(request, "cycles/dashboard_unit.html", context)


def export_xlsx(request):
    root = _root(request)
    _chains, chain = _chain(request, root)
    _keys, key = _key(request, root, chain)
    if not key:
        raise Http404
    of = {"period_key": key, "chain": chain}
    rows = dashboard.rollup(root=root, **of)
    content = export.workbook(
        root=root,
        period_key=key,
        rows=rows,
        total=dashboard.rollup_total(rows, root=root),
        units=dashboard.unit_rows(parent=root, **of),
        missing=dashboard.with_parents(dashboard.missing_units(root=root, **of)),
    )
    response = HttpResponse(content, content_type=export.CONTENT_TYPE)
    filename = export.filename(root=root, period_key=key)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
