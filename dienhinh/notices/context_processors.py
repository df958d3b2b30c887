from django.utils.functional import SimpleLazyObject

from .selectors import notices_unread_count


def unread(request):
    """The menu's unread count; counted only if a page shows it (lazy)."""
    user = getattr(request, "user", None)
    return {
        "unread_notices": SimpleLazyObject(
            lambda: notices_unread_count(user=user) if user and user.is_authenticated else 0
        )
    }
