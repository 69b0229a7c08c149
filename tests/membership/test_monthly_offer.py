"""After a one-time gift, the thank-you page offers the same amount monthly."""

from urllib.parse import parse_qs, urlsplit

import pytest

from membership.models import Contribution
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.membership.appeals.conftest import give_membership

pytestmark = pytest.mark.django_db

THANKS = "/membership/thanks/"


def gift(amount: int, **fields) -> Contribution:
    return Contribution.objects.create(
        checkout_session_id=f"cs_test_gift{amount}",
        email="giver@example.org",
        amount=amount,
        currency="usd",
        **fields,
    )


def offer_href(html: str) -> str:
    start = html.index('class="monthly-offer"')
    href = html.index('href="', start) + len('href="')
    return html[href : html.index('"', href)].replace("&amp;", "&")


def test_a_gift_is_offered_monthly_at_the_same_amount(client, tiers):
    gift(2500, appeal="7", source_page_id=None)
    html = client.get(THANKS, {"session_id": "cs_test_gift2500"}).content.decode()
    assert "Make it monthly?" in html
    assert "Give $25 / month" in html
    url = urlsplit(offer_href(html))
    assert url.path == "/membership/join/"
    assert parse_qs(url.query) == {"interval": ["month"], "amount": ["25.00"]}
    # The link leads to the usual confirm step (here: the email step, keeping the choice).
    response = client.get(offer_href(html))
    assert response.status_code == 302
    assert "amount=25.00" in response["Location"]


def test_the_offer_keeps_the_gifts_attribution(client, tiers, home):
    article_page = ArticlePageFactory(parent=SectionPageFactory(parent=home))
    gift(1500, source_page_id=article_page.pk)
    html = client.get(THANKS, {"session_id": "cs_test_gift1500"}).content.decode()
    assert parse_qs(urlsplit(offer_href(html)).query)["article"] == [str(article_page.pk)]


def test_no_offer_below_the_monthly_minimum_or_for_members(client, tiers, reader):
    gift(100)
    assert (
        "Make it monthly?"
        not in client.get(THANKS, {"session_id": "cs_test_gift100"}).content.decode()
    )
    gift(2000)
    give_membership(reader, "active")
    client.force_login(reader)
    assert (
        "Make it monthly?"
        not in client.get(THANKS, {"session_id": "cs_test_gift2000"}).content.decode()
    )


def test_no_offer_for_a_refunded_gift(client, tiers):
    gift(3000, status=Contribution.Status.REFUNDED)
    html = client.get(THANKS, {"session_id": "cs_test_gift3000"}).content.decode()
    assert "Make it monthly?" not in html
