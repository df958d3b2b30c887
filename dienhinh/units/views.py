"""Unit pages: the tree browser, a unit's page, and the restructuring forms.

Every view resolves the unit and asks `accounts.scope` before doing anything.
"""

import datetime as dt

from django.contrib import messages
from django.db.models import Case, F, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dienhinh.accounts.scope import (
    Action,
    can,
    require,
    require_create_under,
    scope_roots,
    units_for,
)
from dienhinh.accounts.selectors import unit_members
from dienhinh.audit.selectors import events_for_unit
from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.common.forms import add_application_error

from . import forms, restructure, selectors, services
from .models import Unit

SEARCH_LIMIT = 50


def _unit(request, pk: int, action: Action = Action.VIEW) -> Unit:
    unit = get_object_or_404(Unit, pk=pk)
    require(request, unit, action)
    return unit


def _day(request):
    form = forms.TreeFilterForm(request.GET)
    day = form.cleaned_data.get("ngay") if form.is_valid() else None
    return form, day or today()


def tree(request):
    form, day = _day(request)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    within = units_for(request.user)
    results = (
        selectors.units_search(query=query, within=within, limit=SEARCH_LIMIT) if query else None
    )
    nodes = []
    for root in scope_roots(request.user):
        version = selectors.unit_version_on(unit=root, on=day)
        if version is not None:
            nodes.append({"unit": root, "name": version.name})
    ended_roots = [
        (root, root.valid_to - dt.timedelta(days=1))
        for root in scope_roots(request.user)
        if root.valid_to and root.valid_to <= day
    ]
    context = {
        "form": form,
        "day": day,
        "ended_roots": ended_roots,
        "is_today": day == today(),
        "query": query,
        "results": results,
        "search_limit": SEARCH_LIMIT,
        "nodes": nodes,
        "nav": "units",
    }
    return render(request, "units/tree.html", context)


def children(request, pk: int):
    """The sub-units of one node, as the tree stood on the chosen day (loaded by htmx)."""
    unit = _unit(request, pk)
    _form, day = _day(request)
    versions = [
        v
        for v in selectors.unit_children_on(unit=unit, on=day)
        if can(request.user, v.unit, Action.VIEW)
    ]
    return render(request, "units/_children.html", {"versions": versions, "day": day})


def detail(request, pk: int):
    unit = _unit(request, pk)
    user = request.user
    context = {
        "unit": unit,
        "nav": "units",
        "ancestors": [(a, can(user, a, Action.VIEW)) for a in selectors.unit_ancestors(unit=unit)],
        "versions": selectors.unit_versions(unit=unit),
        # Linked only where the user may follow: a reporter of an ended ward sees the name
        # of the ward that continues it without being sent to a page that refuses them.
        "predecessors": [
            (link, can(user, link.predecessor, Action.VIEW))
            for link in selectors.unit_predecessors(unit=unit)
        ],
        "successors": [
            (link, can(user, link.successor, Action.VIEW))
            for link in selectors.unit_successors(unit=unit)
        ],
        "children": [
            c
            for c in unit.children.order_by(F("valid_to").asc(nulls_first=True), "name")
            if can(user, c, Action.VIEW)
        ],
        "members": unit_members(unit=unit) if can(user, unit, Action.VIEW_MEMBERS) else None,
        "events": events_for_unit(unit=unit)[:10] if can(user, unit, Action.READ_AUDIT) else None,
        "can_manage": can(user, unit, Action.MANAGE_UNITS),
        "can_manage_members": can(user, unit, Action.MANAGE_MEMBERS),
    }
    return render(request, "units/detail.html", context)


def _manageable(request):
    return units_for(request.user, Action.MANAGE_UNITS).order_by("path")


def _run(request, form, unit: Unit, title: str, perform, success: str):
    """Shared body of the restructuring forms: validate, call one service, report."""
    if request.method == "POST" and form.is_valid():
        try:
            result = perform(form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, success)
            return redirect("units:detail", pk=(result or unit).pk)
    context = {"unit": unit, "form": form, "title": title, "nav": "units"}
    return render(request, "units/restructure_form.html", context)


@require_http_methods(["GET", "POST"])
def create_child(request, pk: int):
    parent = _unit(request, pk, Action.MANAGE_UNITS)
    form = forms.UnitCreateForm(request.POST or None)

    def perform(data):
        spec = services.NewUnit(
            name=data["name"],
            kind=data["kind"],
            parent=parent,
            short_name=data["short_name"],
            abbreviation=data["abbreviation"],
            code=data["code"],
            emails=data["emails"],
        )
        return services.unit_create(
            actor=request.user,
            spec=spec,
            valid_from=data["on"],
            legal_basis=data["legal_basis"],
            note=data["note"],
        )

    title = _("New sub-unit of %(unit)s") % {"unit": parent.name}
    return _run(request, form, parent, title, perform, _("The unit was created."))


@require_http_methods(["GET", "POST"])
def edit_details(request, pk: int):
    unit = _unit(request, pk, Action.MANAGE_UNITS)
    initial = {
        "name": unit.name,
        "short_name": unit.short_name,
        "abbreviation": unit.abbreviation,
        "kind": unit.kind,
        "code": unit.code,
        "emails": ", ".join(unit.emails),
        "revision": unit.revision,
    }
    form = forms.UnitDetailsForm(request.POST or None, initial=initial, known_emails=unit.emails)

    def perform(data):
        return services.unit_update_details(
            actor=request.user,
            unit=unit,
            revision=data["revision"],
            code=data["code"],
            emails=data["emails"],
            kind=data["kind"],
            name=data["name"],
            short_name=data["short_name"],
            abbreviation=data["abbreviation"],
        )

    title = _("Correct the details of %(unit)s") % {"unit": unit.name}
    return _run(request, form, unit, title, perform, _("The changes were saved."))


@require_http_methods(["GET", "POST"])
def rename(request, pk: int):
    unit = _unit(request, pk, Action.MANAGE_UNITS)
    initial = {"name": unit.name, "short_name": unit.short_name, "abbreviation": unit.abbreviation}
    form = forms.RenameForm(request.POST or None, initial=initial)

    def perform(data):
        return restructure.unit_rename(
            actor=request.user,
            unit=unit,
            on=data["on"],
            name=data["name"],
            short_name=data["short_name"],
            abbreviation=data["abbreviation"],
            legal_basis=data["legal_basis"],
            note=data["note"],
        )

    title = _("Rename %(unit)s") % {"unit": unit.name}
    return _run(request, form, unit, title, perform, _("The unit was renamed."))


@require_http_methods(["GET", "POST"])
def move(request, pk: int):
    unit = _unit(request, pk, Action.MANAGE_UNITS)
    form = forms.MoveForm(request.POST or None)
    form.fields["new_parent"].queryset = _manageable(request).filter(valid_to__isnull=True)

    def perform(data):
        return restructure.unit_move(
            actor=request.user,
            unit=unit,
            on=data["on"],
            new_parent=data["new_parent"],
            legal_basis=data["legal_basis"],
            note=data["note"],
        )

    title = _("Move %(unit)s") % {"unit": unit.name}
    return _run(request, form, unit, title, perform, _("The unit was moved."))


@require_http_methods(["GET", "POST"])
def dissolve(request, pk: int):
    unit = _unit(request, pk, Action.MANAGE_UNITS)
    form = forms.DissolveForm(request.POST or None)
    form.fields["successor"].queryset = _manageable(request).filter(valid_to__isnull=True)

    def perform(data):
        restructure.unit_dissolve(
            actor=request.user,
            unit=unit,
            on=data["on"],
            successor=data["successor"],
            cascade=data["cascade"],
            legal_basis=data["legal_basis"],
            note=data["note"],
        )

    title = _("Dissolve %(unit)s") % {"unit": unit.name}
    return _run(request, form, unit, title, perform, _("The unit was dissolved."))


@require_http_methods(["GET", "POST"])
def merge(request, pk: int):
    unit = _unit(request, pk, Action.MANAGE_UNITS)
    form = forms.MergeForm(request.POST or None, initial={"new_kind": unit.kind})
    living = _manageable(request).filter(valid_to__isnull=True)
    # Merges join units of one level: offer the siblings as tick boxes, not the whole tree.
    siblings = living.filter(parent=unit.parent).exclude(pk=unit.pk)
    form.fields["others"].queryset = siblings.order_by(
        Case(When(kind=unit.kind, then=0), default=1), "name"
    )
    form.fields["into"].queryset = living.exclude(pk=unit.pk)
    form.fields["new_parent"].queryset = living.exclude(pk=unit.pk)

    def perform(data):
        new_unit = None
        if data["new_name"]:
            parent = data["new_parent"] or unit.parent
            require_create_under(request.user, parent, field="new_parent")
            new_unit = services.NewUnit(
                name=data["new_name"],
                kind=data["new_kind"],
                parent=parent,
                code=data["new_code"],
            )
        return restructure.units_merge(
            actor=request.user,
            sources=[unit, *data["others"]],
            on=data["on"],
            into=data["into"],
            new_unit=new_unit,
            legal_basis=data["legal_basis"],
            note=data["note"],
        )

    title = _("Merge %(unit)s") % {"unit": unit.name}
    return _run(request, form, unit, title, perform, _("The units were merged."))


@require_http_methods(["GET", "POST"])
def split(request, pk: int):
    unit = _unit(request, pk, Action.MANAGE_UNITS)
    form = forms.SplitForm(request.POST or None, initial={"kind": unit.kind})
    form.fields["parent"].queryset = _manageable(request).filter(valid_to__isnull=True)

    def perform(data):
        parent = data["parent"] or unit.parent
        require_create_under(request.user, parent, field="parent")
        parts = [
            services.NewUnit(name=name, kind=data["kind"], parent=parent)
            for name in form.part_names()
        ]
        restructure.unit_split(
            actor=request.user,
            source=unit,
            on=data["on"],
            into=parts,
            keep_source=data["keep_source"],
            legal_basis=data["legal_basis"],
            note=data["note"],
        )

    title = _("Split %(unit)s") % {"unit": unit.name}
    return _run(request, form, unit, title, perform, _("The unit was split."))
