"""The hand-written and templated demo stories as article pages, created the
way an editor's would be (``add_child``, then a published revision dated when
the story says)."""

import re
from datetime import timedelta

from articles.demo.assets import Report, illustration, publish
from articles.demo.story import Story
from articles.models import ArticleByline, ArticleCorrection, ArticlePage

INTERNAL_LINK = re.compile(r"\[\[([a-z0-9-]+)\|([^\]]+)\]\]")


def _rich_text(html: str, pages: dict[str, ArticlePage]) -> str:
    def link(match: re.Match) -> str:
        return f'<a linktype="page" id="{pages[match[1]].pk}">{match[2]}</a>'

    return INTERNAL_LINK.sub(link, html)


def _body(story: Story, pages: dict, collection, report: Report) -> list[dict]:
    stream = []
    for block_type, value in story.body:
        if block_type == "paragraph":
            value = _rich_text(value, pages)
        elif block_type == "read_also":
            value = {"article": pages[value["slug"]].pk, "label": value["label"]}
        elif block_type == "image":
            value = {**value, "image": illustration(collection, value["image"], report).pk}
        stream.append({"type": block_type, "value": value})
    return stream


def ensure_stories(stories, sections, authors, collection, now, report) -> dict:
    pages = {
        a.slug: a
        for a in ArticlePage.objects.filter(slug__in=[s.slug for s in stories]).specific()
    }
    for story in stories:
        if story.slug in pages:
            continue
        published = now - timedelta(hours=story.hours_ago)
        updated = (
            published + timedelta(hours=story.updated_hours_after)
            if story.updated_hours_after is not None
            else None
        )
        page = ArticlePage(
            title=story.headline,
            slug=story.slug,
            standfirst=story.standfirst,
            kicker=story.kicker,
            lead_image=illustration(collection, story.image, report),
            lead_image_caption=story.caption,
            lead_image_credit=story.credit,
            body=_body(story, pages, collection, report),
            updated_at=updated,
            source_name=story.source_name,
            source_url=story.source_url,
            first_published_at=published,
            live=False,
        )
        page.bylines = [
            ArticleByline(author=authors[slug], role=role, sort_order=i)
            for i, (slug, role) in enumerate(story.bylines)
        ]
        page.corrections = [
            ArticleCorrection(
                date=published + timedelta(hours=c.hours_after),
                kind=c.kind,
                text=c.text,
                sort_order=i,
            )
            for i, c in enumerate(story.corrections)
        ]
        page.tags.add(*story.tags)
        sections[story.section].add_child(instance=page)
        publish(page, published, updated)
        pages[story.slug] = page
        report.add("articles")
    return pages
