from io import StringIO

from django.core.management import call_command

from wagtail.models import Site

import pytest

from articles.models import HomePage


@pytest.fixture
def home_page(db) -> HomePage:
    """The site's home page, as `load_demo_content` sets it up."""
    call_command("load_demo_content", stdout=StringIO())
    return Site.objects.get(is_default_site=True).root_page.specific
