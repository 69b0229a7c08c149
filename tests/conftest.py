from wagtail.models import Page, Site

import pytest

from articles.models import HomePage
from tests.factories import HomePageFactory


@pytest.fixture
def home_page(db) -> HomePage:
    """A bare home page as the default site's root, in place of Wagtail's welcome page."""
    root = Page.get_first_root_node()
    placeholders = list(root.get_children())
    home = HomePageFactory(parent=root, slug="news", intro="Independent journalism, free to read.")
    Site.objects.filter(is_default_site=True).update(root_page=home)
    for placeholder in placeholders:
        placeholder.delete()
    return home
