"""Appeals cost reader pages no query per appeal: the live appeals come from
the cache, and a signed-in reader's audience is one query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from membership.models import Audience, Placement

pytestmark = pytest.mark.django_db


def count(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_appeals(make_appeal, section, n: int) -> None:
    for i in range(n):
        for audience in Audience.values:
            make_appeal(
                name=f"{audience} {i}",
                audience=audience,
                placement=[Placement.END, Placement.INLINE, Placement.BANNER][i % 3],
                after_paragraph=1,
                sections=[section] if i % 2 else [],
                goal=1000 if i == 0 else None,
            )


def test_article_page_queries_do_not_grow_with_appeals(client, section, article, make_appeal):
    add_appeals(make_appeal, section, 1)
    client.get(article.url)  # warm up: renditions, the appeals cache
    few, html = count(client, article.url)
    assert 'data-appeal-placement="end"' in html
    add_appeals(make_appeal, section, 9)
    client.get(article.url)
    many, html = count(client, article.url)
    assert html.count("data-appeal-id=") >= 10
    assert few == many


def test_signed_in_article_page_queries_do_not_grow_with_appeals(
    reader_client, section, article, make_appeal
):
    client = reader_client("canceled")
    add_appeals(make_appeal, section, 1)
    client.get(article.url)
    few, _ = count(client, article.url)
    add_appeals(make_appeal, section, 9)
    client.get(article.url)
    many, html = count(client, article.url)
    assert 'data-audience="lapsed"' in html
    assert few == many


def test_appeals_add_no_query_to_a_warm_anonymous_page(client, section, article, make_appeal):
    client.get(article.url)
    before, _ = count(client, article.url)
    add_appeals(make_appeal, section, 3)
    client.get(article.url)
    after, html = count(client, article.url)
    assert "data-appeal-id=" in html
    assert after == before
