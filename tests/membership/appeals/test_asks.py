"""The end-of-article ask: preset amounts naming their frequency, monthly
preselected, social proof and a goal bar only past 10 %, a call to action
that matches the goal, and the articles-read rules' markup."""

import re

from django.core.exceptions import ValidationError
from django.test import override_settings

import pytest

from membership.models import Appeal, Placement, Target

pytestmark = pytest.mark.django_db


def end_appeal(html: str, appeal: Appeal) -> str:
    start = html.index(f'data-appeal-id="{appeal.pk}"')
    return html[start : html.index("</div>\n", html.index('class="appeal__action"', start))]


def presets(html: str, frequency: str) -> list[str]:
    match = re.search(rf'data-frequency="{frequency}".*?</ul>', html, re.S)
    return re.findall(r"data-appeal-cta>([^<]+)</a>", match.group(0)) if match else []


@override_settings(MEMBERSHIP_GIVE_PRESETS=[2500, 6000])
def test_join_appeal_offers_monthly_preselected_then_once(client, article, tiers, make_appeal):
    appeal = make_appeal()
    html = end_appeal(client.get(article.url).content.decode(), appeal)
    assert presets(html, "month") == ["$5 / month", "$10 / month"]
    assert presets(html, "once") == ["$25 once", "$60 once"]
    checked = re.search(r'<input type="radio"[^>]*checked[^>]*>', html).group(0)
    assert 'value="month"' in checked
    # Each preset carries the attribution: the tier's confirm step, the gift form.
    # Each link carries the currency its label shows: the reader pays what they clicked.
    sustainer = "tier=sustainer&amp;interval=month&amp;currency=usd"
    assert f"/membership/join/?{sustainer}&amp;appeal={appeal.pk}" in html
    give = f"give=60.00&amp;currency=usd&amp;appeal={appeal.pk}&amp;article={article.pk}"
    assert f"/membership/?{give}#give" in html
    assert "Remind me later" in html


def test_the_recommended_tier_stands_out(client, article, tiers, make_appeal):
    appeal = make_appeal()
    html = end_appeal(client.get(article.url).content.decode(), appeal)
    assert re.search(r'appeal__preset--recommended"[^>]*data-appeal-cta>\$10 / month', html)


def test_a_goal_shows_social_proof_and_offers_only_joining(
    client, article, tiers, make_appeal, three_joined_this_month
):
    appeal = make_appeal(goal=1000)
    html = end_appeal(client.get(article.url).content.decode(), appeal)
    assert "3 readers joined this month" in html
    assert "<meter" not in html  # 0.3 % of the goal: no bar
    assert presets(html, "month") == ["$5 / month", "$10 / month"]
    assert presets(html, "once") == []
    assert 'type="radio"' not in html  # one frequency: nothing to switch


def test_the_goal_bar_shows_above_ten_percent(
    client, article, tiers, make_appeal, three_joined_this_month
):
    appeal = make_appeal(goal=20)
    html = end_appeal(client.get(article.url).content.decode(), appeal)
    assert '<meter min="0" max="20" value="3"' in html
    assert "3 of 20 new members this month" in html


def test_no_social_proof_before_anyone_joined(client, article, tiers, make_appeal):
    appeal = make_appeal(goal=100)
    html = end_appeal(client.get(article.url).content.decode(), appeal)
    assert "joined this month" not in html


def test_a_goal_cannot_ask_for_a_one_time_gift(make_appeal):
    appeal = Appeal(name="x", heading="x", cta_label="Give", target=Target.GIVE, goal=100)
    with pytest.raises(ValidationError) as error:
        appeal.full_clean()
    assert "goal" in error.value.message_dict


@override_settings(MEMBERSHIP_GIVE_PRESETS=[2500])
def test_a_give_appeal_offers_only_once(client, article, tiers, make_appeal):
    appeal = make_appeal(target=Target.GIVE, cta_label="Give once")
    html = end_appeal(client.get(article.url).content.decode(), appeal)
    assert presets(html, "once") == ["$25 once"]
    assert presets(html, "month") == []


def test_a_yearly_appeal_names_the_year(client, article, tiers, make_appeal):
    appeal = make_appeal(interval="year")
    html = end_appeal(client.get(article.url).content.decode(), appeal)
    assert presets(html, "year") == ["$50 / year", "$100 / year"]


def test_members_thank_you_has_no_ask(reader_client, article, tiers, make_appeal):
    make_appeal(audience="member", cta_label="", heading="Thanks, member")
    html = reader_client("active").get(article.url).content.decode()
    assert "Thanks, member" in html
    assert "data-frequency" not in html
    assert "Remind me later" not in html


def test_banners_and_inline_appeals_keep_one_button(client, article, tiers, make_appeal):
    make_appeal(placement=Placement.BANNER, heading="Banner ask")
    make_appeal(placement=Placement.INLINE, after_paragraph=1, heading="Inline ask")
    html = client.get(article.url).content.decode()
    assert "data-frequency" not in html


def test_reading_rules_are_in_the_markup_and_the_default_is_for_any_reader(
    client, article, tiers, make_appeal
):
    regular = make_appeal(
        heading="You've read {articles_read} articles", min_articles_read=5, weight=9
    )
    light = make_appeal(heading="New here?", max_articles_read=2, min_articles_read=0)
    anyone = make_appeal(heading="For anyone", weight=1)
    html = client.get(article.url).content.decode()
    assert re.search(rf'data-appeal-id="{regular.pk}"[^>]*data-appeal-min="5"[^>]*hidden', html)
    assert re.search(
        rf'data-appeal-id="{light.pk}"[^>]*data-appeal-min="0" data-appeal-max="2"[^>]*hidden',
        html,
    )
    default = re.search(rf'data-appeal-id="{anyone.pk}"[^>]*>', html).group(0)
    assert "hidden" not in default
    assert "data-appeal-min" not in default
    # Without JavaScript the token reads as words; the script fills in the number.
    count = '<span class="appeal__count" data-articles-read>several</span>'
    assert f"You&#x27;ve read {count}" in html
    assert "{articles_read}" not in html


def test_the_count_token_works_in_the_body(client, article, tiers, make_appeal):
    make_appeal(body="<p>That makes {articles_read} this month.</p>")
    html = client.get(article.url).content.decode()
    assert 'That makes <span class="appeal__count" data-articles-read>several</span>' in html


def test_the_maximum_cannot_be_below_the_minimum():
    appeal = Appeal(
        name="x", heading="x", cta_label="Join", min_articles_read=5, max_articles_read=2
    )
    with pytest.raises(ValidationError) as error:
        appeal.full_clean()
    assert "max_articles_read" in error.value.message_dict


def test_the_script_knows_the_article_so_the_browser_can_count_it(
    client, home, article, make_appeal
):
    make_appeal()
    assert f'data-article="{article.pk}"' in client.get(article.url).content.decode()
    assert "data-article=" not in client.get(home.url).content.decode()


def test_saving_a_tier_refreshes_the_preset_amounts(client, article, tiers, make_appeal):
    appeal = make_appeal()
    client.get(article.url)
    tiers["supporter"].monthly_amount = 700
    tiers["supporter"].save()
    html = end_appeal(client.get(article.url).content.decode(), appeal)
    assert presets(html, "month") == ["$7 / month", "$10 / month"]


def test_a_once_preset_fills_the_gift_form(client, tiers):
    html = client.get("/membership/", {"give": "60.00"}).content.decode()
    assert re.search(r'id="gift-amount"[^>]*value="60.00"', html)
    html = client.get("/membership/", {"give": "<script>"}).content.decode()
    assert re.search(r'id="gift-amount"[^>]*value=""', html)
