"""An editorial item's page and its steps: edit the text, describe the photos, take up,
approve, schedule, publish, add evidence, withdraw. Each view asks the scope module, parses
a form and calls one service."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dienhinh.accounts.scope import Action, can, deny, require
from dienhinh.common.errors import ApplicationError
from dienhinh.common.forms import errors_text

from . import selectors, services
from .forms import EvidenceForm, PublishForm, ReasonForm, RevisionForm, ScheduleForm, TextForm
from .models import BROADCAST_KINDS, EditorialItem, Evidence
from .publication import evidence_add, item_publish, item_withdraw, may_cancel_proposal


def _item(request, pk: int) -> EditorialItem:
    item = get_object_or_404(
        EditorialItem.objects.select_related("outlet__unit", "proposed_by_unit"), pk=pk
    )
    if not selectors.item_visible(request.user, item):
        deny(request, Action.VIEW, unit=item.outlet.unit)
    return item


def item_detail(request, pk: int):
    item = _item(request, pk)
    form = TextForm(request.POST or None, initial=_initial(item))
    if request.method == "POST":
        require(request, item.outlet.unit, Action.PUBLISH)
        if form.is_valid():
            try:
                services.item_edit(actor=request.user, item=item, **form.cleaned_data)
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The text was saved."))
                return redirect("publishing:item", pk=item.pk)
    return render(request, "publishing/item.html", _context(request, item, form))


def _initial(item):
    return {"title": item.title, "body": item.body, "revision": item.revision}


def _context(request, item, form) -> dict:
    user, unit = request.user, item.outlet.unit
    return {
        "item": item,
        "form": form,
        "stories": item.stories.select_related("nomination__unit"),
        "photos": item.photos.select_related("attachment"),
        "evidence": item.evidence.all(),
        "revisions": item.revisions.select_related("saved_by")[:20],
        "can_publish": can(user, unit, Action.PUBLISH),
        "can_approve": can(user, unit, Action.APPROVE_PUBLICATION),
        "is_broadcast": item.outlet.kind in BROADCAST_KINDS,
        "can_withdraw": item.status != "withdrawn"
        and (can(user, unit, Action.PUBLISH) or may_cancel_proposal(user, item)),
        "schedule_form": ScheduleForm(initial={"revision": item.revision}),
        "publish_form": PublishForm(
            initial={
                "revision": item.revision,
                "published_on": item.scheduled_for,
                "air_time": item.air_time,
            }
        ),
        "evidence_form": EvidenceForm(),
        "withdraw_form": ReasonForm(initial={"revision": item.revision}),
        "nav": "publishing",
    }


def _run(request, item, service, form_class=RevisionForm, success="", **values):
    """Parse the step's form, call its service, say what happened, back to the item."""
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("publishing:item", pk=item.pk)
    try:
        service(actor=request.user, item=item, **form.cleaned_data, **values)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("publishing:item", pk=item.pk)


STEPS = {
    "nhan": (services.item_take_up, Action.PUBLISH, _("Taken into editing.")),
    "duyet": (services.item_approve, Action.APPROVE_PUBLICATION, _("Approved for publication.")),
    "bien-tap-lai": (services.item_reopen, Action.PUBLISH, _("Back in editing.")),
}


@require_POST
def item_step(request, pk: int, step: str):
    if step not in STEPS:
        raise Http404
    service, action, success = STEPS[step]
    item = _item(request, pk)
    require(request, item.outlet.unit, action)
    return _run(request, item, service, success=str(success))


@require_POST
def item_schedule(request, pk: int):
    item = _item(request, pk)
    require(request, item.outlet.unit, Action.PUBLISH)
    return _run(request, item, services.item_schedule, ScheduleForm, str(_("Scheduled.")))


@require_POST
def item_publish_view(request, pk: int):
    item = _item(request, pk)
    require(request, item.outlet.unit, Action.PUBLISH)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("publishing:item", pk=item.pk)
    try:
        item_publish(
            actor=request.user,
            item=item,
            revision=form.cleaned_data["revision"],
            publication=form.publication(),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The publication was recorded."))
    return redirect("publishing:item", pk=item.pk)


@require_POST
def item_photos(request, pk: int):
    item = _item(request, pk)
    require(request, item.outlet.unit, Action.PUBLISH)
    kept = {
        photo.pk: request.POST.get(f"alt_{photo.pk}", "")
        for photo in item.photos.all()
        if request.POST.get(f"keep_{photo.pk}")
    }
    try:
        revision = int(request.POST.get("revision", ""))
        services.item_set_photos(actor=request.user, item=item, revision=revision, photos=kept)
    except ValueError:
        messages.error(request, _("The page was out of date. Reload it and try again."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The photos were saved."))
    return redirect("publishing:item", pk=item.pk)


@require_POST
def item_evidence(request, pk: int):
    item = _item(request, pk)
    require(request, item.outlet.unit, Action.PUBLISH)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence_add(
                actor=request.user,
                item=item,
                url=form.cleaned_data["url"],
                upload=form.cleaned_data["file"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The evidence was added."))
    else:
        messages.error(request, errors_text(form))
    return redirect("publishing:item", pk=item.pk)


@require_POST
def item_withdraw_view(request, pk: int):
    item = _item(request, pk)
    if not may_cancel_proposal(request.user, item):
        require(request, item.outlet.unit, Action.PUBLISH)
    return _run(request, item, item_withdraw, ReasonForm, str(_("The story was withdrawn.")))


def item_photo(request, pk: int, photo_pk: int):
    """A photo of an item's story, for those who see the item: the editors of the level
    above may not see the nomination itself."""
    item = _item(request, pk)
    photo = get_object_or_404(item.photos.select_related("attachment"), pk=photo_pk)
    stored = photo.attachment.thumbnail or photo.attachment.file
    content_type = "image/jpeg" if photo.attachment.thumbnail else photo.attachment.content_type
    response = FileResponse(stored.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def evidence_file(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.select_related("item__outlet__unit"), pk=pk)
    if not evidence.file or not selectors.item_visible(request.user, evidence.item):
        deny(request, Action.VIEW, unit=evidence.item.outlet.unit)
    response = FileResponse(
        evidence.file.open("rb"),
        filename=evidence.original_name,
        content_type=evidence.content_type,
        as_attachment=evidence.kind == "document",
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
