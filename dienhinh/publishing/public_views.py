"""The public portal: no login, Vietnamese first, light pages for phones. Every view reads
through portal.py (published, consented stories only) and answers conditional GETs: an
ETag and Last-Modified from the portal's change counter, `Cache-Control: no-cache` so a
browser or proxy asks again and a withdrawn story is gone at once (404, never a copy)."""

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.nominations.models import Channel, Field
from dienhinh.units.models import Unit
from dienhinh.units.selectors import unit_ancestors, unit_predecessors, unit_successors

from . import portal
from .models import PublicPhoto


def public(view):
    """No login; GET and HEAD only; 304 when the client's copy is still the current one.

    Public pages are the same for everyone, so a rendered page is kept in the cache under
    the portal's change counter: any change of a public story makes a new key, so a cached
    page can never show a withdrawn story (nothing in one process is assumed shared: with
    several processes each keeps its own copies, or they share Redis if configured)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        version, changed = portal.portal_version()
        where = (request.scheme, request.get_host(), request.get_full_path())
        tag = portal.etag_for(version, changed, *where, request.LANGUAGE_CODE)
        etag = quote_etag(tag)
        if etag in request.headers.get("If-None-Match", ""):
            response = _not_modified()
        else:
            response = _cached(f"portal:{tag}", lambda: view(request, *args, **kwargs))
        response.headers.setdefault("ETag", etag)
        if changed and response.status_code in (200, 304):
            response.headers.setdefault("Last-Modified", http_date(changed.timestamp()))
        patch_cache_control(response, public=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return login_not_required(require_safe(wrapper))


def _cached(key: str, render):
    seconds = settings.PUBLISHING_PAGE_CACHE_SECONDS
    kept = cache.get(key) if seconds else None
    if kept is not None:
        content, content_type = kept
        return HttpResponse(content, content_type=content_type)
    response = render()
    if seconds and response.status_code == 200 and not response.streaming:
        cache.set(key, (response.content, response["Content-Type"]), seconds)
    return response


def _not_modified():
    from django.http import HttpResponseNotModified

    return HttpResponseNotModified()


def _browse(request, unit=None):
    try:
        filters = portal.filters_from(request.GET)
        error = ""
    except ApplicationError as exc:
        filters, error = portal.Filters(), exc.message
    rows, more = portal.page_of(portal.stories(unit=unit, filters=filters), filters.page)
    return {
        "stories": rows,
        "more": more,
        "filters": filters,
        "error": error,
        "months": portal.month_choices(today=today()),
        "fields": Field.choices,
        "channels": Channel.choices,
    }


@public
def home(request):
    context = _browse(request) | {"roots": portal.portal_roots()}
    return render(request, "publishing/public/home.html", context, status=_status(context))


@public
def unit_page(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    context = _browse(request, unit) | {
        "unit": unit,
        "ancestors": unit_ancestors(unit=unit),
        "children": portal.unit_links(
            Unit.objects.filter(parent_id=unit.pk)
            .only("pk", "name", "valid_to")
            .order_by("valid_to", "name")
        ),
        "predecessors": unit_predecessors(unit=unit),
        "successors": unit_successors(unit=unit),
    }
    return render(request, "publishing/public/unit.html", context, status=_status(context))


def _status(context) -> int:
    return 400 if context["error"] else 200


@public
def story_page(request, pk: int, slug: str = ""):
    story = portal.story_of(nomination_id=pk)
    if story is None:
        raise Http404
    # The breadcrumb: the units on the story's path, read in one query.
    ids = [int(step) for step in story.unit_path.split(".") if step]
    chain = Unit.objects.filter(pk__in=ids).only("pk", "name", "short_name").order_by("depth")
    context = {
        "story": story,
        "ancestors": list(chain),
        "canonical": request.build_absolute_uri(story_url(story)),
    }
    return render(request, "publishing/public/story.html", context)


def story_url(story) -> str:
    from django.urls import reverse

    return reverse("portal:story", args=[story.nomination_id, story.slug])


@public
def photo(request, pk: int, thumbnail: bool = False):
    """A photo of a public story: only while the story is public."""
    shown = PublicPhoto.objects.filter(attachment_id=pk).select_related("attachment").first()
    if shown is None:
        raise Http404
    attachment = shown.attachment
    stored = attachment.thumbnail if thumbnail and attachment.thumbnail else attachment.file
    content_type = "image/jpeg" if stored is attachment.thumbnail else attachment.content_type
    return FileResponse(stored.open("rb"), content_type=content_type)


@xframe_options_exempt
@public
def embed(request, pk: int):
    """The unit's "gương người tốt, việc tốt" section for a ward or district portal: framed
    on any site, its links open the full story on the portal."""
    unit = get_object_or_404(Unit, pk=pk)
    rows, _more = portal.page_of(portal.stories(unit=unit), 1)
    context = {"unit": unit, "stories": rows[:10]}
    return render(request, "publishing/public/embed.html", context)


@public
def embed_script(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    return render(
        request,
        "publishing/public/embed.js",
        {"unit": unit},
        content_type="text/javascript; charset=utf-8",
    )
