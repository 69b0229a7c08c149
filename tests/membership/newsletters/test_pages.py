"""The reader pages, the footer form and the article block; issue rendering
with article cards (images with alt text and dimensions, tracked links)."""

import pytest

from membership.newsletters.issues import Issue
from membership.newsletters.rendering import render_issue
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def test_the_newsletters_page_and_each_newsletter_page(client, daily, weekly, briefing):
    html = client.get("/newsletters/").content.decode()
    assert "The Daily" in html
    assert "The Weekly" in html
    assert 'action="/newsletters/subscribe/"' in html
    page = client.get("/newsletters/daily/")
    assert page.status_code == 200
    assert "Every morning." in page.content.decode()
    assert "Become a member" in client.get("/newsletters/briefing/").content.decode()
    assert client.get("/newsletters/nope/").status_code == 404


def test_the_footer_and_the_article_block_offer_a_get_form(client, home, daily, uncached):
    section = SectionPageFactory(parent=home, title="World", slug="world")
    article = ArticlePageFactory(
        parent=section,
        slug="story",
        body=[
            ("paragraph", "<p>Text.</p>"),
            ("newsletter_signup", {"newsletter": daily}),
        ],
    )
    html = client.get(article.url).content.decode()
    assert 'id="footer-newsletter-email"' in html  # the footer
    block = html.split('aria-label="Newsletter sign-up"', 1)[1].split("</aside>", 1)[0]
    assert 'method="get" action="/newsletters/subscribe/"' in block
    assert f'name="newsletter" value="{daily.pk}"' in block
    assert 'name="source" value="/world/story/"' in block
    assert "The Daily" in block


def test_an_issue_renders_cards_with_alt_text_dimensions_and_tracked_links(home, daily):
    section = SectionPageFactory(parent=home, title="World", slug="world")
    article = ArticlePageFactory(parent=section, slug="story", title="A story")
    issue = Issue.objects.create(
        newsletter=daily,
        subject="S",
        body=[("articles", {"heading": "Today", "articles": [article]})],
    )
    rendered = render_issue(issue)
    assert 'alt="' in rendered.html
    assert 'width="560" height="315"' in rendered.html
    assert (
        "/world/story/?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=daily"
        in rendered.html
    )
    assert f"utm_content=issue-{issue.pk}" in rendered.text
    assert "* A story" in rendered.text
    assert "<img" not in rendered.text


def test_after_joining_the_thank_you_page_offers_the_members_lists(
    client, reader, subscribe, daily, briefing
):
    membership, _ = subscribe(reader)
    client.force_login(reader)
    html = client.get(f"/membership/thanks/?session_id={membership.checkout_session_id}")
    html = html.content.decode()
    assert "Get our newsletters" in html
    assert f'value="{briefing.pk}"' in html  # members-only: now offered
    response = client.post(
        "/newsletters/subscribe/",
        {
            "email": reader.email,
            "newsletters": [daily.pk, briefing.pk],
            "source": "/membership/thanks/",
        },
    )
    assert response.status_code == 302
    assert set(
        reader.newsletter_subscribers.get().subscriptions.values_list("status", flat=True)
    ) == {"subscribed"}
