"""Adding and correcting a unit's media outlets. Each write is atomic and audited."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record, diff
from dienhinh.common.errors import ApplicationError
from dienhinh.common.locking import lock_at_revision
from dienhinh.units.models import Unit

from .channels import consent_channel_for
from .models import Outlet, OutletKind


@dataclass
class OutletSpec:
    kind: str
    name: str
    address: str = ""
    contact_email: str = ""
    channel: str = ""  # only for an outlet of kind "other"
    is_active: bool = True


def _checked(spec: OutletSpec, owner: Unit) -> dict:
    name = spec.name.strip()
    if not name:
        raise ApplicationError(_("Give the outlet its name."), field="name")
    if spec.kind not in OutletKind.values:
        raise ApplicationError(_("Choose what kind of outlet it is."), field="kind")
    email = spec.contact_email.strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ApplicationError(
                _("%(address)s is not a valid e-mail address.") % {"address": email},
                field="contact_email",
            ) from exc
    channel = consent_channel_for(kind=spec.kind, owner=owner, chosen=spec.channel)
    if channel is None:
        raise ApplicationError(
            _("Say which consent a story needs to go out on this outlet."), field="channel"
        )
    return {
        "kind": spec.kind,
        "name": name,
        "address": spec.address.strip(),
        "contact_email": email,
        "consent_channel": channel,
        "is_active": spec.is_active,
    }


@transaction.atomic
def outlet_create(*, actor, unit: Unit, spec: OutletSpec) -> Outlet:
    values = _checked(spec, unit)
    try:
        with transaction.atomic():
            outlet = Outlet.objects.create(unit=unit, **values)
    except IntegrityError as exc:
        raise ApplicationError(
            _("%(unit)s already has an outlet called “%(name)s”.")
            % {"unit": unit.name, "name": values["name"]},
            field="name",
        ) from exc
    audit_record(
        actor=actor, action=AuditAction.OUTLET_CREATE, obj=outlet, unit=unit, changes=values
    )
    return outlet


@transaction.atomic
def outlet_update(*, actor, outlet: Outlet, revision: int, spec: OutletSpec) -> Outlet:
    outlet = lock_at_revision(Outlet.objects, pk=outlet.pk, revision=revision)
    values = _checked(spec, outlet.unit)
    changes = diff(outlet, list(values), values)
    for name, value in values.items():
        setattr(outlet, name, value)
    outlet.revision += 1
    try:
        with transaction.atomic():
            outlet.save()
    except IntegrityError as exc:
        raise ApplicationError(
            _("%(unit)s already has an outlet called “%(name)s”.")
            % {"unit": outlet.unit.name, "name": values["name"]},
            field="name",
        ) from exc
    audit_record(
        actor=actor,
        action=AuditAction.OUTLET_UPDATE,
        obj=outlet,
        unit=outlet.unit,
        changes=changes,
    )
    return outlet
