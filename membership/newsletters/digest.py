"""Automatic issues: a newsletter with a section and a digest time sends that
section's new articles once a day at that time (UTC), and nothing on a day
with nothing new. Run by ``manage.py send_newsletter --due`` (cron)."""

import datetime

from django.utils import timezone

from articles.models import ArticlePage
from membership.newsletters.issues import Issue
from membership.newsletters.models import Newsletter

MAX_ARTICLES = 12


def due_digests(now: datetime.datetime | None = None) -> list[Issue]:
    """Create today's digest issues whose time has come; returns them (ready)."""
    now = now or timezone.now()
    made = []
    newsletters = Newsletter.objects.active().filter(
        section__isnull=False, digest_time__isnull=False
    )
    for newsletter in newsletters:
        if now.time() < newsletter.digest_time:
            continue
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        automatic = newsletter.issues.filter(automatic=True)
        if automatic.filter(created_at__gte=today).exists():
            continue  # today's is made (sent, or skipped for want of news)
        last = automatic.order_by("-created_at").first()
        since = last.created_at if last else now - datetime.timedelta(days=1)
        articles = list(
            ArticlePage.objects.public()
            .descendant_of(newsletter.section)
            .filter(first_published_at__gt=since, first_published_at__lte=now)
            .order_by("-first_published_at")[:MAX_ARTICLES]
        )
        issue = Issue.objects.create(
            newsletter=newsletter,
            subject=f"{newsletter.name}, {now:%-d %B %Y}",
            body=[("articles", {"heading": "New today", "articles": articles})],
            status=Issue.Status.READY if articles else Issue.Status.DRAFT,
            automatic=True,
            created_at=now,
        )
        if articles:
            made.append(issue)
    return made
