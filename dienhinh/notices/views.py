"""The user's own notifications: the list, opening one, marking all read."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import inbox, selectors
from .models import Notice


def notice_list(request):
    page = Paginator(selectors.notices_for(user=request.user), 30).get_page(
        request.GET.get("trang")
    )
    return render(request, "notices/list.html", {"page": page, "nav": "notices"})


@require_GET
def notice_open(request, pk: int):
    """Mark the notice read and go to its page; another user's notice does not exist here."""
    notice = get_object_or_404(Notice, pk=pk, user=request.user)
    inbox.notice_mark_read(user=request.user, notice=notice)
    # Links are paths written by the services; refuse anything else rather than redirect
    # off the site.
    if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None):
        return redirect(notice.link)
    return redirect("notices:list")


@require_POST
def notice_mark_all_read(request):
    inbox.notices_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notices:list")
