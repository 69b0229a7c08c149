"""The demo newsroom's live page (``make demo``): "Valdoria war latest" in
World, 40 entries over the last day, two key events, one correction, a quote,
a link card and a "read also". Idempotent: found by its slug."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from articles.live.models import LiveBlogPage, LiveEntry, LiveEntryChange
from articles.models import ArticlePage, Author, SectionPage

SLUG = "valdoria-war-latest"
ENTRIES = 40
PLACES = ["Korvik", "the northern front", "Lessa", "the capital", "Dravna", "the river crossing"]
EVENTS = [
    "Air raid sirens sounded across {place} shortly after dawn; residents went to shelters.",
    "Officials in {place} say power is back in most homes after overnight strikes.",
    "Our correspondent in {place} reports long queues at the railway station as families leave.",
    "Rescuers in {place} are searching a damaged apartment block; no casualties confirmed.",
    "The defence ministry says its air defences intercepted drones approaching {place}.",
    "Volunteers in {place} are collecting blankets and generators ahead of a cold night.",
    "Schools in {place} will teach online for the rest of the week, the mayor said.",
    "Aid convoys reached {place} this afternoon carrying food and medical supplies.",
]


def _body(n: int, article) -> list:
    text = EVENTS[n % len(EVENTS)].format(place=PLACES[n % len(PLACES)])
    body = [("paragraph", f"<p>{text}</p>")]
    if n == 7:
        body.append(
            (
                "quote",
                {
                    "text": "<p>We will keep the corridors open for as long as it takes.</p>",
                    "source": "Foreign minister, press conference",
                    "source_url": "",
                },
            )
        )
    if n == 15:
        body.append(
            ("embed", {"url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ", "caption": ""})
        )
    if n == 22 and article is not None:
        body.append(("read_also", {"article": article, "label": "Read also"}))
    return body


@transaction.atomic
def ensure(now=None) -> int:
    """Create the demo live page and its entries unless they exist: entries made."""
    if LiveBlogPage.objects.filter(slug=SLUG).exists():
        return 0
    section = SectionPage.objects.filter(slug="world").first() or SectionPage.objects.first()
    if section is None:
        return 0
    now = now or timezone.now()
    start = now - timedelta(hours=24)
    page = LiveBlogPage(
        title="Valdoria war latest: strikes on the north, talks resume in Lessa",
        slug=SLUG,
        standfirst="Every development as it happens, from our reporters across Valdoria.",
        summary=(
            "<ul><li>Overnight strikes hit power lines in the north; most homes have power "
            "again.</li>"
            "<li>Ceasefire talks resumed in Lessa this afternoon.</li>"
            "<li>Aid convoys reached Korvik for the first time in a week.</li></ul>"
        ),
        first_published_at=start,
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    page.first_published_at = start
    page.save(update_fields=["first_published_at"])
    authors = list(Author.objects.order_by("pk")[:3])
    article = ArticlePage.objects.live().filter(path__startswith=section.path).first()
    step = (now - start) / ENTRIES
    for n in range(ENTRIES):
        entry = LiveEntry.objects.create(
            page=page,
            posted_at=start + step * (n + 1),
            title={12: "Power restored in the north", 31: "Ceasefire talks resume in Lessa"}.get(
                n, ""
            ),
            body=_body(n, article),
            is_key_event=n in (12, 31),
            correction=(
                "An earlier version of this update said the convoy had 40 lorries; it had 24."
                if n == 26
                else ""
            ),
        )
        if authors:
            entry.authors.set([authors[n % len(authors)]])
        LiveEntryChange.objects.create(
            page=page, entry=entry, entry_number=entry.pk, action="created", at=entry.posted_at
        )
    return ENTRIES
