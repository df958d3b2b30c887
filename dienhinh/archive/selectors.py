"""Reading activity material within scope: who may see a file, what a level's album
shows, what a compiler may send up, what goes into an 11 June collection.

What a level sees in its album is what reached it: its own material, what units sent to
its programmes, and what the level below forwarded to it with a list. The district's
unforwarded material stays the district's business, as its nominations do.
"""

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Count, Max, Min, Q, QuerySet

from dienhinh.accounts.scope import Action, can
from dienhinh.nominations.models import BatchStatus, Nomination

from .models import BatchMaterial, Collection, Favourite, Material, MaterialStatus

PAGE_SIZE = 48


def can_see(user, material: Material) -> bool:
    """Those who send for the unit always; others who see the unit, or review for the
    programme it was sent to, while it is not withdrawn."""
    if can(user, material.unit, Action.ENTER_NOMINATIONS):
        return True
    if material.status == MaterialStatus.WITHDRAWN:
        return False
    return can(user, material.unit, Action.VIEW) or can(
        user, material.period.programme.owner, Action.REVIEW_NOMINATIONS
    )


def received_by(level) -> QuerySet[Material]:
    """Sent material that reached `level` (see the module's docstring)."""
    forwarded = BatchMaterial.objects.filter(
        batch__status=BatchStatus.FORWARDED, batch__to_period__programme__owner=level
    ).values("material_id")
    return Material.objects.filter(
        Q(unit=level) | Q(period__programme__owner=level) | Q(pk__in=forwarded),
        unit__path__startswith=level.path,
        status=MaterialStatus.SENT,
    )


@dataclass
class AlbumFilter:
    year: int | None = None
    month: int | None = None
    unit: object | None = None
    movement: int | None = None
    kind: str = ""
    favourites_of: Collection | None = None


def _filtered(level, filters: AlbumFilter) -> QuerySet[Material]:
    visible = received_by(level)
    if filters.year:
        visible = visible.filter(taken_on__year=filters.year)
    if filters.month:
        visible = visible.filter(taken_on__month=filters.month)
    if filters.unit is not None:
        visible = visible.filter(unit__path__startswith=filters.unit.path)
    if filters.movement:
        visible = visible.filter(movement_id=filters.movement)
    if filters.kind:
        visible = visible.filter(kind=filters.kind)
    if filters.favourites_of is not None:
        visible = visible.filter(favourites__collection=filters.favourites_of)
    return visible


def album_groups(*, level, filters: AlbumFilter):
    """The level's pictures, newest first, each picture once: near-duplicate copies form
    one group, shown by its first visible copy with the number of copies. One GROUP BY,
    sliced by the paginator; `album_materials` then fetches the page's rows."""
    return (
        _filtered(level, filters)
        .order_by()
        .values("group_key")
        .annotate(first=Min("id"), copies=Count("id"), day=Max("taken_on"))
        .order_by("-day", "-first")
    )


def album_materials(groups) -> list[Material]:
    groups = list(groups)
    found = Material.objects.select_related("unit", "movement").in_bulk(
        [group["first"] for group in groups]
    )
    materials = []
    for group in groups:
        material = found[group["first"]]
        material.copy_count = group["copies"]
        materials.append(material)
    return materials


def copies_of(*, level, material: Material) -> QuerySet[Material]:
    """Every copy of the same picture that reached the level, first sent first."""
    root = material.same_as_id or material.pk
    return (
        received_by(level)
        .filter(Q(pk=root) | Q(same_as_id=root))
        .select_related("unit")
        .order_by("id")
    )


def favourite_ids(*, collection: Collection | None, materials) -> set[int]:
    if collection is None:
        return set()
    ids = [m.pk for m in materials]
    return set(
        Favourite.objects.filter(collection=collection, material_id__in=ids).values_list(
            "material_id", flat=True
        )
    )


def material_of(*, unit, period) -> QuerySet[Material]:
    return Material.objects.filter(unit=unit, period=period).exclude(
        status=MaterialStatus.WITHDRAWN
    )


def eligible_for(batch) -> QuerySet[Material]:
    """What may go up with a compiler's list: material sent to this period, or received
    from below with a list, and not already sent up with an earlier list."""
    received = BatchMaterial.objects.filter(
        batch__to_period=batch.period, batch__status=BatchStatus.FORWARDED
    ).values("material_id")
    already_up = BatchMaterial.objects.filter(
        batch__period=batch.period, batch__status=BatchStatus.FORWARDED
    ).values("material_id")
    return (
        Material.objects.filter(Q(period=batch.period) | Q(pk__in=received))
        .filter(status=MaterialStatus.SENT)
        .exclude(pk__in=already_up)
        .select_related("unit")
        .order_by("unit__name", "taken_on", "id")
    )


def published_examples(*, root, start: dt.date, end: dt.date) -> QuerySet[Nomination]:
    """The examples of the year published with consent, within the root's tree (its
    predecessors' included): the publishing domain's record of what was actually told on an
    outlet, which it allows only under the person's consent for that outlet."""
    from dienhinh.publishing.selectors import published_stories

    return (
        published_stories(within_unit=root, start=start, end=end)
        .filter(consent__isnull=False)
        .select_related("unit", "period", "consent")
        .prefetch_related("attachments")
    )


# What the archive needs of each item of a collection: plain values, no model instances
# (ten thousand of those, with their unit, period and movement, cost seconds and memory).
ARCHIVE_FIELDS = {
    "pk": "pk", "kind": "kind", "title": "title", "taken_on": "taken_on", "place": "place",
    "caption": "caption", "credit": "credit", "people_note": "people_note",
    "consent_given_by": "consent_given_by", "consent_given_on": "consent_given_on",
    "consent_uses": "consent_uses", "original_name": "original_name",
    "content_type": "content_type", "size": "size", "revision": "revision",
    "file_name": "file", "unit_name": "unit__name", "unit_path": "unit__path",
    "period_key": "period__key", "movement_name": "movement__name",
}  # fmt: skip


def collection_rows(collection: Collection) -> list[SimpleNamespace]:
    """The collection's chosen material as light rows (attributes: ARCHIVE_FIELDS' keys)."""
    names = list(ARCHIVE_FIELDS)
    values = (
        Material.objects.filter(favourites__collection=collection, status=MaterialStatus.SENT)
        .order_by("unit__path", "taken_on", "id")
        .values_list(*ARCHIVE_FIELDS.values())
    )
    return [SimpleNamespace(**dict(zip(names, row, strict=True))) for row in values.iterator()]


def collection_material(collection: Collection) -> QuerySet[Material]:
    return (
        Material.objects.filter(favourites__collection=collection, status=MaterialStatus.SENT)
        .select_related("unit", "movement", "period")
        .order_by("unit__path", "taken_on", "id")
    )
