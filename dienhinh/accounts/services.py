"""Granting and withdrawing roles: audited, filed under the unit concerned."""

from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.emails import normalise_emails
from dienhinh.common.errors import ApplicationError
from dienhinh.common.mail import send_email

from .models import Membership, Role, User


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
        actor=actor,
        action=AuditAction.MEMBERSHIP_GRANT,
        obj=membership,
        unit=unit,
        changes={"user": user.get_username(), "role": role, "title": title},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    if not Membership.objects.filter(pk=membership.pk).exists():
        raise ApplicationError(_("This role was already withdrawn."))
    audit_record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_REVOKE,
        obj=membership,
        unit=membership.unit,
        changes={"user": membership.user.get_username(), "role": membership.role},
    )
    membership.delete()


@transaction.atomic
def user_create(*, actor, username: str, full_name: str, email: str, unit) -> User:
    """A new account with no usable password: its owner sets one from the invitation."""
    username = username.strip()
    email = email.strip().lower()
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(
            _("The user name %(username)s is already taken.") % {"username": username},
            field="username",
        )
    if not email:
        raise ApplicationError(
            _("A new account needs an e-mail address to receive its invitation."), field="email"
        )
    normalise_emails([email])
    user = User(username=username, full_name=full_name.strip(), email=email)
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
