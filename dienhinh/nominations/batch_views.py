"""The compiler's list for a period, and the lists received from the level below."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dienhinh.accounts.scope import Action, require
from dienhinh.archive import batching as archive_batching
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.models import Period

from . import batches
from .models import Batch, BatchItem, BatchStatus


def _batch_period(request, period_pk: int) -> Period:
    period = get_object_or_404(
        Period.objects.select_related("programme__owner", "programme__parent__owner"),
        pk=period_pk,
    )
    require(request, period.programme.owner, Action.REVIEW_NOMINATIONS)
    return period


def _compile_context(period: Period) -> dict:
    draft = batches.batch_draft(period=period)
    chosen = set(draft.items.values_list("nomination_id", flat=True)) if draft else set()
    eligible = list(batches.eligible_in(period=period))
    return {
        # Activity material goes up with the list (dienhinh/archive/batching.py).
        **archive_batching.compile_context(draft or Batch(period=period)),
        "period": period,
        "batch": draft,
        "revision": draft.revision if draft else 0,
        "eligible": [(n, n.pk in chosen) for n in eligible],
        "missing": batches.missing_in(period),
        "forwarded": batches.batches_forwarded(period=period).prefetch_related(
            "items__nomination__unit"
        ),
        "received": period.received_batches.filter(status=BatchStatus.FORWARDED).select_related(
            "unit"
        ),
        "nav": "review",
    }


@require_http_methods(["GET", "POST"])
def compile_period(request, period_pk: int):
    """The compiler's list for a period: choose what goes up, see who is missing, forward.
    Reading the page writes nothing; the list is opened by the first save."""
    period = _batch_period(request, period_pk)
    if request.method == "POST":
        _save(request, period)
        return redirect("nominations:compile", period_pk=period.pk)
    return render(request, "nominations/compile.html", _compile_context(period))


def _save(request, period: Period) -> None:
    revision = request.POST.get("revision", "")
    if not revision.isdigit():
        messages.error(request, _("The page was out of date. Reload it and try again."))
        return
    ids = set(request.POST.getlist("chon"))
    chosen = [n for n in batches.eligible_in(period=period) if str(n.pk) in ids]
    forward = bool(request.POST.get("forward"))
    try:
        batch = batches.batch_save(
            actor=request.user,
            period=period,
            revision=int(revision),
            nominations=chosen,
            note=request.POST.get("note", ""),
            forward=forward,
            also=lambda batch: archive_batching.batch_set_materials_from(
                actor=request.user, batch=batch, chosen_ids=request.POST.getlist("chon_tl")
            ),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return
    if forward:
        messages.success(
            request,
            _("The list was forwarded to %(owner)s.") % {"owner": batch.to_period.programme.owner},
        )
    elif chosen:
        messages.success(
            request,
            _("The list was saved with %(count)s nomination(s); it is not forwarded yet.")
            % {"count": len(chosen)},
        )
    else:
        messages.warning(
            request,
            _("The list was saved with no nomination in it; it is not forwarded yet."),
        )


def received_batch(request, pk: int):
    """A list forwarded from below, as the level above sees it: decide on each nomination."""
    batch = get_object_or_404(
        Batch.objects.select_related("unit", "to_period__programme__owner"),
        pk=pk,
        status=BatchStatus.FORWARDED,
    )
    require(request, batch.to_period.programme.owner, Action.REVIEW_NOMINATIONS)
    context = {
        "batch": batch,
        "items": batch.items.select_related("nomination__unit"),
        "nav": "review",
    }
    return render(request, "nominations/received_batch.html", context)


@require_POST
def batch_item_decide(request, pk: int):
    item = get_object_or_404(
        BatchItem.objects.select_related("batch__to_period__programme__owner"),
        pk=pk,
        batch__status=BatchStatus.FORWARDED,  # a list still being compiled has no reviewer
    )
    require(request, item.batch.to_period.programme.owner, Action.REVIEW_NOMINATIONS)
    decision = request.POST.get("decision")
    if decision not in ("accept", "return"):
        raise Http404
    try:
        if decision == "accept":
            batches.batch_item_accept(actor=request.user, item=item)
        else:
            batches.batch_item_return(
                actor=request.user, item=item, reason=request.POST.get("reason", "")
            )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("nominations:received_batch", pk=item.batch_id)
