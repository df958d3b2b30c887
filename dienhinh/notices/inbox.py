"""A user's inbox of in-app notices: written by the services of other domains inside the
transaction of the change they announce; read and marked read by the user alone."""

from django.utils import timezone

from dienhinh.accounts.models import User

from .models import Notice


def notice_create(*, user: User, title: str, body: str, link: str) -> Notice:
    return Notice.objects.create(user=user, title=title[:255], body=body, link=link)


def notice_mark_read(*, user: User, notice: Notice) -> None:
    """Idempotent; leaves alone a notice of someone else (the view has answered 404)."""
    Notice.objects.filter(pk=notice.pk, user=user, read_at=None).update(read_at=timezone.now())


def notices_mark_all_read(*, user: User) -> int:
    return Notice.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
