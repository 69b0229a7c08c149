"""Who sees which appeal, where, and that anonymous pages stay cacheable."""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from membership.appeals.selection import eligible
from membership.models import Audience, Placement
from tests.factories import SectionPageFactory
from tests.membership.appeals.conftest import give_membership

pytestmark = pytest.mark.django_db

NONCE = re.compile(r' nonce="[^"]*"')
PLEA = "Independent journalism needs you"
THANKS = "Thank you for being a member"


def variants(html: str, placement: str) -> list[dict]:
    """The appeal variants of one placement in a page: their attributes."""
    found = []
    for tag in re.findall(
        rf'<div class="appeal[^>]*data-appeal-placement="{placement}"[^>]*>', html
    ):
        found.append(
            {
                "audience": re.search(r'data-audience="([^"]+)"', tag).group(1),
                "id": int(re.search(r'data-appeal-id="(\d+)"', tag).group(1)),
                "weight": int(re.search(r'data-appeal-weight="(\d+)"', tag).group(1)),
                "hidden": " hidden" in tag,
            }
        )
    return found


@pytest.fixture
def audiences(make_appeal):
    """One end-of-article appeal per audience; members get a thank-you."""
    return {
        Audience.ANONYMOUS: make_appeal(heading=PLEA, audience=Audience.ANONYMOUS),
        Audience.SIGNED_IN: make_appeal(heading="You read us often", audience=Audience.SIGNED_IN),
        Audience.LAPSED: make_appeal(heading="Come back to us", audience=Audience.LAPSED),
        Audience.MEMBER: make_appeal(heading=THANKS, audience=Audience.MEMBER, cta_label=""),
    }


def test_anonymous_reader_sees_the_end_of_article_appeal(client, article, audiences):
    response = client.get(article.url)
    html = response.content.decode()
    [shown] = variants(html, "end")
    assert shown == {
        "audience": "anonymous",
        "id": audiences[Audience.ANONYMOUS].pk,
        "weight": 1,
        "hidden": False,
    }
    assert PLEA in html
    link = f"appeal={audiences[Audience.ANONYMOUS].pk}&amp;article={article.pk}"
    assert link in html
    assert 'src="/static/js/appeals.js" defer data-beacon="/membership/appeals/beacon/"' in html
    assert "Set-Cookie" not in response.headers
    assert "csrfmiddlewaretoken" not in html


def test_member_sees_the_thank_you_and_never_the_plea(reader_client, article, audiences):
    html = reader_client("active").get(article.url).content.decode()
    assert [v["audience"] for v in variants(html, "end")] == ["member"]
    assert THANKS in html
    for plea in (PLEA, "You read us often", "Come back to us", "Become a member"):
        assert plea not in html


def test_member_in_grace_period_still_gets_the_thank_you(reader_client, article, audiences):
    html = reader_client("past_due").get(article.url).content.decode()
    assert [v["audience"] for v in variants(html, "end")] == ["member"]
    assert PLEA not in html


def test_lapsed_member_sees_the_lapsed_variant(reader_client, article, audiences):
    html = reader_client("canceled").get(article.url).content.decode()
    assert [v["audience"] for v in variants(html, "end")] == ["lapsed"]
    assert "Come back to us" in html
    assert PLEA not in html


def test_signed_in_non_member_sees_their_variant(reader_client, article, audiences):
    html = reader_client("none").get(article.url).content.decode()
    assert [v["audience"] for v in variants(html, "end")] == ["signed_in"]


def test_start_and_end_dates_are_respected(client, article, make_appeal):
    now = timezone.now()
    make_appeal(heading="Not yet", starts_at=now + timedelta(hours=1))
    make_appeal(heading="Over", starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1))
    make_appeal(heading="Switched off", active=False)
    running = make_appeal(heading="Running", starts_at=now - timedelta(hours=1))
    html = client.get(article.url).content.decode()
    assert [v["id"] for v in variants(html, "end")] == [running.pk]
    for heading in ("Not yet", "Over", "Switched off"):
        assert heading not in html


def test_sections_are_respected(client, home, section, article, make_appeal):
    other = SectionPageFactory(parent=home, title="Politics", slug="politics")
    everywhere = make_appeal(heading="Everywhere")
    here = make_appeal(heading="World only", sections=[section])
    make_appeal(heading="Politics only", sections=[other])
    html = client.get(article.url).content.decode()
    assert {v["id"] for v in variants(html, "end")} == {everywhere.pk, here.pk}
    assert "Politics only" not in html


def test_variants_are_all_embedded_and_the_default_is_deterministic(client, article, make_appeal):
    light = make_appeal(heading="Copy A", weight=1)
    heavy = make_appeal(heading="Copy B", weight=3)
    # The same page for every anonymous request (but for the CSP nonce,
    # which the full-page cache deals with).
    pages = {NONCE.sub("", client.get(article.url).content.decode()) for _ in range(3)}
    assert len(pages) == 1
    shown = variants(pages.pop(), "end")
    assert [(v["id"], v["weight"], v["hidden"]) for v in shown] == [
        (heavy.pk, 3, False),
        (light.pk, 1, True),
    ]


def test_banner_on_reader_pages_not_on_joining(client, home, article, make_appeal):
    banner = make_appeal(heading="Our spring drive", placement=Placement.BANNER)
    for url in ("/", article.url, "/search/?q=x"):
        [shown] = variants(client.get(url).content.decode(), "banner")
        assert shown["id"] == banner.pk
    assert "Our spring drive" not in client.get("/membership/").content.decode()
    html = client.get(article.url).content.decode()
    assert "data-appeal-dismiss hidden" in html  # shown by the script only


def test_inline_appeal_at_the_marker_or_after_paragraph_n(client, section, article, make_appeal):
    from tests.factories import ArticlePageFactory

    inline = make_appeal(heading="Inline ask", placement=Placement.INLINE, after_paragraph=2)
    html = client.get(article.url).content.decode()
    assert (
        html.index("Second paragraph") < html.index("Inline ask") < html.index("Third paragraph")
    )
    assert variants(html, "inline")[0]["id"] == inline.pk

    marked = ArticlePageFactory(
        parent=section,
        body=[
            ("paragraph", "<p>Alpha.</p>"),
            ("appeal_marker", None),
            ("paragraph", "<p>Beta.</p>"),
            ("paragraph", "<p>Gamma.</p>"),
        ],
    )
    html = client.get(marked.url).content.decode()
    assert html.index("Alpha.") < html.index("Inline ask") < html.index("Beta.")

    short = ArticlePageFactory(parent=section, body=[("paragraph", "<p>Only one.</p>")])
    assert "Inline ask" not in client.get(short.url).content.decode()


def test_goal_progress_counts_real_memberships(client, article, make_appeal, reader_client):
    from membership.models import User
    from tests.membership.appeals.conftest import give_membership

    for n, status in enumerate(["active", "active", "canceled", "incomplete"]):
        give_membership(User.objects.create_user(f"m{n}@example.org"), status)
    make_appeal(heading="Goal", goal=20)
    html = client.get(article.url).content.decode()
    assert "3 of 20 new members this month" in html


def test_eligible_orders_the_default_first(make_appeal):
    a = make_appeal(weight=2)
    b = make_appeal(weight=5)
    c = make_appeal(weight=2)
    assert [v.id for v in eligible("end", "anonymous", None)] == [b.pk, a.pk, c.pk]


def test_an_unsaved_article_in_preview_gets_its_own_appeals(rf, make_appeal):
    from django.contrib.auth.models import AnonymousUser

    from articles.models import ArticlePage
    from membership.appeals.placing import page_appeals

    end = make_appeal(heading="End")
    request = rf.get("/")
    request.user = AnonymousUser()
    assert page_appeals(request, None).end == []  # the banner's look-up, off any page
    draft = ArticlePage(title="Draft", body=[("paragraph", "<p>Text.</p>")])
    draft.__dict__["section"] = None
    assert [v.id for v in page_appeals(request, draft).end] == [end.pk]


def test_saving_an_appeal_purges_cached_reader_pages(client, article, make_appeal):
    appeal = make_appeal(placement=Placement.END, audience=Audience.ANONYMOUS)
    first = client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    assert PLEA in first.content.decode()

    appeal.heading = "Reporting from the front costs money"
    appeal.save()

    fresh = client.get(article.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Reporting from the front costs money" in fresh.content.decode()


@pytest.mark.usefixtures("uncached")
def test_a_cached_article_fragment_still_gets_each_readers_appeals(
    client, article, audiences, make_appeal
):
    """The article's text is one cached fragment for every reader; the appeals
    in it are filled per request, so a member after an anonymous reader (or the
    other way round) never gets the other's appeal."""
    inline = make_appeal(heading="Inline ask", placement=Placement.INLINE, after_paragraph=1)
    first = client.get(article.url).content.decode()
    assert PLEA in first
    assert "Inline ask" in first

    member = get_user_model().objects.create_user("m@example.org", password="x-long-password-1")
    give_membership(member, "active")
    client.force_login(member)
    html = client.get(article.url).content.decode()
    assert [v["audience"] for v in variants(html, "end")] == ["member"]
    assert PLEA not in html
    assert "Inline ask" not in html
    client.logout()

    again = client.get(article.url).content.decode()
    assert PLEA in again
    assert variants(again, "inline")[0]["id"] == inline.pk
    for page in (first, html, again):
        assert "appeal-slot" not in page
        assert "Second paragraph" in page  # the cached text itself
