import pytest

from articles.models import HomePage
from tests.factories import make_home


@pytest.fixture
def home(db) -> HomePage:
    """A bare home page at the root of the default site (http://localhost)."""
    return make_home()
