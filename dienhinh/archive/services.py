"""Sending activity material, withdrawing it, recording consent, and marking favourites
for the 11 June collection. Each write is atomic and audited; files are checked and stored
before the transaction and deleted again if it fails, so nothing is half-saved."""

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import period_label, today, vn_date
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.models import Period
from dienhinh.nominations.workflow import _check_expected, _check_open

from . import pictures
from .models import (
    TRANSITIONS,
    Collection,
    Favourite,
    Material,
    MaterialKind,
    MaterialStatus,
    Movement,
    PublicUse,
)
from .uploads import PreparedMaterial, prepare_material

logger = logging.getLogger(__name__)
# How far apart in days two copies of the same picture may be dated and still be matched.
DUPLICATE_WINDOW_DAYS = 45


@dataclass
class MaterialDetails:
    title: str
    taken_on: dt.date
    place: str = ""
    movement: Movement | None = None
    caption: str = ""
    credit: str = ""
    shows_people: bool = False
    people_note: str = ""
    consent_given_by: str = ""
    consent_given_on: dt.date | None = None
    consent_uses: list[str] = field(default_factory=list)


def check_details(details: MaterialDetails, period: Period) -> None:
    """The rules a form cannot know: the date lies in the period and not in the future."""
    if not details.title.strip():
        raise ApplicationError(_("Give the material a title."), field="title")
    if details.taken_on > today():
        raise ApplicationError(
            _("The activity cannot be dated in the future (%(day)s).")
            % {"day": vn_date(details.taken_on)},
            field="taken_on",
        )
    if not period.starts_on <= details.taken_on <= period.ends_on:
        raise ApplicationError(
            _(
                "The activity is dated %(day)s, outside %(period)s (%(start)s – %(end)s). "
                "Correct the date, or send it with the period of the month it took place in."
            )
            % {
                "day": vn_date(details.taken_on),
                "period": period_label(period.key),
                "start": vn_date(period.starts_on),
                "end": vn_date(period.ends_on),
            },
            field="taken_on",
        )
    if details.movement is not None and not details.movement.is_active:
        raise ApplicationError(_("This emulation movement is no longer offered."), "movement")
    _check_consent(details)


def _check_consent(details: MaterialDetails) -> None:
    if not details.consent_given_by.strip():
        details.consent_given_on, details.consent_uses = None, []
        return
    if details.consent_given_on is None:
        raise ApplicationError(_("Say on which day the consent was given."), "consent_given_on")
    if details.consent_given_on > today():
        raise ApplicationError(_("Consent cannot be dated in the future."), "consent_given_on")
    details.consent_uses = [use for use in details.consent_uses if use in PublicUse.values]
    if not details.consent_uses:
        raise ApplicationError(_("Choose at least one use the consent covers."), "consent_uses")


def material_send(*, actor, unit, period: Period, upload, details: MaterialDetails):
    """Check, store and record one file sent by a unit in a period. Returns the material
    and the notices to show (e.g. a GPS position removed). Raises ApplicationError.
    Call it outside any transaction, as attachments.attachment_add."""
    _check_expected(unit, period)
    _check_open(unit, period)
    check_details(details, period)
    prepared = prepare_material(upload=upload)
    stored: list[str] = []
    try:
        material = _new_material(actor, unit, period, details, prepared)
        _store(material, prepared, stored)
        with transaction.atomic():
            material.same_as = _first_copy(material)
            material.save()
            material.group_key = material.same_as_id or material.pk
            Material.objects.filter(pk=material.pk).update(group_key=material.group_key)
            audit_record(
                actor=actor,
                action=AuditAction.MATERIAL_SEND,
                obj=material,
                unit=unit,
                changes=_details(material),
            )
    except BaseException:
        _delete(stored)
        raise
    finally:
        prepared.close()
    return material, prepared.notices + _duplicate_notice(material)


def _new_material(actor, unit, period, details: MaterialDetails, prepared: PreparedMaterial):
    now = timezone.now()
    return Material(
        unit=unit,
        period=period,
        kind=prepared.kind,
        title=details.title.strip(),
        taken_on=details.taken_on,
        place=details.place.strip(),
        movement=details.movement,
        caption=details.caption.strip(),
        credit=details.credit.strip(),
        shows_people=details.shows_people,
        people_note=details.people_note.strip(),
        consent_given_by=details.consent_given_by.strip(),
        consent_given_on=details.consent_given_on,
        consent_uses=details.consent_uses,
        original_name=prepared.original_name,
        content_type=prepared.content_type,
        size=prepared.size,
        width=prepared.width,
        height=prepared.height,
        dhash=prepared.dhash,
        is_late=timezone.localdate(now) > period.unit_deadline,
        sent_at=now,
        uploaded_by=actor,
    )


def _store(material: Material, prepared: PreparedMaterial, stored: list[str]) -> None:
    stem = uuid.uuid4().hex
    material.file.save(stem + prepared.extension, prepared.content, save=False)
    stored.append(material.file.name)
    if prepared.preview:
        material.preview.save(stem + ".jpg", ContentFile(prepared.preview), save=False)
        stored.append(material.preview.name)


def _delete(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:
            logger.exception("Could not delete the stored file %s", name)


def _first_copy(material: Material) -> Material | None:
    """The earliest photo of the same picture (near-identical hash), dated close to it."""
    if material.kind != MaterialKind.PHOTO or not pictures.is_distinctive(material.dhash or 0):
        return None
    window = dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    candidates = (
        Material.objects.filter(
            kind=MaterialKind.PHOTO,
            status=MaterialStatus.SENT,
            taken_on__range=(material.taken_on - window, material.taken_on + window),
            dhash__isnull=False,
        )
        .order_by("id")
        .values_list("id", "dhash", "same_as_id")
    )
    for pk, value, same_as in candidates.iterator():
        if pictures.distance(value, material.dhash) <= pictures.NEAR_BITS:
            return Material(pk=same_as or pk)
    return None


def _duplicate_notice(material: Material) -> list[str]:
    if material.same_as_id is None:
        return []
    first = Material.objects.select_related("unit").get(pk=material.same_as_id)
    return [
        _("This photo looks the same as “%(title)s” sent by %(unit)s: the album shows them as one.")
        % {"title": first.title, "unit": first.unit.name}
    ]


def _details(material: Material) -> dict:
    return {
        "kind": material.kind,
        "title": material.title,
        "taken_on": material.taken_on.isoformat(),
        "period": material.period.key,
        "original_name": material.original_name,
        "size": material.size,
        "file": material.file.name,
        "late": material.is_late,
    }


def _locked(material: Material, revision: int | None) -> Material:
    locked = Material.objects.select_for_update().select_related("unit").get(pk=material.pk)
    if revision is not None and locked.revision != revision:
        raise ApplicationError(
            _("Someone else changed this material while you had it open. Reload the page.")
        )
    return locked


@transaction.atomic
def material_withdraw(*, actor, material: Material, revision: int) -> Material:
    """The unit takes back what it sent, as long as its compiler has not chosen it."""
    material = _locked(material, revision)
    if MaterialStatus.WITHDRAWN not in TRANSITIONS[material.status]:
        raise ApplicationError(_("This material was already withdrawn."))
    if material.batch_links.exists():
        raise ApplicationError(
            _("The level above has already chosen this material to send up: ask it instead.")
        )
    material.status = MaterialStatus.WITHDRAWN
    material.revision += 1
    material.save(update_fields=["status", "revision"])
    _reroot_copies(material)
    audit_record(
        actor=actor, action=AuditAction.MATERIAL_WITHDRAW, obj=material, unit=material.unit
    )
    return material


def _reroot_copies(material: Material) -> None:
    """The copies of a withdrawn first copy now hang on the earliest of them."""
    copies = list(Material.objects.filter(same_as=material).order_by("id"))
    if not copies:
        return
    root = copies[0]
    Material.objects.filter(pk=root.pk).update(same_as=None, group_key=root.pk)
    Material.objects.filter(pk__in=[c.pk for c in copies[1:]]).update(
        same_as=root, group_key=root.pk
    )


@transaction.atomic
def material_consent_record(
    *, actor, material: Material, revision: int, given_by: str, given_on, uses: list[str]
) -> Material:
    """Record (or replace) the consent of the people shown to a public use."""
    material = _locked(material, revision)
    details = MaterialDetails(
        title=material.title,
        taken_on=material.taken_on,
        consent_given_by=given_by,
        consent_given_on=given_on,
        consent_uses=list(uses),
    )
    if not given_by.strip():
        raise ApplicationError(_("Say who gave the consent."), field="given_by")
    _check_consent(details)
    material.consent_given_by = details.consent_given_by.strip()
    material.consent_given_on = details.consent_given_on
    material.consent_uses = details.consent_uses
    material.revision += 1
    material.save()
    audit_record(
        actor=actor,
        action=AuditAction.MATERIAL_CONSENT,
        obj=material,
        unit=material.unit,
        changes={"given_by": material.consent_given_by, "uses": material.consent_uses},
    )
    return material


def anniversary_year(day: dt.date) -> int:
    """The 11 June a day leads up to: 11/6/Y-1 … 10/6/Y belong to year Y."""
    return day.year + 1 if (day.month, day.day) >= (6, 11) else day.year


def anniversary_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year - 1, 6, 11), dt.date(year, 6, 10)


def collection_for(*, unit, year: int) -> Collection:
    try:
        with transaction.atomic():
            return Collection.objects.get_or_create(unit=unit, year=year)[0]
    except IntegrityError:  # created at the same moment by a colleague
        return Collection.objects.get(unit=unit, year=year)


@transaction.atomic
def favourite_set(*, actor, unit, material: Material, chosen: bool) -> Collection:
    """Mark (or unmark) material for the unit's 11 June collection of its year. Material
    showing people needs their consent to the exhibition and yearbook."""
    material = Material.objects.select_for_update().get(pk=material.pk)
    collection = collection_for(unit=unit, year=anniversary_year(material.taken_on))
    existing = Favourite.objects.filter(collection=collection, material=material)
    if not chosen:
        if existing.delete()[0]:
            audit_record(actor=actor, action=AuditAction.FAVOURITE_REMOVE, obj=material, unit=unit)
        return collection
    if material.status != MaterialStatus.SENT:
        raise ApplicationError(_("Withdrawn material cannot go into the collection."))
    if material.shows_people and PublicUse.EXHIBITION not in material.consent_uses:
        raise ApplicationError(
            _(
                "“%(title)s” shows people who have not consented to the 11 June exhibition and "
                "yearbook. Record their consent first."
            )
            % {"title": material.title}
        )
    if not existing.exists():
        Favourite.objects.create(collection=collection, material=material, added_by=actor)
        audit_record(
            actor=actor,
            action=AuditAction.FAVOURITE_ADD,
            obj=material,
            unit=unit,
            changes={"year": collection.year},
        )
    return collection
