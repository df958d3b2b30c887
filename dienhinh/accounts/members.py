"""The members page of a unit: who holds which role there; administrators add and remove,
and see whose roles ended with the units merged or dissolved into this one."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dienhinh.common.email_typos import ConfirmEmailsMixin
from dienhinh.common.errors import ApplicationError
from dienhinh.common.forms import add_application_error
from dienhinh.units.models import Unit

from .models import Membership, Role, User
from .scope import Action, require
from .selectors import memberships_ended_into, unit_members
from .services import member_add, membership_grant, membership_revoke


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


def _added_message(membership: Membership, opened: bool) -> str:
    if opened:
        return _("Account %(username)s opened; an invitation was e-mailed to %(email)s.") % {
            "username": membership.user.username,
            "email": membership.user.email,
        }
    return _("%(user)s now has the role %(role)s.") % {
        "user": membership.user,
        "role": membership.get_role_display(),
    }


def members(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    require(request, unit, Action.MANAGE_MEMBERS)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership, opened = member_add(
                actor=request.user,
                unit=unit,
                base_url=request.build_absolute_uri("/"),
                **{name: data[name] for name in ("username", "role", "title", "full_name")},
                email=data["email"] or "",
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _added_message(membership, opened))
            return redirect("accounts:members", pk=unit.pk)
    context = {
        "unit": unit,
        "form": form,
        "members": unit_members(unit=unit),
        "ended": memberships_ended_into(unit=unit),
        "nav": "units",
    }
    return render(request, "accounts/members.html", context)


@require_POST
def member_revoke(request, pk: int, membership_pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    require(request, unit, Action.MANAGE_MEMBERS)
    membership = get_object_or_404(Membership, pk=membership_pk, unit=unit)
    try:
        membership_revoke(actor=request.user, membership=membership)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The role was withdrawn."))
    return redirect("accounts:members", pk=unit.pk)


@require_POST
def member_carry_over(request, pk: int, membership_pk: int):
    """Give, in this unit, the role someone held in a unit that ended into it."""
    unit = get_object_or_404(Unit, pk=pk)
    require(request, unit, Action.MANAGE_MEMBERS)
    ended = get_object_or_404(memberships_ended_into(unit=unit), pk=membership_pk)
    try:
        membership_grant(
            actor=request.user, user=ended.user, unit=unit, role=ended.role, title=ended.title
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _added_message(ended, opened=False))
    return redirect("accounts:members", pk=unit.pk)
