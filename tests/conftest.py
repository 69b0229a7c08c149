from django.core.cache import cache

import pytest

from articles.models import HomePage
from tests.factories import make_home


@pytest.fixture
def home(db) -> HomePage:
    """A bare home page at the root of the default site (http://localhost)."""
    return make_home()


@pytest.fixture
def uncached(settings):
    """Pages rendered on every request: the full-page cache is off, so a test
    that counts queries counts what rendering costs."""
    settings.PAGE_CACHE = False


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache: rate-limit counters (allauth) and
    cached look-ups never leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()
