"""The album: a level's material in a thumbnail grid, and the 11 June favourites."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dienhinh.accounts.scope import Action, can, require, scope_roots
from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.units.models import Unit

from . import selectors, services
from .forms import AlbumForm
from .models import Collection, Material

PAGE_SIZE = selectors.PAGE_SIZE


def _level(request) -> Unit | None:
    """The unit whose album is shown: asked for (?cap=pk) or the user's top unit."""
    asked = request.GET.get("cap") or request.POST.get("cap")
    if asked and asked.isdigit():
        level = get_object_or_404(Unit, pk=int(asked))
        require(request, level, Action.VIEW)
        return level
    roots = scope_roots(request.user)
    return roots[0] if roots else None


def album(request):
    level = _level(request)
    form = AlbumForm(request.GET or None)
    filters = selectors.AlbumFilter()
    if form.is_valid():
        data = form.cleaned_data
        filters.year, filters.month, filters.kind = data["nam"], data["thang"], data["loai"]
        filters.movement = data["phong_trao"].pk if data["phong_trao"] else None
    year = filters.year or services.anniversary_year(today())
    collection = Collection.objects.filter(unit=level, year=year).first() if level else None
    if form.is_valid() and form.cleaned_data["chon"]:
        filters.favourites_of = collection or Collection(pk=0)
    groups = selectors.album_groups(level=level, filters=filters) if level else []
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("trang"))
    page.object_list = selectors.album_materials(page.object_list)
    context = {
        "level": level,
        "levels": scope_roots(request.user),
        "form": form,
        "page": page,
        "favourites": selectors.favourite_ids(collection=collection, materials=page.object_list),
        "can_choose": bool(level) and can(request.user, level, Action.SELECT_FOR_MEDIA),
        "query": _query_without_page(request),
        "nav": "album",
    }
    template = (
        "archive/_album_page.html" if request.headers.get("HX-Request") else "archive/album.html"
    )
    return render(request, template, context)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("trang", None)
    return query.urlencode()


@require_POST
def favourite(request, pk: int):
    material = get_object_or_404(Material.objects.select_related("unit"), pk=pk)
    level = get_object_or_404(Unit, pk=request.POST.get("cap") or 0)
    require(request, level, Action.SELECT_FOR_MEDIA)
    if not selectors.received_by(level).filter(pk=material.pk).exists():
        raise Http404  # not in this level's album
    chosen = request.POST.get("chon") == "1"
    error = None
    try:
        services.favourite_set(actor=request.user, unit=level, material=material, chosen=chosen)
    except ApplicationError as exc:
        error, chosen = exc.message, not chosen
    if request.headers.get("HX-Request"):
        context = {"m": material, "level": level, "chosen": chosen, "error": error}
        return render(request, "archive/_favourite.html", context)
    if error:
        messages.error(request, error)
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    return redirect(back if back and safe else "archive:album")
