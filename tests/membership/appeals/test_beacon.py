"""The measurement beacon: one count per valid call; bad input, bots,
prefetches and floods write nothing."""

import pytest

from membership.appeals import counters
from membership.models import AppealStat

pytestmark = pytest.mark.django_db

BEACON = "/membership/appeals/beacon/"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def post(client, body: str, content_type="application/x-www-form-urlencoded", **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    return client.post(BEACON, data=body, content_type=content_type, **headers)


def totals() -> list[tuple]:
    return list(
        AppealStat.objects.order_by("pk").values_list(
            "appeal_id", "page_id", "impressions", "clicks", "conversions"
        )
    )


@pytest.fixture
def appeal(make_appeal):
    return make_appeal()


def test_each_valid_call_counts_once(client, appeal, article):
    body = f"event=impression&appeal={appeal.pk}&page={article.pk}"
    assert post(client, body).status_code == 204
    assert totals() == [(appeal.pk, article.pk, 1, 0, 0)]
    assert post(client, body).status_code == 204
    response = post(client, f"event=click&appeal={appeal.pk}&page={article.pk}")
    assert response.status_code == 204
    assert totals() == [(appeal.pk, article.pk, 2, 1, 0)]
    assert not response.cookies


def test_a_banner_off_any_page_counts_under_page_zero(client, appeal):
    assert post(client, f"event=impression&appeal={appeal.pk}&page=0").status_code == 204
    assert totals() == [(appeal.pk, 0, 1, 0, 0)]


@pytest.mark.parametrize(
    "body",
    [
        "",
        "event=impression",
        "event=view&appeal={a}&page={p}",
        "event=impression&appeal=abc&page={p}",
        "event=impression&appeal=0&page={p}",
        "event=impression&appeal=-1&page={p}",
        "event=impression&appeal=999999&page={p}",  # no such appeal
        "event=impression&appeal={a}&page=999999",  # no such page
        "event=impression&appeal={a}&page=01",
        "event=impression&appeal={a}&page={p}&extra=1",
        "event=impression&event=click&appeal={a}&page={p}",
        "event=impression&appeal={a}%00&page={p}",
        "event=impression&appeal=12345678901234567890&page={p}",
        "event=impression&appeal={a}&page={p}&" + "x" * 300,
    ],
)
def test_bad_input_is_a_400_and_writes_nothing(client, appeal, article, body):
    response = post(client, body.format(a=appeal.pk, p=article.pk))
    assert response.status_code == 400
    assert totals() == []


def test_wrong_content_type_and_method_write_nothing(client, appeal, article):
    body = f'{{"event": "impression", "appeal": {appeal.pk}, "page": {article.pk}}}'
    assert post(client, body, content_type="application/json").status_code == 400
    assert client.get(BEACON, HTTP_USER_AGENT=BROWSER).status_code == 405
    assert totals() == []


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": ""},
        {
            "HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
        },
        {"HTTP_USER_AGENT": "Mozilla/5.0 HeadlessChrome/140.0"},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
    ],
)
def test_bots_prefetches_and_other_sites_are_not_counted(client, appeal, article, headers):
    response = post(client, f"event=impression&appeal={appeal.pk}&page={article.pk}", **headers)
    assert response.status_code == 403
    assert totals() == []


def test_rate_limited_per_client(client, appeal, article, settings):
    settings.APPEAL_BEACON_RATE_PER_MINUTE = 3
    body = f"event=impression&appeal={appeal.pk}&page={article.pk}"
    statuses = [post(client, body).status_code for _ in range(5)]
    assert statuses == [204, 204, 204, 429, 429]
    # Another client is not held back by the first one.
    assert post(client, body, REMOTE_ADDR="192.0.2.7").status_code == 204
    assert totals() == [(appeal.pk, article.pk, 4, 0, 0)]


def test_no_client_address_is_stored(client, appeal, article):
    post(client, f"event=click&appeal={appeal.pk}&page={article.pk}", REMOTE_ADDR="198.51.100.9")
    columns = {field.name for field in AppealStat._meta.get_fields()}
    assert columns == {"id", "day", "appeal", "page_id", "impressions", "clicks", "conversions"}


def test_bump_is_an_upsert_that_never_loses_a_count(appeal):
    for _ in range(3):
        counters.bump("impressions", appeal.pk, 7)
    counters.bump("conversions", appeal.pk, 7)
    assert totals() == [(appeal.pk, 7, 3, 0, 1)]
    with pytest.raises(ValueError, match="unknown counter"):
        counters.bump("page_id", appeal.pk, 7)


def test_rate_limited_per_client_behind_the_proxy(client, appeal, article, settings):
    settings.APPEAL_BEACON_RATE_PER_MINUTE = 2
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    body = f"event=impression&appeal={appeal.pk}&page={article.pk}"
    # Three readers through Caddy (REMOTE_ADDR 127.0.0.1) each get their own count.
    for reader in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        statuses = [post(client, body, HTTP_X_FORWARDED_FOR=reader).status_code for _ in range(2)]
        assert statuses == [204, 204]
    # A reader rewriting the header's left end is still the same reader.
    response = post(client, body, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.1")
    assert response.status_code == 429
