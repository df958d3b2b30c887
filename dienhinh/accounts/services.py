"""Accounts and roles: opening accounts, granting and withdrawing roles, and the roles a
restructure ends. Every change is audited, filed under the unit concerned."""

import datetime as dt

from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import today, vn_date
from dienhinh.common.emails import normalise_emails
from dienhinh.common.errors import ApplicationError
from dienhinh.common.mail import send_email
from dienhinh.common.text import clean_line
from dienhinh.units.models import Unit, UnitLineage

from .models import Membership, Role, User

# Letters without accents, digits and . _ - @ +: what every mail client and login form
# takes as it is typed (no "<script>", no spaces, no look-alike characters).
_USERNAME = UnicodeUsernameValidator(regex=r"^[a-zA-Z0-9.@+_-]+\Z")


def _check_unit_current(unit: Unit) -> None:
    if unit.valid_to is not None and unit.valid_to <= today():
        raise ApplicationError(
            _("%(unit)s ended on %(day)s: nobody can be given a role there any more.")
            % {"unit": unit.name, "day": vn_date(unit.valid_to)},
            code="unit_ended",
        )


@transaction.atomic
def membership_grant(
    *, actor, user, unit, role: str, title: str = "", valid_from: dt.date | None = None
) -> Membership:
    if role not in Role.values:
        raise ApplicationError(_("Unknown role: %(role)s.") % {"role": role}, field="role")
    _check_unit_current(unit)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user,
                unit=unit,
                role=role,
                title=clean_line(title),
                valid_from=valid_from or today(),
            )
    except IntegrityError as exc:
        raise ApplicationError(
            _("%(user)s already has this role in %(unit)s.") % {"user": user, "unit": unit.name}
        ) from exc
    audit_record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_GRANT,
        obj=membership,
        unit=unit,
        changes={"user": user.get_username(), "role": role, "title": membership.title},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    locked = Membership.objects.select_for_update().filter(pk=membership.pk).first()
    if locked is None:
        raise ApplicationError(_("This role was already withdrawn."))
    if locked.user_id == getattr(actor, "pk", None) and locked.role == Role.ADMINISTRATOR:
        # Nobody locks themselves out by mistake; another administrator can do it.
        raise ApplicationError(_("You cannot withdraw your own administrator role."))
    audit_record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_REVOKE,
        obj=locked,
        unit=locked.unit,
        changes={"user": locked.user.get_username(), "role": locked.role},
    )
    locked.delete()


def _check_username(username: str) -> str:
    username = username.strip()
    try:
        _USERNAME(username)
    except ValidationError:
        raise ApplicationError(
            _(
                "A user name may hold only letters without accents, digits and . _ - @ +, "
                "e.g. hungdao.baocao."
            ),
            field="username",
        ) from None
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(
            _("The user name %(username)s is already taken.") % {"username": username},
            field="username",
        )
    return username


@transaction.atomic
def user_create(*, actor, username: str, full_name: str, email: str, unit) -> User:
    """A new account with no usable password: its owner sets one from the invitation."""
    username = _check_username(username)
    email = email.strip().lower()
    if not email:
        raise ApplicationError(
            _("A new account needs an e-mail address to receive its invitation."), field="email"
        )
    normalise_emails([email])
    user = User(username=username, full_name=clean_line(full_name), email=email)
    user.set_unusable_password()
    user.save()
    audit_record(
        actor=actor,
        action=AuditAction.USER_CREATE,
        obj=user,
        unit=unit,
        changes={"username": username, "full_name": user.full_name, "email": email},
    )
    return user


@transaction.atomic
def member_add(
    *,
    actor,
    unit: Unit,
    username: str,
    role: str,
    title: str = "",
    full_name: str = "",
    email: str = "",
    base_url: str,
) -> tuple[Membership, bool]:
    """Give a role in `unit` to an account, opening it (and inviting its owner by e-mail
    once the transaction commits) when the user name is new. Returns (membership, opened)."""
    user = User.objects.filter(username__iexact=username.strip()).first()
    opened = user is None
    if opened:
        user = user_create(
            actor=actor, username=username, full_name=full_name, email=email, unit=unit
        )
    membership = membership_grant(actor=actor, user=user, unit=unit, role=role, title=title)
    if opened:
        transaction.on_commit(lambda: user_send_invitation(user=user, unit=unit, base_url=base_url))
    return membership, opened


def memberships_follow_restructure(*, event, actor) -> None:
    """A unit that ends (merge, split, dissolution) ends its roles on the same day: their
    holders keep reading its history and write nothing more. The successor's
    administrators see them on its members page and may give them a role there."""
    ended = set(Unit.objects.filter(valid_to=event.effective_date).values_list("pk", flat=True))
    touched = set(UnitLineage.objects.filter(event=event).values_list("predecessor_id", flat=True))
    if event.subject_id:
        touched.add(event.subject_id)
        subject = Unit.objects.get(pk=event.subject_id)
        touched |= set(
            Unit.objects.filter(path__startswith=subject.path).values_list("pk", flat=True)
        )
    memberships = Membership.objects.filter(
        unit_id__in=ended & touched, valid_to__isnull=True
    ).select_related("user", "unit")
    for membership in memberships:
        # A role granted after a restructure that is recorded late never acted: it ends the
        # day it began.
        membership.valid_to = max(event.effective_date, membership.valid_from)
        membership.ended_by = event
        membership.save(update_fields=["valid_to", "ended_by"])
        audit_record(
            actor=actor,
            action=AuditAction.MEMBERSHIP_END,
            obj=membership,
            unit=membership.unit,
            changes={
                "user": membership.user.get_username(),
                "role": membership.role,
                "ended_on": event.effective_date.isoformat(),
                "restructure": event,
            },
        )


def user_send_invitation(*, user: User, unit, base_url: str) -> None:
    """E-mail the new user a one-time link to choose their password (sent by the worker)."""
    context = {
        "user": user,
        "unit": unit,
        "link": base_url.rstrip("/")
        + reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        ),
    }
    subject = "".join(
        render_to_string("accounts/emails/invitation-subject.txt", context).split("\n")
    )
    send_email(
        subject=subject,
        body=render_to_string("accounts/emails/invitation-body.txt", context),
        to=[user.email],
        html=render_to_string("accounts/emails/invitation-body.html", context),
    )


def user_set_language(*, user: User, language: str) -> None:
    """Not audited: a display preference, not a change of rights or records."""
    if user.language != language:
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
