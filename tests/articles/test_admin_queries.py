"""Admin pages an editor opens all day run a fixed number of SQL queries,
whatever the number of articles, bylines or corrections: no query per row in
the page list, none per correction in the edit form (Wagtail's chooser
widgets look up each chosen author and page: pinned below).
The counts are Wagtail's own plus ours (the dashboard's panels); an upgrade
that changes them fails here with the new figure to check and pin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from articles.models import ArticleCorrection, ArticleRelated
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db

# Measured with SQLite, as an editor (not a superuser: permissions cost queries).
# Dashboard: the session, user, profile and permissions, Wagtail's summary
# counts and panels (workflow tasks, recent edits), and our audience panel.
DASHBOARD = 27
# A section's page list: Wagtail's listing (one query for the rows, their
# specific types and permissions in a few more), whatever the rows.
PAGE_LIST = 31
# An article's edit form with one byline and no related articles. Wagtail's
# chooser widgets look up what each one shows: one query per further byline
# (the author), two per related article (the page, then its specific type);
# at most four related articles, so at most eight.
EDIT_PAGE = 38
PER_BYLINE = 1
PER_RELATED = 2


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_user("editor@example.org", "pw-a-long-one")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def queries(client, url: str) -> int:
    client.get(url)  # the first request warms per-process caches
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def articles(section, count: int, bylines: int = 1, corrections: int = 0):
    made = []
    for _ in range(count):
        article = ArticlePageFactory(
            parent=section, bylines=[AuthorFactory() for _ in range(bylines)]
        )
        for n in range(corrections):
            ArticleCorrection.objects.create(page=article, text=f"Correction {n}.")
        made.append(article)
    return made


def test_dashboard_and_page_list_do_not_grow_with_articles(editor_client, section):
    articles(section, 2)
    few = (
        queries(editor_client, "/admin/"),
        queries(editor_client, f"/admin/pages/{section.pk}/"),
    )
    articles(section, 6)
    many = (
        queries(editor_client, "/admin/"),
        queries(editor_client, f"/admin/pages/{section.pk}/"),
    )
    assert few == many
    assert many == (DASHBOARD, PAGE_LIST)


def test_edit_page_grows_only_by_its_choosers(editor_client, section):
    [small] = articles(section, 1)
    [big] = articles(section, 1, bylines=4, corrections=3)
    for other in articles(section, 3):
        ArticleRelated.objects.create(page=big, article=other)
    assert queries(editor_client, f"/admin/pages/{small.pk}/edit/") == EDIT_PAGE
    # Three more bylines, three corrections (no query each), three related.
    expected = EDIT_PAGE + 3 * PER_BYLINE + 3 * PER_RELATED
    assert queries(editor_client, f"/admin/pages/{big.pk}/edit/") == expected
