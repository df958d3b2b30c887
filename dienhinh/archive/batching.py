"""Material that goes up with a compiler's list: chosen beside the nominations of the
list (nominations.batches) and fixed once the list is forwarded."""

from django.db import transaction
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.errors import ApplicationError
from dienhinh.nominations.models import Batch, BatchStatus

from . import selectors
from .models import BatchMaterial, Material


@transaction.atomic
def batch_set_materials(*, actor, batch: Batch, materials: list[Material]) -> Batch:
    """Make the list carry exactly this material."""
    batch = Batch.objects.select_for_update().select_related("period").get(pk=batch.pk)
    if batch.status != BatchStatus.DRAFT:
        raise ApplicationError(_("This list was already forwarded and can no longer change."))
    allowed = set(selectors.eligible_for(batch).values_list("pk", flat=True))
    refused = [m for m in materials if m.pk not in allowed]
    if refused:
        raise ApplicationError(
            _("“%(title)s” was not sent to this level in this period, so it cannot go up.")
            % {"title": refused[0].title}
        )
    wanted = {m.pk for m in materials}
    current = set(batch.material_links.values_list("material_id", flat=True))
    if wanted == current:
        return batch
    batch.material_links.filter(material_id__in=current - wanted).delete()
    BatchMaterial.objects.bulk_create(
        BatchMaterial(batch=batch, material_id=pk) for pk in sorted(wanted - current)
    )
    audit_record(
        actor=actor,
        action=AuditAction.MATERIAL_FORWARD_CHOOSE,
        obj=batch,
        unit=batch.unit,
        changes={"count": len(wanted)},
    )
    return batch


def chosen_ids(batch: Batch) -> set[int]:
    return set(batch.material_links.values_list("material_id", flat=True))


def batch_set_materials_from(*, actor, batch: Batch, chosen_ids: list[str]) -> Batch:
    """The compile form's checked material (ids as posted), among what may go up."""
    if batch.status != BatchStatus.DRAFT:
        return batch
    eligible = selectors.eligible_for(batch)
    wanted = [m for m in eligible if str(m.pk) in set(chosen_ids)]
    return batch_set_materials(actor=actor, batch=batch, materials=wanted)


def compile_context(batch: Batch) -> dict:
    """What the compile page shows of the material: each item and whether it is chosen (a
    list not opened yet is an unsaved batch of the period)."""
    chosen = chosen_ids(batch) if batch.pk else set()
    eligible = list(selectors.eligible_for(batch)) if batch.status == BatchStatus.DRAFT else []
    return {
        "material_eligible": [(m, m.pk in chosen) for m in eligible],
        "material_forwarded": bool(chosen),
    }
