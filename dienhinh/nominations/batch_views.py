"""The compiler's list for a period, and the lists received from the level below."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dienhinh.accounts.scope import Action, require
from dienhinh.archive import batching as archive_batching
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.models import Period

from . import batches
from .models import Batch, BatchItem


def _batch_period(request, period_pk: int) -> Period:
    period = get_object_or_404(Period.objects.select_related("programme__owner"), pk=period_pk)
    require(request, period.programme.owner, Action.REVIEW_NOMINATIONS)
    return period


@require_http_methods(["GET", "POST"])
def compile_period(request, period_pk: int):
    """The compiler's list for a period: choose what goes up, see who is missing, forward."""
    period = _batch_period(request, period_pk)
    batch = batches.batch_of(period=period)
    eligible = list(batches.eligible_for(batch))
    if request.method == "POST":
        try:
            revision = int(request.POST.get("revision", ""))
            chosen = [n for n in eligible if str(n.pk) in request.POST.getlist("chon")]
            batch = batches.batch_set_items(
                actor=request.user, batch=batch, revision=revision, nominations=chosen
            )
            # Activity material goes up with the list (dienhinh/archive/batching.py).
            archive_batching.batch_set_materials_from(
                actor=request.user, batch=batch, chosen_ids=request.POST.getlist("chon_tl")
            )
            if request.POST.get("forward"):
                batches.batch_forward(
                    actor=request.user,
                    batch=batch,
                    revision=batch.revision,
                    note=request.POST.get("note", ""),
                )
                messages.success(
                    request,
                    _("The list was forwarded to %(owner)s.")
                    % {"owner": period.programme.parent.owner.name},
                )
            else:
                messages.success(request, _("The list was saved."))
        except ValueError:
            messages.error(request, _("The page was out of date. Reload it and try again."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("nominations:compile", period_pk=period.pk)
    chosen = set(batch.items.values_list("nomination_id", flat=True))
    context = {
        "period": period,
        "batch": batch,
        "eligible": [(n, n.pk in chosen) for n in eligible],
        "missing": batches.missing_in(period),
        "forwarded": batches.batches_forwarded(period=period).prefetch_related(
            "items__nomination__unit"
        ),
        "received": period.received_batches.filter(status="forwarded").select_related("unit"),
        "nav": "review",
        **archive_batching.compile_context(batch),
    }
    return render(request, "nominations/compile.html", context)


def received_batch(request, pk: int):
    """A list forwarded from below, as the level above sees it: decide on each nomination."""
    batch = get_object_or_404(
        Batch.objects.select_related("unit", "to_period__programme__owner"),
        pk=pk,
        status="forwarded",
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
    item = get_object_or_404(BatchItem.objects.select_related("batch__to_period__programme"), pk=pk)
    require(request, item.batch.to_period.programme.owner, Action.REVIEW_NOMINATIONS)
    try:
        if request.POST.get("decision") == "accept":
            batches.batch_item_accept(actor=request.user, item=item)
        else:
            batches.batch_item_return(
                actor=request.user, item=item, reason=request.POST.get("reason", "")
            )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("nominations:received_batch", pk=item.batch_id)
