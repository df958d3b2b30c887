import pytest

from dienhinh.testing import build_cast


@pytest.fixture
def cast(db):
    """The named cast of `dienhinh.testing.build_cast` on a fresh small tree."""
    return build_cast()
