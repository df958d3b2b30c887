"""Nomination pages: a unit's period, writing a nomination, its page and its steps, the
compiler's review list. Every view asks accounts.scope first; services do the work."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dienhinh.accounts.scope import Action, can, deny, require, units_for
from dienhinh.common.dates import today
from dienhinh.common.downloads import file_response, kind_of_content_type
from dienhinh.common.errors import ApplicationError
from dienhinh.common.forms import errors_text
from dienhinh.cycles.models import ExpectedUnit, Period
from dienhinh.units.models import Unit

from . import publicity, selectors, workflow
from .attachments import attachment_add, attachment_remove
from .forms import (
    AttachmentForm,
    AwardForm,
    ConsentForm,
    NilReportForm,
    NominationForm,
    ReturnForm,
)
from .models import EDITABLE, Attachment, AttachmentKind, Channel, Nomination, Status
from .steps import STEP_RULES, Step, step_unit, steps_for


def _nomination(request, pk: int) -> Nomination:
    nomination = get_object_or_404(
        Nomination.objects.select_related("unit", "period__programme__owner", "created_by"), pk=pk
    )
    if not selectors.can_see(request.user, nomination):
        deny(request, Action.VIEW, unit=nomination.unit)
    return nomination


def _unit_period(request, period_pk: int, unit_pk: int, action: Action):
    unit = get_object_or_404(Unit, pk=unit_pk)
    require(request, unit, action)
    period = get_object_or_404(Period.objects.select_related("programme__owner"), pk=period_pk)
    if not ExpectedUnit.objects.filter(period=period, unit=unit).exists():
        raise Http404
    return unit, period


def unit_period(request, period_pk: int, unit_pk: int):
    """What a unit has sent for a period, and the buttons to send more or report nothing."""
    unit, period = _unit_period(request, period_pk, unit_pk, Action.VIEW)
    context = {
        "unit": unit,
        "period": period,
        "nominations": selectors.nominations_of(unit=unit, period=period),
        "nil": period.nil.filter(unit=unit).first(),
        "can_enter": can(request.user, unit, Action.ENTER_NOMINATIONS),
        "nav": "nominations",
    }
    return render(request, "nominations/unit_period.html", context)


@require_http_methods(["GET", "POST"])
def nomination_create(request, period_pk: int, unit_pk: int):
    unit, period = _unit_period(request, period_pk, unit_pk, Action.ENTER_NOMINATIONS)
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = workflow.nomination_create(
                actor=request.user, unit=unit, period=period, content=form.content()
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Saved as a draft. Add photos, then send it."))
            return redirect("nominations:detail", pk=nomination.pk)
    context = {"form": form, "unit": unit, "period": period, "nav": "nominations"}
    return render(request, "nominations/form.html", context)


@require_http_methods(["GET", "POST"])
def nomination_edit(request, pk: int):
    nomination = _nomination(request, pk)
    require(request, nomination.unit, Action.ENTER_NOMINATIONS)
    initial = {"revision": nomination.revision}
    form = NominationForm(request.POST or None, instance=nomination, initial=initial)
    form.fields["revision"].required = True  # an edit always says which version it changes
    if request.method == "POST" and form.is_valid():
        try:
            workflow.nomination_update(
                actor=request.user,
                nomination=nomination,
                revision=form.cleaned_data["revision"],
                content=form.content(),
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("nominations:detail", pk=nomination.pk)
    context = {
        "form": form,
        "nomination": nomination,
        "unit": nomination.unit,
        "period": nomination.period,
        "nav": "nominations",
    }
    return render(request, "nominations/form.html", context)


def nomination_detail(request, pk: int):
    nomination = _nomination(request, pk)
    user, unit = request.user, nomination.unit
    owner = nomination.period.programme.owner
    status = nomination.status
    steps = steps_for(user, nomination)
    context = {
        "nomination": nomination,
        "awards": nomination.awards.all(),
        "steps": {step.name.lower(): step in steps for step in Step},
        "can_edit": status in EDITABLE and can(user, unit, Action.ENTER_NOMINATIONS),
        "missing": workflow.missing_material(nomination) if Step.SUBMIT in steps else [],
        "return_form": ReturnForm(initial={"revision": nomination.revision}),
        "photos": nomination.attachments.filter(kind=AttachmentKind.PHOTO),
        "documents": nomination.attachments.filter(kind=AttachmentKind.DOCUMENT),
        "attachment_form": AttachmentForm(),
        "award_form": AwardForm(),
        # Consent often arrives after the nomination went up: the unit may record it later.
        "can_record_consent": status != Status.WITHDRAWN
        and can(user, unit, Action.ENTER_NOMINATIONS),
        "consent": getattr(nomination, "consent", None),
        "consent_form": ConsentForm(initial={"given_by": nomination.subject_name}),
        "duplicates": publicity.possible_duplicates(nomination=nomination)
        if can(user, owner, Action.REVIEW_NOMINATIONS)
        else [],
        "linked": nomination.duplicate_links.select_related("same_as__unit"),
        "selections": nomination.selections.select_related("unit"),
        "can_select": status == Status.ACCEPTED
        and units_for(user, Action.SELECT_FOR_MEDIA).exists(),
        "channels": Channel.choices,
        "nav": "nominations",
    }
    return render(request, "nominations/detail.html", context)


@require_POST
def attachment_upload(request, pk: int):
    nomination = _nomination(request, pk)
    require(request, nomination.unit, Action.ENTER_NOMINATIONS)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, errors_text(form))
    else:
        try:
            attachment_add(
                actor=request.user,
                nomination=nomination,
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The file was added."))
    return redirect("nominations:detail", pk=nomination.pk)


@require_POST
def attachment_delete(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("nomination__unit"), pk=pk)
    require(request, attachment.nomination.unit, Action.ENTER_NOMINATIONS)
    try:
        attachment_remove(actor=request.user, attachment=attachment)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The file was removed."))
    return redirect("nominations:detail", pk=attachment.nomination_id)


def attachment_file(request, pk: int, thumbnail: bool = False):
    """Files hold personal data: they are served only through the scope check, never as
    public media URLs. Documents download; photos show inline. The name and type served
    follow the detected content (common/downloads.py), never the uploaded name."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("nomination__unit", "nomination__period__programme"),
        pk=pk,
    )
    if not selectors.can_see(request.user, attachment.nomination):
        deny(request, Action.VIEW, unit=attachment.nomination.unit)
    if thumbnail and attachment.thumbnail:
        stored, kind = attachment.thumbnail, "jpeg"
    else:
        stored, kind = attachment.file, kind_of_content_type(attachment.content_type)
    if kind is None:
        raise Http404  # a type no upload can have: never served under a guessed one
    response = file_response(
        stored,
        name=attachment.original_name,
        kind=kind,
        as_attachment=attachment.kind == AttachmentKind.DOCUMENT,
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


# POST /ho-so/<pk>/<step>/: the service of each step (who may take it: steps.STEP_RULES).
STEP_SERVICES = {
    Step.SUBMIT: (workflow.nomination_submit, _("Sent to %(owner)s.")),
    Step.CONFIRM: (workflow.nomination_confirm, _("Confirmed.")),
    Step.ACCEPT: (workflow.nomination_accept, _("Accepted.")),
    Step.RECALL: (workflow.nomination_recall, _("Taken back: it is a draft again.")),
    Step.WITHDRAW: (workflow.nomination_withdraw, _("Withdrawn.")),
}


def _revision(request) -> int | None:
    value = request.POST.get("revision", "")
    return int(value) if value.isdigit() else None


def _require_step(request, nomination: Nomination, step: Step) -> None:
    require(request, step_unit(nomination, step), STEP_RULES[step].action)


@require_POST
def nomination_step(request, pk: int, step: str):
    if step not in Step._value2member_map_ or Step(step) not in STEP_SERVICES:
        raise Http404
    step = Step(step)
    service, success = STEP_SERVICES[step]
    nomination = _nomination(request, pk)
    _require_step(request, nomination, step)
    revision = _revision(request)
    extra = {"missing_confirmed": request.POST.get("missing_confirmed") == "1"}
    if revision is None:
        messages.error(request, _("The page was out of date. Reload it and try again."))
        return redirect("nominations:detail", pk=nomination.pk)
    try:
        service(
            actor=request.user,
            nomination=nomination,
            revision=revision,
            **(extra if step == Step.SUBMIT else {}),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        owner = nomination.period.programme.owner
        messages.success(request, str(success) % {"owner": owner.name})
    return redirect("nominations:detail", pk=nomination.pk)


@require_POST
def nomination_return(request, pk: int):
    nomination = _nomination(request, pk)
    _require_step(request, nomination, Step.RETURN)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("nominations:detail", pk=nomination.pk)
    try:
        workflow.nomination_return(
            actor=request.user,
            nomination=nomination,
            revision=form.cleaned_data["revision"],
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("nominations:detail", pk=nomination.pk)
    messages.success(
        request, _("Returned to %(unit)s with your reason.") % {"unit": nomination.unit.name}
    )
    return redirect("nominations:review")


@require_http_methods(["GET", "POST"])
def nil_report(request, period_pk: int, unit_pk: int):
    unit, period = _unit_period(request, period_pk, unit_pk, Action.ENTER_NOMINATIONS)
    form = NilReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.nil_report_submit(
                actor=request.user, unit=unit, period=period, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as exc:
            form.add_error("reason", exc.message)
        else:
            messages.success(request, _("Sent: nothing to report this period."))
            return redirect("nominations:unit_period", period_pk=period.pk, unit_pk=unit.pk)
    context = {"form": form, "unit": unit, "period": period, "nav": "nominations"}
    return render(request, "nominations/nil_form.html", context)


def review(request):
    """The compiler's list: everything waiting for a decision, oldest deadline first."""
    if not selectors.can_review_somewhere(request.user):
        deny(request, Action.REVIEW_NOMINATIONS)
    context = {
        "nominations": selectors.to_review_for(user=request.user),
        "periods": selectors.periods_to_compile(user=request.user, on=today()),
        "nav": "review",
    }
    return render(request, "nominations/review.html", context)
