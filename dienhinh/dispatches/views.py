"""The dispatch registry pages. Every view asks accounts.scope first."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dienhinh.accounts.scope import Action, can, deny, require, units_for
from dienhinh.common.downloads import file_response, stored_text_kind
from dienhinh.common.errors import ApplicationError
from dienhinh.common.forms import add_application_error, errors_text
from dienhinh.units.models import Unit

from . import cascade, highlight, relay, selectors, services, uploads
from .forms import RelayForm, ReviewForm, TextForm, UploadForm
from .models import Direction, Dispatch, Reading, Status
from .proposal import describe_rule, rule_from_parsed


def _visible(request, pk: int) -> Dispatch:
    dispatch = get_object_or_404(Dispatch.objects.select_related("unit", "programme"), pk=pk)
    if not selectors.dispatches_for(request.user).filter(pk=pk).exists():
        deny(request, Action.VIEW, unit=dispatch.unit)
    return dispatch


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def registry(request):
    units = units_for(request.user, Action.VIEW).filter(valid_to__isnull=True).order_by("path")
    unit = units.filter(pk=_int(request.GET.get("unit"))).first()
    direction = request.GET.get("direction", "")
    if direction not in Direction.values:
        direction = ""
    query = request.GET.get("q", "").strip()
    subject = request.GET.get("subject", "").strip()
    year = _int(request.GET.get("year"))
    found = selectors.registry(
        user=request.user, query=query, unit=unit, year=year, direction=direction, subject=subject
    )
    context = {
        "dispatches": found[:200],
        "count": found.count(),
        "units": units[:500],
        "years": selectors.years_for(request.user),
        "filters": {
            "q": query,
            "unit": unit,
            "year": year,
            "direction": direction,
            "subject": subject,
        },
        "can_upload": units_for(request.user, Action.MANAGE_DISPATCHES).exists(),
        "nav": "dispatches",
    }
    return render(request, "dispatches/registry.html", context)


@require_http_methods(["GET", "POST"])
def upload(request):
    units = units_for(request.user, Action.MANAGE_DISPATCHES).filter(valid_to__isnull=True)
    if not units.exists():
        deny(request, Action.MANAGE_DISPATCHES)
    form = UploadForm(
        request.POST or None, request.FILES or None, initial={"direction": "incoming"}
    )
    form.fields["unit"].queryset = units.order_by("path")
    if units.count() == 1:
        form.fields["unit"].initial = units.first()
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        require(request, unit, Action.MANAGE_DISPATCHES)
        try:
            # The file object, not its bytes: the service checks the size it declares first.
            dispatch = services.dispatch_upload(
                actor=request.user,
                unit=unit,
                direction=form.cleaned_data["direction"],
                upload=form.cleaned_data["file"],
                pasted=form.cleaned_data["pasted"],
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if dispatch.reading == Reading.DONE:
                messages.success(request, _("Read. Check what was found, correct it and register."))
            return redirect("dispatches:review", pk=dispatch.pk)
    context = {"form": form, "limit_mb": services.upload_limit_mb(), "nav": "dispatches"}
    return render(request, "dispatches/upload.html", context)


def _parsed_context(dispatch: Dispatch) -> dict:
    parsed = dispatch.parsed or {}
    return {
        "segments": highlight.segments(dispatch.text, parsed.get("spans") or {}),
        "legend": highlight.legend(parsed.get("spans") or {}),
        "parsed": parsed,
        "suspect_emails": [e for e in parsed.get("emails", []) if e.get("suspect")],
        "deadline_words": [
            (d, describe_rule(rule_from_parsed(d)))
            for d in parsed.get("deadlines", [])
            if d.get("day")
        ],
    }


def detail(request, pk: int):
    dispatch = _visible(request, pk)
    if dispatch.status == Status.DRAFT:
        return redirect("dispatches:review", pk=pk)
    manage = can(request.user, dispatch.unit, Action.MANAGE_DISPATCHES)
    context = {
        "dispatch": dispatch,
        "references": dispatch.references.select_related("cited"),
        "relays": dispatch.relays.select_related("unit", "programme"),
        "addressees": dispatch.addressee_units.order_by("path"),
        "can_manage": manage,
        # One "put in motion" action, with a picker when the user may act as several units.
        "senders": relay.relay_senders(user=request.user, dispatch=dispatch),
        "nav": "dispatches",
        **_parsed_context(dispatch),
    }
    return render(request, "dispatches/detail.html", context)


@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    dispatch = _visible(request, pk)
    require(request, dispatch.unit, Action.MANAGE_DISPATCHES)
    if dispatch.reading != Reading.DONE:
        context = {"dispatch": dispatch, "nav": "dispatches"}
        return render(request, "dispatches/reading.html", context)
    initial = ReviewForm.initial_from(_current_fields(dispatch), dispatch.revision)
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.dispatch_register(
                actor=request.user,
                dispatch=dispatch,
                fields=form.fields_value(),
                revision=form.cleaned_data["revision"],
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The dispatch is registered."))
            return redirect("dispatches:detail", pk=pk)
    context = {
        "dispatch": dispatch,
        "form": form,
        "text_form": _text_form(dispatch),
        "nav": "dispatches",
        **_parsed_context(dispatch),
    }
    return render(request, "dispatches/review.html", context)


def _text_form(dispatch: Dispatch, data=None) -> TextForm | None:
    """The recognised text to correct, for a draft read from a scan or a photo."""
    if dispatch.status != Status.DRAFT or not dispatch.ocr_pages:
        return None
    return TextForm(data, initial={"text": dispatch.text, "revision": dispatch.revision})


def reading_status(request, pk: int):
    """The reading's progress, polled by the draft's page; reloads the page when done."""
    dispatch = _visible(request, pk)
    require(request, dispatch.unit, Action.MANAGE_DISPATCHES)
    response = render(request, "dispatches/_reading_status.html", {"dispatch": dispatch})
    if dispatch.reading in (Reading.DONE, Reading.FAILED):
        response["HX-Refresh"] = "true"
    return response


def page_image(request, pk: int, number: int):
    dispatch = _visible(request, pk)
    if not 1 <= number <= len(dispatch.page_images):
        raise Http404
    name = dispatch.page_images[number - 1]
    return FileResponse(dispatch.file.storage.open(name, "rb"), content_type="image/jpeg")


@require_POST
def correct_text(request, pk: int):
    dispatch = _visible(request, pk)
    require(request, dispatch.unit, Action.MANAGE_DISPATCHES)
    form = _text_form(dispatch, request.POST)
    if form is None or not form.is_valid():
        messages.error(request, errors_text(form) if form else _("There is no text to correct."))
        return redirect("dispatches:review", pk=pk)
    try:
        uploads.dispatch_correct_text(actor=request.user, dispatch=dispatch, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The corrected text was read again: check the fields."))
    return redirect("dispatches:review", pk=pk)


def _current_fields(dispatch: Dispatch) -> services.DispatchFields:
    return services.DispatchFields(
        number=dispatch.number,
        document_date=dispatch.document_date,
        issuer_name=dispatch.issuer_name,
        subject=dispatch.subject,
        recipients=dispatch.recipients,
        distribution=dispatch.distribution,
        signer_name=dispatch.signer_name,
        signer_title=dispatch.signer_title,
        references=[
            {"number": r.number, "date": r.date, "issuer": r.issuer}
            for r in dispatch.references.all()
        ]
        if dispatch.status == Status.REGISTERED
        else list((dispatch.parsed or {}).get("references") or []),
    )


@require_POST
def discard(request, pk: int):
    dispatch = _visible(request, pk)
    require(request, dispatch.unit, Action.MANAGE_DISPATCHES)
    try:
        services.dispatch_discard(actor=request.user, dispatch=dispatch)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("dispatches:detail", pk=pk)
    messages.success(request, _("The upload was discarded."))
    return redirect("dispatches:registry")


@require_http_methods(["GET", "POST"])
def programme(request, pk: int):
    """Put the dispatch in motion as one of the units allowed to (`?as=` picks it): propose
    the relay or the programme, show the deadline-cascade warnings, create it."""
    dispatch = _visible(request, pk)
    if dispatch.status != Status.REGISTERED:
        return redirect("dispatches:review", pk=pk)
    sender = _sender(request, dispatch)
    relaying = relay.is_relay(dispatch, sender)
    proposal = relay.proposal_for(dispatch=dispatch, sender=sender)
    form = RelayForm(request.POST or None, initial=proposal.initial, relaying=relaying)
    form.fields["addressees"].queryset = Unit.objects.filter(
        path__startswith=sender.path, valid_to__isnull=True
    ).exclude(pk=sender.pk)
    check = relay.Check()
    if request.method == "GET":
        form.initial["addressees"] = [m.unit.pk for m in proposal.matches]
        check = relay.cascade_check(spec=relay.initial_spec(proposal), proposal=proposal)
    elif form.is_valid():
        try:
            made = relay.dispatch_put_in_motion(
                actor=request.user, dispatch=dispatch, sender=sender, motion=form.motion()
            )
        except ApplicationError as exc:
            if exc.code != "needs_confirmation":
                add_application_error(form, exc)
            check = relay.Check(exc.extra.get("warnings", []), exc.extra.get("suggestion"))
        else:
            return _moved(request, dispatch, made, len(form.cleaned_data["addressees"]))
    context = _programme_context(dispatch, sender, form, proposal, check)
    return render(request, "dispatches/programme.html", context)


def _programme_context(dispatch, sender, form, proposal, check) -> dict:
    return {
        "dispatch": dispatch,
        "sender": sender,
        "relaying": relay.is_relay(dispatch, sender),
        "form": form,
        "proposal": proposal,
        "parent_rule": describe_rule(proposal.parent_rule) if proposal.parent_rule else "",
        "warnings": check.warnings,
        "suggestion": check.suggestion,
        "suggestion_text": cascade.describe_suggestion(check.suggestion)
        if check.suggestion
        else "",
        "minimum": cascade.min_compile_days(),
        "matched": {m.unit.pk: m.line for m in proposal.matches if m.line},
        "nav": "dispatches",
    }


def _moved(request, dispatch, made, count: int):
    if isinstance(made, Dispatch):
        messages.success(
            request,
            _("Relayed to %(count)s unit(s); the programme is open.") % {"count": count},
        )
        return redirect("dispatches:detail", pk=made.pk)
    messages.success(request, _("The programme was created from this dispatch."))
    return redirect("dispatches:detail", pk=dispatch.pk)


def _sender(request, dispatch: Dispatch) -> Unit:
    """Who acts: `?as=` picks among the units the user may relay from; without it, the
    only one. Anyone else is refused (and the attempt logged)."""
    senders = relay.relay_senders(user=request.user, dispatch=dispatch)
    wanted = _int(request.GET.get("as") or request.POST.get("as"))
    for unit in senders:
        if wanted in (None, unit.pk):
            return unit
    deny(request, Action.MANAGE_PROGRAMMES, unit=dispatch.unit)


def original(request, pk: int):
    """The uploaded file, named and typed by its content, whatever name it came with."""
    dispatch = _visible(request, pk)
    if not dispatch.file:
        raise Http404
    with dispatch.file.open("rb") as stored:
        kind = stored_text_kind(stored.read(8))
    name = dispatch.file_name or "dispatch"
    return file_response(dispatch.file, name=name, kind=kind, as_attachment=True)
