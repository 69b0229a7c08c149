import pytest

from tests.factories import SectionPageFactory, make_home


@pytest.fixture
def home(db):
    """A bare home page at the root of the default site (http://localhost)."""
    return make_home()


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="World", slug="world")
