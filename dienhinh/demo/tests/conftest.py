import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The demo stores photos: keep them out of the checkout's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
