"""The monthly media report of a board, on the page (with its chart) and as XLSX."""

import re

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from dienhinh.accounts.scope import Action, deny, require, scope_roots
from dienhinh.common.dates import today
from dienhinh.common.text import fold
from dienhinh.units.models import Unit

from . import report
from .portal import recent_months
from .selectors import LEVELS_SHORT

MONTH = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")


def _unit_and_month(request):
    roots = scope_roots(request.user, Action.MEDIA_REPORT)
    if not roots:
        deny(request, Action.MEDIA_REPORT)
    pk = request.GET.get("don_vi", "")
    unit = get_object_or_404(Unit, pk=int(pk)) if pk.isdigit() else roots[0]
    require(request, unit, Action.MEDIA_REPORT)
    key = request.GET.get("thang", "")
    return unit, key if MONTH.match(key) else today().strftime("%Y-%m")


def media_report(request):
    unit, key = _unit_and_month(request)
    start, end = report.month_span(key)
    outlets = report.outlet_rows(unit=unit, start=start, end=end)
    active = [row for row in outlets if row.proposed or row.published or row.withdrawn]
    months = recent_months(today=today(), count=36)
    context = {
        "unit": unit,
        "key": key,
        "months": months if key in months else [*months, key],
        "outlets": active,
        "idle": len(outlets) - len(active),
        "units": report.unit_rows(unit=unit, start=start, end=end),
        "levels": list(LEVELS_SHORT.values()),
        "chart": report.chart(active),
        "nav": "publishing",
    }
    return render(request, "publishing/report.html", context)


def media_report_xlsx(request):
    unit, key = _unit_and_month(request)
    start, end = report.month_span(key)
    data = report.workbook(
        unit=unit,
        key=key,
        outlets=report.outlet_rows(unit=unit, start=start, end=end),
        units=report.unit_rows(unit=unit, start=start, end=end),
    )
    response = HttpResponse(data, content_type=report.XLSX_TYPE)
    name = f"truyen-thong-{key}-{slugify(fold(unit.name))[:80]}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
