"""An author's URL is reversed once per slug, and stays the reversed one."""

from unittest import mock

from django.urls import reverse, set_script_prefix

import pytest

from articles.models import snippets
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def test_an_authors_url_is_the_reversed_one_and_reversed_once():
    snippets.author_url.cache_clear()
    author = AuthorFactory(slug="ana-novak")
    with mock.patch.object(snippets, "reverse", wraps=reverse) as reversed_:
        urls = {author.get_absolute_url() for _ in range(5)}
    assert urls == {reverse("articles:author", kwargs={"slug": "ana-novak"})}
    assert reversed_.call_count == 1


def test_a_renamed_author_gets_the_new_url():
    author = AuthorFactory(slug="ana-novak")
    assert author.get_absolute_url() == "/authors/ana-novak/"
    author.slug = "ana-novak-kranjc"
    author.save()
    assert author.get_absolute_url() == "/authors/ana-novak-kranjc/"


def test_the_url_follows_the_script_prefix():
    author = AuthorFactory(slug="ana-novak")
    assert author.get_absolute_url() == "/authors/ana-novak/"
    set_script_prefix("/news/")
    try:
        assert author.get_absolute_url() == "/news/authors/ana-novak/"
    finally:
        set_script_prefix("/")
    assert author.get_absolute_url() == "/authors/ana-novak/"
