"""RSS 2.0 and Atom feeds of published, consented stories, for newsrooms and other portals:
per unit (with the units below it on request: `?cap-duoi=1`) and per outlet. Each story
carries its photos as enclosures (RSS allows one per item, Atom all of them)."""

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from dienhinh.nominations.models import Field
from dienhinh.units.models import Unit

from . import portal
from .models import Outlet, PublicPhoto
from .public_views import public

FEED_SIZE = 50
FORMATS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


def _moment(day: dt.date, when: dt.datetime) -> dt.datetime:
    """A story's publication day as a moment (its public copy's time on that day)."""
    local = timezone.localtime(when)
    return local.replace(year=day.year, month=day.month, day=day.day)


def _feed(request, *, fmt: str, title: str, link: str, description: str, found) -> HttpResponse:
    generator = FORMATS[fmt]
    feed = generator(
        title=title,
        link=request.build_absolute_uri(link),
        description=description,
        language="vi",
        feed_url=request.build_absolute_uri(request.get_full_path()),
    )
    rows = portal.with_urls(list(found.defer("search_text")[:FEED_SIZE]))
    photo_prefix = request.build_absolute_uri(reverse("portal:photo", args=[0]))[: -len("0/")]
    photos: dict[int, list[PublicPhoto]] = {}
    for photo in PublicPhoto.objects.filter(story__in=rows).order_by("order", "pk"):
        photos.setdefault(photo.story_id, []).append(photo)
    for story in rows:
        url = request.build_absolute_uri(story.url)
        enclosures = [
            Enclosure(f"{photo_prefix}{p.attachment_id}/", str(p.size), p.content_type)
            for p in photos.get(story.pk, [])
        ]
        feed.add_item(
            title=story.title,
            link=url,
            description=story.lead,
            content=story.body if fmt == "atom" else None,
            author_name=story.unit_name,
            pubdate=_moment(story.first_published_on, story.updated_at),
            updateddate=story.updated_at,
            unique_id=url,
            unique_id_is_permalink=True,
            categories=[str(Field(story.field).label)],
            enclosures=enclosures[:1] if fmt == "rss" else enclosures,
        )
    response = HttpResponse(content_type=f"{feed.content_type}")
    feed.write(response, "utf-8")
    return response


@public
def unit_feed(request, pk: int, fmt: str):
    unit = get_object_or_404(Unit, pk=pk)
    subtree = request.GET.get("cap-duoi") == "1"
    title = (
        _("Good people, good deeds: %(unit)s and the units below")
        if subtree
        else _("Good people, good deeds: %(unit)s")
    ) % {"unit": unit.name}
    return _feed(
        request,
        fmt=fmt,
        title=title,
        link=reverse("portal:unit", args=[unit.pk]),
        description=_("Exemplary people and good deeds published by %(unit)s.")
        % {"unit": unit.name},
        found=portal.stories(unit=unit, subtree=subtree),
    )


@public
def outlet_feed(request, pk: int, fmt: str):
    outlet = get_object_or_404(Outlet.objects.select_related("unit"), pk=pk)
    return _feed(
        request,
        fmt=fmt,
        title=_("Good people, good deeds on %(outlet)s") % {"outlet": outlet.name},
        link=reverse("portal:unit", args=[outlet.unit_id]),
        description=_("Stories of exemplary people and good deeds published on %(outlet)s.")
        % {"outlet": outlet.name},
        found=portal.outlet_stories(outlet=outlet),
    )
