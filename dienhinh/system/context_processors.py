from django.utils.functional import SimpleLazyObject

from dienhinh.accounts.scope import Action, units_for

from .selectors import worker_is_stale


def worker_warning(request):
    """For those who may open the system page: the link to it, and a warning on every page
    while the worker is down. Computed only when a page shows them."""
    user = getattr(request, "user", None)

    def may_see() -> bool:
        return bool(user and units_for(user, Action.VIEW_SYSTEM).exists())

    return {
        "show_system_nav": SimpleLazyObject(may_see),
        "worker_down": SimpleLazyObject(lambda: may_see() and worker_is_stale()),
    }
