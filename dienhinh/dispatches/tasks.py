"""The worker's jobs for dispatches: thin wrappers around the services."""

from huey.contrib.djhuey import db_task

from .uploads import dispatch_read


@db_task(retries=1, retry_delay=30)
def read_dispatch(dispatch_id: int) -> None:
    """Read an uploaded PDF or picture (text recognition for scanned pages). Retried once if
    the worker died on it; a reading already finished is not done twice."""
    dispatch_read(dispatch_id=dispatch_id)
