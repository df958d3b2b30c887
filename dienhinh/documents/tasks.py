"""The worker's jobs for documents: thin wrappers around the services."""

from huey.contrib.djhuey import db_task

from .conversion import conversion_run


@db_task(retries=1, retry_delay=30)
def convert_document(conversion_id: int) -> None:
    """DOCX → PDF with LibreOffice, never in a web request (a conversion takes seconds)."""
    conversion_run(conversion_id=conversion_id)
