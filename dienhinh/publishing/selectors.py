"""Reading publishing data: which stories a unit may put on its media, the items of a
unit's outlets, where a nomination was published level by level, what a level proposed to
the levels above, and the published stories of a period (for the 11 June archive)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from dienhinh.accounts.scope import Action, can, scope_roots, units_for
from dienhinh.nominations.models import BatchItem, BatchStatus, ItemReview, Nomination, Status
from dienhinh.units.models import Unit, UnitKind
from dienhinh.units.selectors import unit_all_predecessor_ids

from .models import OPEN, EditorialItem, ItemStatus, ItemStory, Outlet

# Sent up the chain and not taken back: what a level has in hand to tell.
SENT = [Status.SUBMITTED, Status.CONFIRMED, Status.ACCEPTED]

LEVELS = {
    "grassroots": _("Ward and commune media"),
    "district": _("District media"),
    "province": _("Province and city media"),
    "central": _("Central media"),
    "other": _("Other media"),
}
LEVEL_ORDER = list(LEVELS)
# Column headings of the media report, short enough for a phone.
LEVELS_SHORT = {
    "grassroots": _("Ward, commune"),
    "district": _("District"),
    "province": _("Province, city"),
    "central": _("Central"),
    "other": _("Other"),
}
_LEVEL_OF_KIND = {
    UnitKind.WARD: "grassroots",
    UnitKind.COMMUNE: "grassroots",
    UnitKind.SPECIAL_ZONE: "grassroots",
    UnitKind.DISTRICT: "district",
    UnitKind.PROVINCE: "province",
    UnitKind.CENTRAL_BOARD: "central",
    UnitKind.MINISTRY: "central",
}


def lineage_ids(unit: Unit) -> set[int]:
    """The unit and every unit that ended into it: a successor inherits their records."""
    return {unit.pk} | unit_all_predecessor_ids(unit_ids={unit.pk})


def lineage_q(unit: Unit, prefix: str = "") -> Q:
    """Units in the subtree of `unit` or of any of its predecessors (a dissolved ward's
    stories stay reachable from the ward it merged into)."""
    roots = Unit.objects.filter(pk__in=lineage_ids(unit)).values_list("path", flat=True)
    condition = Q()
    for path in roots:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def level_of(unit: Unit, *, kinds: dict[int, str] | None = None) -> str:
    """Which tier's media an outlet of this unit is: the nearest administrative unit at or
    above it decides (a district's office publishes at the district level)."""
    ids = [int(step) for step in unit.path.split(".") if step]
    if kinds is None:
        kinds = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "kind"))
    for pk in reversed(ids):
        if kinds.get(pk) in _LEVEL_OF_KIND:
            return _LEVEL_OF_KIND[kinds[pk]]
    return "other"


def nominations_reaching(*, unit: Unit) -> QuerySet[Nomination]:
    """The nominations a unit has in hand: its own once sent (a ward tells its own stories
    on its loudspeakers), those sent to a programme it runs and accepted there, and those
    forwarded to it from below and not returned."""
    own = lineage_ids(unit)
    received = (
        BatchItem.objects.filter(
            batch__status=BatchStatus.FORWARDED, batch__to_period__programme__owner_id__in=own
        )
        .exclude(review=ItemReview.RETURNED)
        .values("nomination_id")
    )
    return Nomination.objects.filter(status__in=SENT).filter(
        Q(unit_id__in=own)
        | Q(status=Status.ACCEPTED, period__programme__owner_id__in=own)
        | Q(pk__in=received)
    )


def outlets_for(*, user, action: Action = Action.PUBLISH) -> QuerySet[Outlet]:
    return Outlet.objects.filter(unit__in=units_for(user, action)).select_related("unit")


def outlets_to_choose(*, user, unit: Unit) -> list[Outlet]:
    """Where a user of `unit` may send a story: the unit's own outlets and those of the
    levels above it (as a proposal they take up or decline)."""
    if not can(user, unit, Action.PUBLISH):
        return []
    ids = [int(step) for step in unit.path.split(".") if step]
    return list(
        Outlet.objects.filter(unit_id__in=ids, is_active=True)
        .select_related("unit")
        .order_by("-unit__depth", "kind", "name")
    )


def publishing_units(*, user) -> list[Unit]:
    """The units whose media the user runs as their own (the top of their reach; a board
    officer may still open a unit below on the desk), current ones first."""
    return scope_roots(user, Action.PUBLISH)


def items_of(*, outlets) -> QuerySet[EditorialItem]:
    return (
        EditorialItem.objects.filter(outlet__in=outlets)
        .select_related("outlet__unit", "proposed_by_unit")
        .prefetch_related(Prefetch("stories", ItemStory.objects.select_related("nomination")))
        .order_by("-updated_at")
    )


def item_can(user, item: EditorialItem, action: Action = Action.PUBLISH) -> bool:
    return can(user, item.outlet.unit, action)


def item_visible(user, item: EditorialItem) -> bool:
    """The outlet's people, and the unit that proposed it (to follow its fate)."""
    return can(user, item.outlet.unit, Action.VIEW) or can(
        user, item.proposed_by_unit, Action.PUBLISH
    )


@dataclass
class Appearance:
    level: str
    level_label: str
    item: EditorialItem


def publications_of(*, nomination: Nomination) -> list[Appearance]:
    """Every item carrying the nomination, lowest level first: the ward loudspeakers, the
    district portal, the city newspaper, the central board's Đặc san."""
    items = list(
        EditorialItem.objects.filter(stories__nomination=nomination)
        .select_related("outlet__unit", "proposed_by_unit")
        .order_by("published_on", "created_at")
    )
    ids = {int(s) for item in items for s in item.outlet.unit.path.split(".") if s}
    kinds = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "kind"))
    rows = [
        Appearance(level, LEVELS[level], item)
        for item in items
        for level in [level_of(item.outlet.unit, kinds=kinds)]
    ]
    return sorted(rows, key=lambda row: LEVEL_ORDER.index(row.level))


def proposals_from(*, units) -> QuerySet[EditorialItem]:
    """What these units proposed to the media of the levels above, and what became of it:
    the city board sees which of the examples it sent to the centre were taken up."""
    return (
        items_of(outlets=Outlet.objects.all())
        .filter(proposed_by_unit__in=units)
        .exclude(outlet__unit__in=units)
        .order_by("-created_at")
    )


def open_items_for(*, nomination: Nomination, outlet: Outlet) -> QuerySet[EditorialItem]:
    return EditorialItem.objects.filter(
        outlet=outlet,
        stories__nomination=nomination,
        status__in=[*OPEN, ItemStatus.PUBLISHED],
    )


def published_stories(
    *, within_unit: Unit, start: dt.date, end: dt.date, public_only: bool = False
) -> QuerySet[Nomination]:
    """The examples of units in `within_unit`'s subtree (its predecessors' included)
    published on any outlet between `start` and `end` (both included), each annotated with
    `first_published_on` in that span, oldest first. For the 11 June archive and yearbooks.
    `public_only` keeps those shown on the public portal (consent for the e-portals).
    Each nomination's published items: `nomination.editorial_items.filter(status=...)`."""
    published = EditorialItem.objects.filter(
        stories__nomination=OuterRef("pk"),
        status=ItemStatus.PUBLISHED,
        published_on__gte=start,
        published_on__lte=end,
    )
    stories = (
        Nomination.objects.filter(lineage_q(within_unit, "unit__"))
        .filter(Exists(published))
        .annotate(
            first_published_on=Min(
                "editorial_items__published_on",
                filter=Q(
                    editorial_items__status=ItemStatus.PUBLISHED,
                    editorial_items__published_on__gte=start,
                    editorial_items__published_on__lte=end,
                ),
            )
        )
        .select_related("unit")
        .order_by("first_published_on", "pk")
    )
    if public_only:
        stories = stories.filter(public_story__isnull=False)
    return stories


DESK_LIMIT = 50


def desk_of(*, user, unit: Unit) -> dict:
    """What a unit's publishing desk shows: its outlets and their items by step, the
    stories it has in hand and not yet chosen for its own outlets, and its proposals."""
    outlets = list(Outlet.objects.filter(unit=unit).order_by("-is_active", "kind", "name"))
    items = list(items_of(outlets=outlets).exclude(status=ItemStatus.WITHDRAWN)[:200])
    on_own = EditorialItem.objects.filter(outlet__unit=unit).exclude(status=ItemStatus.WITHDRAWN)
    in_hand = (
        nominations_reaching(unit=unit)
        .exclude(pk__in=on_own.values("stories__nomination"))
        .select_related("unit", "period", "consent")
        .order_by("-submitted_at")[:DESK_LIMIT]
    )
    by_status = {status: [] for status in ItemStatus.values if status != ItemStatus.WITHDRAWN}
    for item in items:
        by_status[item.status].append(item)
    return {
        "outlets": outlets,
        "items_by_status": [(ItemStatus(s).label, s, rows) for s, rows in by_status.items()],
        "in_hand": in_hand,
        "choosable": outlets_to_choose(user=user, unit=unit),
        "proposals": proposals_from(units=[unit])[:DESK_LIMIT],
    }


def choices_for(*, user, nomination: Nomination) -> list[tuple[Unit, list[Outlet]]]:
    """For each unit whose media the user runs and which has this story in hand, the outlets
    it may choose it for (its own, or those above it as a proposal)."""
    rows = []
    for unit in publishing_units(user=user)[:10]:
        if nominations_reaching(unit=unit).filter(pk=nomination.pk).exists():
            outlets = outlets_to_choose(user=user, unit=unit)
            if outlets:
                rows.append((unit, outlets))
    return rows
