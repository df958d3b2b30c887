from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import audit_record
from dienhinh.common.dates import today
from dienhinh.common.forms import add_application_error
from dienhinh.nominations import selectors as nomination_selectors
from dienhinh.system.throttles import Throttled, client_address, password_reset_throttle
from dienhinh.units.selectors import unit_ancestors

from .forms import LoginForm, QueuedPasswordResetForm
from .scope import Action, can
from .selectors import memberships_of
from .services import user_set_language


def home(request):
    """What the user has to do: periods to report for, nominations to review, their units."""
    memberships = memberships_of(user=request.user)
    for membership in memberships:
        membership.ancestors = unit_ancestors(unit=membership.unit)
        membership.can_read_audit = can(request.user, membership.unit, Action.READ_AUDIT)
    context = {
        "memberships": memberships,
        "tasks": nomination_selectors.tasks_for(user=request.user, on=today()),
        "to_review": nomination_selectors.to_review_for(user=request.user)[:20],
        "nav": "home",
    }
    return render(request, "accounts/home.html", context)


@login_not_required
@require_POST
def language_switch(request):
    """The language switch: Django's own view sets the cookie; a signed-in user's choice is
    also kept, so notices and e-mails reach them in that language."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_set_language(user=request.user, language=language)
    return response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = QueuedPasswordResetForm
    email_template_name = "accounts/emails/password-reset-body.txt"
    html_email_template_name = "accounts/emails/password-reset-body.html"
    subject_template_name = "accounts/emails/password-reset-subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        """Rate-limited per address and per client before any mail is queued."""
        try:
            password_reset_throttle(
                email=form.cleaned_data["email"], client=client_address(self.request)
            )
        except Throttled as exc:
            add_application_error(form, exc)
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(exc.retry_after)
            return response
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            actor=form.user,
            action=AuditAction.USER_PASSWORD_RESET,
            obj=form.user,
            ip_address=self.request.META.get("REMOTE_ADDR"),
        )
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            actor=self.request.user,
            action=AuditAction.USER_PASSWORD_CHANGE,
            obj=self.request.user,
            ip_address=self.request.META.get("REMOTE_ADDR"),
        )
        return response
