"""Reading the public portal: only `PublicStory` rows and their photos and appearances,
which exist exactly for published, consented stories (public.py). Nothing here reads a
nomination, an item or a consent, so nothing else can leak onto a public page."""

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from dienhinh.common.dates import period_label
from dienhinh.common.errors import ApplicationError
from dienhinh.common.text import fold
from dienhinh.nominations.models import Channel, Field
from dienhinh.units.models import Unit, UnitKind

from .models import Outlet, PortalState, PublicAppearance, PublicStory
from .selectors import lineage_ids

PAGE_SIZE = 20
QUERY_MAX = 200
WORDS_MAX = 8
MONTH = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Filters:
    month: str = ""
    field: str = ""
    channel: str = ""
    query: str = ""
    page: int = 1
    words: list[str] = dataclass_field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.month or self.field or self.channel or self.words)

    def key(self) -> str:
        return f"{self.month}|{self.field}|{self.channel}|{' '.join(self.words)}|{self.page}"


def filters_from(params) -> Filters:
    """Read the filters of a portal page; values that are not one of ours are ignored. A
    search text too long to be a search is refused with a message."""
    query = _CONTROL.sub(" ", params.get("q", "") or "").strip()
    if len(query) > QUERY_MAX:
        raise ApplicationError(
            _("The search text is too long: at most %(limit)s characters.") % {"limit": QUERY_MAX},
            field="q",
        )
    month = params.get("thang", "")
    page = params.get("trang", "1")
    return Filters(
        month=month if MONTH.match(month or "") else "",
        field=params.get("linh_vuc", "") if params.get("linh_vuc") in Field.values else "",
        channel=params.get("kenh", "") if params.get("kenh") in Channel.values else "",
        query=query,
        page=int(page) if page.isdigit() and 0 < int(page) <= 500 else 1,
        words=[w for w in fold(query).split() if w][:WORDS_MAX],
    )


def unit_q(unit: Unit, *, subtree: bool = True) -> Q:
    """Stories of the unit (and of the units that ended into it), with those below it."""
    ids = lineage_ids(unit)
    if not subtree:
        return Q(unit_id__in=ids)
    condition = Q()
    for path in Unit.objects.filter(pk__in=ids).values_list("path", flat=True):
        condition |= Q(unit_path__startswith=path)
    return condition


def stories(*, unit: Unit | None = None, subtree: bool = True, filters: Filters | None = None):
    filters = filters or Filters()
    found = PublicStory.objects.all()
    if unit is not None:
        found = found.filter(unit_q(unit, subtree=subtree))
    if filters.month:
        found = found.filter(month=filters.month)
    if filters.field:
        found = found.filter(field=filters.field)
    if filters.channel:
        found = found.filter(channels__contains=f" {filters.channel} ")
    for word in filters.words:
        found = found.filter(search_text__contains=word)
    return found.order_by("-first_published_on", "-id")


def page_of(found: QuerySet, page: int) -> tuple[list[PublicStory], bool]:
    """One page of stories, and whether there is a next one (no COUNT over the table)."""
    start = (page - 1) * PAGE_SIZE
    rows = list(found.defer("body", "search_text")[start : start + PAGE_SIZE + 1])
    return with_urls(rows[:PAGE_SIZE]), len(rows) > PAGE_SIZE


def with_urls(stories: list[PublicStory]) -> list[PublicStory]:
    """Each story's address, built once from the URL pattern rather than reversed per row
    (a portal page lists 20 of them and must stay cheap)."""
    prefix = reverse("portal:story_short", args=[0])[: -len("0/")]
    for story in stories:
        story.url = f"{prefix}{story.nomination_id}/{story.slug}/"
    return stories


def unit_links(units) -> list[tuple[str, str, object]]:
    """(address, name, valid_to) of units to list as links."""
    prefix = reverse("portal:unit", args=[0])[: -len("0/")]
    return [(f"{prefix}{u.pk}/", u.name, u.valid_to) for u in units]


def outlet_stories(*, outlet: Outlet, limit: int = 50) -> QuerySet[PublicStory]:
    """The latest stories that appeared on an outlet: the newest appearances first, read
    from their (outlet, date) index, so a portal with thousands of stories costs the same."""
    latest = (
        PublicAppearance.objects.filter(outlet=outlet)
        .order_by("-published_on", "-id")
        .values_list("story_id", flat=True)[:limit]
    )
    return PublicStory.objects.filter(pk__in=list(latest)).order_by("-last_published_on", "-id")


def story_of(*, nomination_id: int) -> PublicStory | None:
    return (
        PublicStory.objects.filter(nomination_id=nomination_id)
        .prefetch_related("photos", "appearances")
        .first()
    )


def portal_version() -> tuple[int, dt.datetime | None]:
    """The portal's change counter: bumped by every change of a public story (public.py),
    so a listing's ETag is one primary-key read, and a withdrawal changes it too."""
    state = PortalState.objects.filter(pk=1).values_list("version", "changed_at").first()
    return state or (0, None)


def etag_for(*parts) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:24]


def portal_roots():
    """Where browsing starts: the central board and the provinces, as they are today."""
    kinds = [UnitKind.CENTRAL_BOARD, UnitKind.PROVINCE]
    units = Unit.objects.filter(kind__in=kinds, valid_to__isnull=True).order_by("kind", "name")
    return unit_links(units.only("pk", "name", "valid_to"))


@functools.cache
def _month_label(key: str, language: str) -> str:
    with translation.override(language):
        return period_label(key)


def month_choices(*, today: dt.date, count: int = 24) -> list[tuple[str, str]]:
    language = translation.get_language()
    return [(key, _month_label(key, language)) for key in recent_months(today=today, count=count)]


def recent_months(*, today: dt.date, count: int = 24) -> list[str]:
    year, month, keys = today.year, today.month, []
    for _step in range(count):
        keys.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys
