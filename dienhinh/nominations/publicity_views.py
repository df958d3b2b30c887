"""Consent, selection for the media and duplicate links, from the nomination's page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dienhinh.accounts.scope import Action, deny, require, scope_roots, units_for
from dienhinh.common.errors import ApplicationError
from dienhinh.common.forms import errors_text

from . import publicity
from .forms import ConsentForm
from .models import Nomination
from .views import _nomination


def board_unit_for(user, nomination: Nomination):
    """The board the user chooses for: the nearest of their own units (where they select
    for the media) above the nomination's unit, never the unit itself."""
    path = nomination.unit.path
    boards = [
        root
        for root in scope_roots(user, Action.SELECT_FOR_MEDIA)
        if path.startswith(root.path) and root.pk != nomination.unit_id
    ]
    if user.is_superuser and not boards:
        boards = list(units_for(user).filter(pk__in=[int(s) for s in path.split(".") if s][:-1]))
    return max(boards, key=lambda unit: unit.depth, default=None)


@require_POST
def consent_save(request, pk: int):
    nomination = _nomination(request, pk)
    require(request, nomination.unit, Action.ENTER_NOMINATIONS)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_text(form))
    else:
        try:
            publicity.consent_record(actor=request.user, nomination=nomination, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The consent was recorded."))
    return redirect("nominations:detail", pk=nomination.pk)


@require_POST
def consent_withdraw(request, pk: int):
    """The person takes back the consent: every outlet follows (publicity.consent_withdraw)."""
    nomination = _nomination(request, pk)
    require(request, nomination.unit, Action.ENTER_NOMINATIONS)
    try:
        publicity.consent_withdraw(
            actor=request.user, nomination=nomination, reason=request.POST.get("reason", "")
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The consent was withdrawn: the story is off every outlet and page.")
        )
    return redirect("nominations:detail", pk=nomination.pk)


@require_POST
def media_select(request, pk: int):
    nomination = _nomination(request, pk)
    board = board_unit_for(request.user, nomination)
    if board is None:
        deny(request, Action.SELECT_FOR_MEDIA, unit=nomination.unit)
    try:
        publicity.nomination_select_for_media(
            actor=request.user,
            nomination=nomination,
            channel=request.POST.get("channel", ""),
            unit=board,
        )
    except (ApplicationError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", _("Choose a channel.")))
    else:
        messages.success(request, _("Chosen for the media."))
    return redirect("nominations:detail", pk=nomination.pk)


@require_POST
def duplicate_link(request, pk: int, other_pk: int):
    nomination = _nomination(request, pk)
    require(request, nomination.period.programme.owner, Action.REVIEW_NOMINATIONS)
    other = get_object_or_404(Nomination, pk=other_pk)
    if other.pk not in set(
        publicity.possible_duplicates(nomination=nomination).values_list("pk", flat=True)
    ):
        deny(request, Action.REVIEW_NOMINATIONS, unit=other.unit)
    publicity.duplicates_link(actor=request.user, nomination=nomination, same_as=other)
    messages.success(request, _("Recorded as the same person."))
    return redirect("nominations:detail", pk=nomination.pk)
