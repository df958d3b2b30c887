import pytest

from .helpers import seed_cycle


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def cycle(cast):
    """(district period, city period) of October 2023."""
    return seed_cycle(cast)
