from wagtail.models import Page

import pytest

from articles.models import HomePage


@pytest.mark.django_db
def test_home_page_renders_with_one_h1_and_a_skip_link(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'href="#main"' in html
    assert home.intro in html
    assert (
        '<a class="support-link button" href="/membership/">'
        'Support<span class="support-link__more"> us</span></a>'
    ) in html
    # The search box and the sections are in the header's menu disclosure.
    menu = html[html.index('<details class="site-menu">') : html.index("</details>")]
    assert 'role="search"' in menu


@pytest.mark.django_db
def test_reader_pages_carry_a_strict_content_security_policy(client, home):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_home_page_is_a_singleton_under_the_root(home):
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root) is False  # max_count = 1 already reached
    assert HomePage.allowed_parent_page_models() == [Page]
