"""The one way a service takes a row to change it: locked, and at the revision the user's
page was loaded with, so a stale page never overwrites a colleague's change silently."""

from django.db import models
from django.utils.translation import gettext as _

from .errors import ApplicationError


def lock_at_revision(queryset: models.QuerySet, *, pk, revision: int | None, message: str = ""):
    """`SELECT … FOR UPDATE` the row, then refuse it if its `revision` is not `revision`
    (None: the caller does not compare, e.g. a job). Lock only the table the change needs:
    a `select_related` here would lock the joined rows too on PostgreSQL."""
    row = queryset.select_for_update(of=("self",)).get(pk=pk)
    if revision is not None and row.revision != revision:
        raise ApplicationError(
            message
            or _(
                "Someone else changed this while you had it open. Reload the page to see "
                "their change, then try again."
            )
        )
    return row
