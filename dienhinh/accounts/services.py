"""Granting and withdrawing roles: audited, filed under the unit concerned."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dienhinh.audit.services import audit_record
from dienhinh.common.errors import ApplicationError

from .models import Membership, Role


@transaction.atomic
def membership_grant(*, actor, user, unit, role: str, title: str = "") -> Membership:
    if role not in Role.values:
        raise ApplicationError(_("Unknown role: %(role)s.") % {"role": role}, field="role")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, unit=unit, role=role, title=title)
    except IntegrityError as exc:
        raise ApplicationError(
            _("%(user)s already has this role in %(unit)s.") % {"user": user, "unit": unit.name}
        ) from exc
    audit_record(
        actor=actor, action="membership.grant", obj=membership, unit=unit,
        changes={"user": user.get_username(), "role": role, "title": title},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    audit_record(
        actor=actor, action="membership.revoke", obj=membership, unit=membership.unit,
        changes={"user": membership.user.get_username(), "role": membership.role},
    )
    membership.delete()
