"""The members page of a unit: who holds which role there; administrators add and remove."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dienhinh.common.email_typos import ConfirmEmailsMixin
from dienhinh.common.errors import ApplicationError
from dienhinh.units.models import Unit

from .models import Membership, Role, User
from .scope import Action, require
from .selectors import unit_members
from .services import membership_grant, membership_revoke, user_create, user_send_invitation


class MemberAddForm(ConfirmEmailsMixin, forms.Form):
    username = forms.CharField(
        label=gettext_lazy("User name"),
        max_length=150,
        help_text=gettext_lazy("An existing account, or a new one to open."),
    )
    full_name = forms.CharField(
        label=gettext_lazy("Full name (new account)"), max_length=150, required=False
    )
    email = forms.EmailField(label=gettext_lazy("E-mail (new account)"), required=False)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    title = forms.CharField(label=gettext_lazy("Position"), max_length=150, required=False)
    field_order = ["username", "full_name", "email", "confirm_emails", "role", "title"]
    typo_checked_fields = ("email",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm_emails"].label = gettext_lazy(
            "I have checked: this address is correct"
        )

    def addresses_to_check(self, data) -> dict[str, str]:
        # The address only serves a new account (its invitation); an existing one keeps its own.
        username = (data.get("username") or "").strip()
        if not username or User.objects.filter(username__iexact=username).exists():
            return {}
        return super().addresses_to_check(data)


def _add(request, unit: Unit, data) -> str:
    with transaction.atomic():
        user = User.objects.filter(username__iexact=data["username"].strip()).first()
        created = user is None
        if created:
            user = user_create(
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                unit=unit,
            )
        membership_grant(
            actor=request.user, user=user, unit=unit, role=data["role"], title=data["title"]
        )
        if created:
            base_url = request.build_absolute_uri("/")
            transaction.on_commit(
                lambda: user_send_invitation(user=user, unit=unit, base_url=base_url)
            )
    if created:
        return _("Account %(username)s opened; an invitation was e-mailed to %(email)s.") % {
            "username": user.username,
            "email": user.email,
        }
    return _("%(user)s now has the role %(role)s.") % {
        "user": user,
        "role": Role(data["role"]).label,
    }


def members(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    require(request, unit, Action.MANAGE_MEMBERS)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            messages.success(request, _add(request, unit, form.cleaned_data))
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("accounts:members", pk=unit.pk)
    context = {"unit": unit, "form": form, "members": unit_members(unit=unit), "nav": "units"}
    return render(request, "accounts/members.html", context)


@require_POST
def member_revoke(request, pk: int, membership_pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    require(request, unit, Action.MANAGE_MEMBERS)
    membership = get_object_or_404(Membership, pk=membership_pk, unit=unit)
    if membership.user_id == request.user.pk and membership.role == Role.ADMINISTRATOR:
        messages.error(request, _("You cannot withdraw your own administrator role."))
        return redirect("accounts:members", pk=unit.pk)
    membership_revoke(actor=request.user, membership=membership)
    messages.success(request, _("The role was withdrawn."))
    return redirect("accounts:members", pk=unit.pk)
