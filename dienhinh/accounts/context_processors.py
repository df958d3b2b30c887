from django.utils.functional import SimpleLazyObject

from .scope import Action, units_for


def navigation(request):
    """What the menu needs; computed lazily so pages that do not show a menu pay nothing."""
    user = getattr(request, "user", None)
    return {
        "show_audit_nav": SimpleLazyObject(
            lambda: bool(user and units_for(user, Action.READ_AUDIT).exists())
        ),
        "show_publishing_nav": SimpleLazyObject(
            lambda: bool(user and units_for(user, Action.PUBLISH).exists())
        ),
        "show_review_nav": SimpleLazyObject(
            lambda: bool(user and units_for(user, Action.REVIEW_NOMINATIONS).exists())
        ),
    }
