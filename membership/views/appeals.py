"""The measurement beacon: ``navigator.sendBeacon`` from ``static/js/appeals.js``.

The only CSRF-exempt view besides Stripe's webhook: it changes nothing but an
anonymous counter, carries no cookie and stores no personal data. It is
strict instead: POST of exactly ``event``, ``appeal`` and ``page`` as a small
form body; anything else is a 400 and writes nothing. Automated clients and
prefetches are not counted (403), nor cross-site posts, and each client is
rate-limited in the cache (a hash of its address for a minute; nothing about
the client reaches the database).
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import Page

from allauth.account.adapter import get_adapter

from membership.appeals import counters
from membership.appeals.selection import live_appeals
from membership.ids import parse_id

EVENTS = {"impression": "impressions", "click": "clicks"}
FIELDS = {"event", "appeal", "page"}
MAX_BODY = 200
# Crawlers, link previewers, monitoring and scripts: not readers.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|scan|monitor|headless|lighthouse|pingdom|"
    r"curl|wget|python|httpclient|okhttp|java/|go-http|libwww|axios|node-fetch|phantom",
    re.IGNORECASE,
)


def _text(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def is_automated(request: HttpRequest) -> bool:
    agent = request.headers.get("User-Agent", "")
    purpose = " ".join(
        request.headers.get(name, "") for name in ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")
    ).lower()
    return (
        not agent.strip()
        or bool(BOTS.search(agent))
        or "prefetch" in purpose
        or "preview" in purpose
    )


def over_limit(request: HttpRequest) -> bool:
    """Fixed one-minute window per client address, counted in the cache."""
    try:
        address = get_adapter().get_client_ip(request)
    except Exception:  # no address at all: count it with everyone else's
        address = "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    key = f"membership:appeals:beacon:{digest}:{int(time.time() // 60)}"
    cache.add(key, 0, 120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 120)
        count = 1
    return count > settings.APPEAL_BEACON_RATE_PER_MINUTE


def _exact_id(value: str) -> int | None:
    """An id written the one way we write it (no spaces, no leading zeros)."""
    parsed = parse_id(value)
    return parsed if str(parsed) == value else None


def parse(request: HttpRequest) -> tuple[str, int, int] | None:
    content_type = request.content_type or ""
    if content_type not in ("application/x-www-form-urlencoded", "text/plain"):
        return None
    if len(request.body) > MAX_BODY:
        return None
    try:
        data = QueryDict(request.body.decode("ascii"))
    except UnicodeDecodeError:
        return None
    if set(data) != FIELDS or any(len(data.getlist(key)) != 1 for key in FIELDS):
        return None
    event, appeal_id = data["event"], _exact_id(data["appeal"])
    page_id = 0 if data["page"] == "0" else _exact_id(data["page"])  # 0: not on a page
    if event not in EVENTS or appeal_id is None or page_id is None:
        return None
    return EVENTS[event], appeal_id, page_id


@never_cache
@csrf_exempt  # anonymous counters only; see the module docstring for what guards it
@require_POST
def beacon(request: HttpRequest) -> HttpResponse:
    if is_automated(request):
        return _text("Automated clients and prefetches are not counted.", 403)
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        return _text("Only this site's pages may report.", 403)
    if over_limit(request):
        return _text("Too many reports; try again in a minute.", 429)
    parsed = parse(request)
    if parsed is None:
        return _text("Expected event=impression|click, appeal=<id> and page=<id>.", 400)
    field, appeal_id, page_id = parsed
    if appeal_id not in {appeal.id for appeal in live_appeals()}:
        return _text("No such appeal is running.", 400)
    if page_id and not Page.objects.filter(pk=page_id).exists():
        return _text("No such page.", 400)
    counters.bump(field, appeal_id, page_id)
    return HttpResponse(status=204)
