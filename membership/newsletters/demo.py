"""Demo newsletters for `make demo`: a daily digest, a weekly editor's letter
and a members-only briefing, each with one issue ready to send, and some
subscribers. Only when there are no newsletters yet."""

from django.db import transaction

from articles.models import ArticlePage, SectionPage
from membership.models.tiers import Tier
from membership.newsletters.issues import Issue
from membership.newsletters.models import Newsletter, Subscriber, Subscription

NEWSLETTERS = [
    {
        "slug": "daily",
        "name": "The Daily Brief",
        "description": "The day's most important stories, every weekday morning.",
        "cadence": "Weekdays, 7am",
    },
    {
        "slug": "editors-letter",
        "name": "The Editor's Letter",
        "description": "Why we covered what we covered this week, from our editor.",
        "cadence": "Fridays",
        "sort_order": 1,
    },
    {
        "slug": "members-briefing",
        "name": "Members' Briefing",
        "description": "Behind the scenes of our reporting, for members only.",
        "cadence": "Monthly",
        "audience": Newsletter.Audience.MEMBERS,
        "sort_order": 2,
    },
]
INTRO = {
    "daily": "<p>Good morning. Here is what you need to know today.</p>",
    "editors-letter": "<p>This week our reporters spent a lot of time on the road.</p>",
    "members-briefing": "<p>Thank you for being a member. Here is what your support paid for.</p>",
}


@transaction.atomic
def create() -> int:
    if Newsletter.objects.exists():
        return 0
    articles = list(ArticlePage.objects.live().order_by("-first_published_at")[:3])
    section = SectionPage.objects.live().first()
    for fields in NEWSLETTERS:
        newsletter = Newsletter.objects.create(
            **fields, section=section if fields["slug"] == "daily" else None
        )
        if newsletter.members_only:
            newsletter.tiers.set(Tier.objects.all())
        body = [("intro", INTRO[newsletter.slug])]
        if articles:
            body.append(("articles", {"heading": "Today's stories", "articles": articles}))
        body.append(
            (
                "appeal",
                {
                    "heading": "Journalism funded by its readers",
                    "text": "Everything we publish is free to read. Members make that possible.",
                    "button_label": "Become a member",
                },
            )
        )
        Issue.objects.create(
            newsletter=newsletter,
            subject=f"{newsletter.name}: our first issue",
            preheader=newsletter.description,
            body=body,
            status=Issue.Status.READY,
        )
    public = Newsletter.objects.filter(audience=Newsletter.Audience.PUBLIC)
    for i in range(12):
        subscriber = Subscriber.objects.create(email=f"reader{i + 1}@example.org")
        for newsletter in public[: 1 + i % 2]:
            Subscription(subscriber=subscriber, newsletter=newsletter).confirm(
                Subscription.Method.ADMIN, "demo"
            )
    return len(NEWSLETTERS)
