"""The system page: the worker's health for system administrators (who may also send failed
e-mails again) and, read-only, for units' administrators."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dienhinh.accounts.scope import Action, deny, units_for
from dienhinh.mail.services import mail_requeue_failed

from .selectors import system_status


def status(request):
    if not units_for(request.user, Action.VIEW_SYSTEM).exists():
        deny(request, Action.VIEW_SYSTEM)
    superuser = request.user.is_superuser
    context = {"status": system_status(details=superuser), "can_act": superuser, "nav": "system"}
    return render(request, "system/status.html", context)


@require_POST
def mail_requeue(request):
    if not request.user.is_superuser:
        deny(request, "requeue_mail")
    count = mail_requeue_failed(actor=request.user)
    messages.success(request, _("%(count)d e-mails were queued again.") % {"count": count})
    return redirect("system:status")
