"""Background work of publishing: thin wrappers around the services."""

from huey.contrib.djhuey import db_task

from .bulletin_files import bulletin_make_audio


@db_task(retries=1, retry_delay=30)
def bulletin_audio(bulletin_id: int, revision: int) -> bool:
    """Read a bulletin's script into its audio draft (espeak-ng, then ffmpeg)."""
    return bulletin_make_audio(bulletin_id=bulletin_id, revision=revision)
