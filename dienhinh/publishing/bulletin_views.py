"""The loudspeaker bulletin's pages: assemble it from approved stories, edit the script,
make and hear the audio draft, print the DOCX, record the broadcast."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from dienhinh.accounts.scope import Action, can, require
from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.common.forms import add_application_error, errors_text
from dienhinh.units.forms import VnDateField

from . import bulletins, tasks
from .bulletin_files import DOCX_TYPE, bulletin_docx, docx_name
from .forms import TimeField
from .models import Bulletin, BulletinStatus, Outlet


class NewBulletinForm(forms.Form):
    span = forms.ChoiceField(
        label=gettext_lazy("Bulletin of"),
        choices=[("week", gettext_lazy("a week")), ("month", gettext_lazy("a month"))],
    )
    day = VnDateField(label=gettext_lazy("Week or month of"), initial=today)


class ScriptForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("bulletin title"), max_length=255)
    script = forms.CharField(
        label=gettext_lazy("script to be read"), widget=forms.Textarea(attrs={"rows": 18})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)


class BroadcastForm(forms.Form):
    on = VnDateField(label=gettext_lazy("broadcast on"), initial=today)
    air_time = TimeField(label=gettext_lazy("air time"), required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput)


@require_http_methods(["GET", "POST"])
def bulletin_create(request, outlet_pk: int):
    outlet = get_object_or_404(Outlet.objects.select_related("unit"), pk=outlet_pk)
    require(request, outlet.unit, Action.PUBLISH)
    ready = bulletins.ready_items(outlet=outlet)
    form = NewBulletinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = list(ready.filter(pk__in=request.POST.getlist("bai")))
        try:
            bulletin = bulletins.bulletin_create(
                actor=request.user, outlet=outlet, items=chosen, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("The bulletin was assembled: read it through."))
            return redirect("publishing:bulletin", pk=bulletin.pk)
    context = {"outlet": outlet, "ready": ready, "form": form, "nav": "publishing"}
    return render(request, "publishing/bulletin_new.html", context)


def _bulletin(request, pk: int, action: Action = Action.VIEW) -> Bulletin:
    bulletin = get_object_or_404(Bulletin.objects.select_related("outlet__unit"), pk=pk)
    require(request, bulletin.outlet.unit, action)
    return bulletin


@require_http_methods(["GET", "POST"])
def bulletin_detail(request, pk: int):
    bulletin = _bulletin(request, pk)
    initial = {"title": bulletin.title, "script": bulletin.script, "revision": bulletin.revision}
    form = ScriptForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(request, bulletin.outlet.unit, Action.PUBLISH)
        if form.is_valid():
            try:
                bulletins.bulletin_edit(actor=request.user, bulletin=bulletin, **form.cleaned_data)
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("The script was saved."))
                return redirect("publishing:bulletin", pk=bulletin.pk)
    context = {
        "bulletin": bulletin,
        "form": form,
        "minutes": bulletins.reading_minutes(bulletin),
        "items": bulletin.items.all(),
        "broadcast_form": BroadcastForm(initial={"revision": bulletin.revision}),
        "can_publish": can(request.user, bulletin.outlet.unit, Action.PUBLISH),
        "is_draft": bulletin.status == BulletinStatus.DRAFT,
        "audio_current": bulletin.audio and bulletin.audio_revision == bulletin.revision,
        "nav": "publishing",
    }
    return render(request, "publishing/bulletin.html", context)


@require_POST
def bulletin_audio(request, pk: int):
    bulletin = _bulletin(request, pk, Action.PUBLISH)
    ids = (bulletin.pk, bulletin.revision)
    transaction.on_commit(lambda: tasks.bulletin_audio(*ids))
    messages.info(request, _("The audio draft is being made; it appears here in a moment."))
    return redirect("publishing:bulletin", pk=bulletin.pk)


def bulletin_listen(request, pk: int):
    bulletin = _bulletin(request, pk)
    if not bulletin.audio:
        return HttpResponse(status=404)
    content_type = "audio/ogg" if bulletin.audio.name.endswith(".ogg") else "audio/wav"
    response = FileResponse(bulletin.audio.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-cache"
    return response


def bulletin_docx_view(request, pk: int):
    bulletin = _bulletin(request, pk)
    response = HttpResponse(bulletin_docx(bulletin), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{docx_name(bulletin)}"'
    return response


@require_POST
def bulletin_broadcast(request, pk: int):
    bulletin = _bulletin(request, pk, Action.PUBLISH)
    form = BroadcastForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("publishing:bulletin", pk=bulletin.pk)
    try:
        bulletins.bulletin_broadcast(actor=request.user, bulletin=bulletin, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The broadcast was recorded for every story in it."))
    return redirect("publishing:bulletin", pk=bulletin.pk)
