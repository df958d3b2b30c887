"""Reading notices: a user's own, unread first."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from .models import Notice


def notices_for(*, user) -> QuerySet[Notice]:
    unread_first = Case(
        When(read_at=None, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        Notice.objects.filter(user=user)
        .alias(unread=unread_first)
        .order_by("unread", "-created_at", "-pk")
    )


def notices_unread_count(*, user) -> int:
    return Notice.objects.filter(user=user, read_at=None).count()
