"""Bulk synthetic articles for load, pagination and search testing.

``add_child`` plus a published revision costs dozens of queries per page, far
too slow for 10,000 articles. Here pages are written in bulk instead: the
``wagtailcore_page`` rows with their tree paths computed per section (django-
treebeard's materialised path: the parent's path plus a 4-character step),
then the ``ArticlePage`` rows, bylines and tags, then the sections' child
counts and the search index. Synthetic pages are live with no revision, like
pages imported from another system: Wagtail serves and edits them normally
(the editor starts from the live page) and the first edit creates a revision.

Article ``i`` is always the same text (seeded by ``i``), under the slug
``synthetic-<i>-…``; the articles that already exist are skipped, so asking
for the same N again adds nothing and asking for more adds only the rest.
"""

import math
import random
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from taggit.models import Tag

from articles.demo.newsroom import SECTIONS
from articles.models import ArticleByline, ArticlePage, ArticlePageTag, Author, SectionPage
from articles.models.articles import WORDS_PER_MINUTE

PREFIX = "synthetic-"
SEED = "meridian-synthetic"
BATCH = 500
# Synthetic articles are dated before the hand-written demo stories, so the
# front page keeps showing those: the newest is this old, then one every ~2h.
OLDEST_DEMO_STORY = timedelta(days=35)

SUBJECTS = [
    "Farmers",
    "Teachers",
    "Rail workers",
    "Volunteers",
    "City engineers",
    "Doctors",
    "Border guards",
    "Shop owners",
    "Students",
    "Firefighters",
    "Pensioners",
]
PLACES = ["Hraviv", "Osk", "Velna", "Kerrin", "Dolensk", "Tiraz", "Marisk", "Port Halvey"]
ACTIONS = [
    "prepare for",
    "warn of",
    "count the cost of",
    "push back against",
    "plan for",
    "rebuild after",
    "organise around",
    "ask for help with",
]
OBJECTS = [
    "winter power cuts",
    "a fuel shortage",
    "the harvest",
    "a budget gap",
    "the next evacuation",
    "school reopening",
    "a bridge repair",
    "new drone attacks",
    "a water shortage",
    "rising rents",
]
TAGS = ["Local government", "Energy", "Schools", "Transport", "Health", "Housing"]
SPEAKERS = ["Olena Horvat", "Marek Sadek", "Ivana Ruda", "Bohdan Varro", "Tereza Moravec"]
ROLES = [
    "deputy mayor",
    "head of the regional council",
    "union representative",
    "spokesperson for the regional administration",
]


def slug_for(index: int, headline: str) -> str:
    return f"{PREFIX}{index:06d}-{slugify(headline)}"[:80].rstrip("-")


def index_of(slug: str) -> int | None:
    digits = slug[len(PREFIX) : len(PREFIX) + 6]
    return int(digits) if digits.isdigit() else None


def article_data(index: int) -> dict:
    """Everything about synthetic article ``index`` that doesn't depend on the database."""
    rng = random.Random(f"{SEED}:{index}")  # noqa: S311 (a fixed seed for repeatable demo data)
    subject, place = rng.choice(SUBJECTS), rng.choice(PLACES)
    action, thing = rng.choice(ACTIONS), rng.choice(OBJECTS)
    headline = f"{subject} in {place} {action} {thing}"
    speaker, role = rng.choice(SPEAKERS), rng.choice(ROLES)
    paragraphs = [
        f"{subject} in {place} say they are ready to {action.split()[0]} {thing}, after a week "
        f"of meetings with the regional administration.",
        f"Officials in {place} said {rng.randrange(2, 40)} households had asked for help so "
        f"far, and that the figure was likely to rise.",
        f"The council will meet again on {rng.choice(['Monday', 'Wednesday', 'Friday'])} to "
        f"decide how much of its reserve fund to release.",
        "Residents who need help can register at the town hall or by phone, the "
        "administration said.",
    ]
    body = [
        {"type": "paragraph", "value": f"<p>{paragraphs[0]}</p>"},
        {"type": "paragraph", "value": f"<p>{paragraphs[1]}</p>"},
        {"type": "section_heading", "value": {"heading": f"What {place} needs", "anchor": ""}},
        {"type": "paragraph", "value": f"<p>{paragraphs[2]}</p>"},
        {
            "type": "pull_quote",
            "value": {
                "quote": f"We have been here before and {place} coped.",
                "speaker": speaker,
                "role": f"{role} in {place}",
            },
        },
        {"type": "section_heading", "value": {"heading": "What happens next", "anchor": ""}},
        {"type": "paragraph", "value": f"<p>{paragraphs[3]}</p>"},
    ]
    words = sum(len(text.split()) for text in paragraphs) + 40
    return {
        "headline": headline,
        "slug": slug_for(index, headline),
        "standfirst": f"{subject} and officials in {place} disagree about how soon help "
        f"will arrive.",
        "body": body,
        "reading_minutes": max(1, math.ceil(words / WORDS_PER_MINUTE)),
        "section": SECTIONS[index % len(SECTIONS)].slug,
        "author_picks": [rng.random() for _ in range(2)],
        "two_authors": rng.random() < 0.2,
        "tags": rng.sample(TAGS, rng.randrange(1, 3)),
        "age": OLDEST_DEMO_STORY + timedelta(hours=index * 2 + rng.random() * 1.5),
        "image_pick": rng.random(),
        "translation_key": uuid.UUID(int=rng.getrandbits(128), version=4),
    }


def existing_indexes() -> set[int]:
    slugs = ArticlePage.objects.filter(slug__startswith=PREFIX).values_list("slug", flat=True)
    return {i for i in map(index_of, slugs) if i is not None}


def ensure(total: int, progress: Callable[[str], None] = lambda message: None) -> int:
    """Make sure synthetic articles 0..total-1 exist; returns how many were added."""
    missing = sorted(set(range(total)) - existing_indexes())
    if not missing:
        return 0
    now = timezone.now()
    home = SectionPage.objects.first().get_parent().specific
    sections = {s.slug: s for s in SectionPage.objects.child_of(home)}
    authors = list(Author.objects.order_by("pk").values_list("pk", flat=True))
    image_ids = sorted(
        ArticlePage.objects.exclude(slug__startswith=PREFIX)
        .exclude(lead_image=None)
        .values_list("lead_image_id", flat=True)
        .distinct()
    )
    tags = {
        name: Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0].pk
        for name in TAGS
    }
    if not authors:
        raise RuntimeError("Load the demo content first: synthetic articles need authors.")
    added = 0
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        with transaction.atomic():
            pages = _create_batch(batch, now, sections, authors, image_ids, tags)
        get_search_backend().add_bulk(
            ArticlePage,
            list(
                ArticlePage.objects.filter(pk__in=pages).prefetch_related(
                    "tags", "bylines__author"
                )
            ),
        )
        added += len(batch)
        progress(f"  {added} of {len(missing)} synthetic articles")
    return added


def _create_batch(indexes, now: datetime, sections, authors, image_ids, tags) -> list[int]:
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale_id = Locale.get_default().pk
    data = [(i, article_data(i)) for i in indexes]
    # The next free step under each section, from its last child's path.
    next_step = {}
    for slug, section in sections.items():
        section.refresh_from_db(fields=["path", "numchild", "url_path", "depth"])
        last = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        last_path = last.order_by("-path").values_list("path", flat=True).first()
        next_step[slug] = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1

    articles = []
    for _, item in data:
        section = sections[item["section"]]
        step = next_step[item["section"]]
        next_step[item["section"]] += 1
        published = now - item["age"]
        article = ArticlePage(
            title=item["headline"],
            draft_title=item["headline"],
            slug=item["slug"],
            content_type=content_type,
            path=Page._get_path(section.path, section.depth + 1, step),
            depth=section.depth + 1,
            numchild=0,
            url_path=f"{section.url_path}{item['slug']}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            locale_id=locale_id,
            translation_key=item["translation_key"],
            standfirst=item["standfirst"],
            kicker=ArticlePage.Kicker.OPINION if item["section"] == "opinion" else "",
            lead_image_id=image_ids[int(item["image_pick"] * len(image_ids))]
            if image_ids
            else None,
            lead_image_caption="An illustration for this story.",
            lead_image_credit="Illustration: The Meridian Ledger",
            body=item["body"],
            reading_minutes=item["reading_minutes"],
        )
        articles.append(article)

    # Multi-table inheritance: Django's bulk_create refuses the child model, so
    # the parent rows go in through Page, and the child rows with the same
    # low-level insert bulk_create itself uses.
    base_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    parents = [Page(**{name: getattr(a, name) for name in base_fields}) for a in articles]
    Page.objects.bulk_create(parents, batch_size=BATCH)
    for article, parent in zip(articles, parents, strict=True):
        article.pk = article.page_ptr_id = parent.pk
    local = list(ArticlePage._meta.local_concrete_fields)
    per_insert = max(1, 900 // len(local)) if connection.vendor == "sqlite" else BATCH
    for start in range(0, len(articles), per_insert):
        ArticlePage.objects._insert(articles[start : start + per_insert], fields=local)

    bylines, tagged = [], []
    for article, (_, item) in zip(articles, data, strict=True):
        picks = item["author_picks"][: 2 if item["two_authors"] else 1]
        chosen = list(dict.fromkeys(authors[int(pick * len(authors))] for pick in picks))
        bylines += [
            ArticleByline(page_id=article.pk, author_id=author, role="", sort_order=order)
            for order, author in enumerate(chosen)
        ]
        tagged += [
            ArticlePageTag(content_object_id=article.pk, tag_id=tags[t]) for t in item["tags"]
        ]
    ArticleByline.objects.bulk_create(bylines, batch_size=BATCH)
    ArticlePageTag.objects.bulk_create(tagged, batch_size=BATCH)

    for section in sections.values():
        count = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1).count()
        Page.objects.filter(pk=section.pk).update(numchild=count)
    return [a.pk for a in articles]
