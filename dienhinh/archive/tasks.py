"""Background jobs of the archive: thin wrappers around exports.py."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import exports


@db_task()
def archive_build_task(export_id: int) -> None:
    exports.export_build(export_id=export_id)


@db_periodic_task(crontab(minute="17"))
def archive_expire_task() -> None:
    """Free the storage of builds whose links have expired (hourly; safe to run twice)."""
    exports.exports_expire()
