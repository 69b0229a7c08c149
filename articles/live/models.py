"""The live page type, its entries and the record of every change to them.

Entries are rows of their own (``LiveEntry``), created, edited and deleted
without a page revision (``articles.live.entries``); each change is recorded
in ``LiveEntryChange`` (who, when, and the entry as it was made), for the
corrections policy. The page itself (headline, standfirst, pinned summary,
status) is edited and published like any page.
"""

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from articles import json_ld, seo
from articles.blocks.slots import AppealSlots
from articles.live import reading
from articles.live.blocks import LiveEntryBodyBlock
from articles.models.base import BasePage

SUMMARY_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class LiveBlogPage(RoutablePageMixin, BasePage):
    """A running file of short timestamped updates, newest first."""

    class Status(models.TextChoices):
        LIVE = "live", "Live"
        ENDED = "ended", "Ended"

    standfirst = models.TextField(
        max_length=400, help_text="One sentence under the headline: what this page follows."
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.LIVE)
    ended_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Shown at the top once the page has ended, e.g. “This live page has "
        "ended; follow our coverage on the World page.”",
    )
    ended_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the status becomes “Ended”."
    )
    summary = RichTextField(
        features=SUMMARY_FEATURES,
        blank=True,
        help_text="The pinned summary at the top: keep it current as the story moves.",
    )
    appeal_after_entry = models.PositiveSmallIntegerField(
        default=5,
        help_text="The membership appeal shows after this many entries (0: no appeal).",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("ended_note"), FieldPanel("ended_at")], "Status"
        ),
        FieldPanel("appeal_after_entry"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("summary"),
        # Reindexed with every change to an entry (``articles.live.changes``).
        index.SearchField("entries_text"),
    ]

    def entries_text(self) -> str:
        """Every entry's title and words, for the search index."""
        return reading.entries_text(self)

    def appeal_slots(self) -> AppealSlots:
        """The appeal goes after the Nth entry shown (0: none); a live page has
        no paragraphs for an appeal's "after paragraph N" to count."""
        after = self.appeal_after_entry
        return AppealSlots(marker=after - 1 if after else None, paragraphs=())

    parent_page_types = ["articles.SectionPage", "articles.HomePage"]
    subpage_types: list[str] = []
    template = "articles/live_blog_page.html"

    class Meta:
        verbose_name = "live page"

    def save(self, *args, **kwargs):
        if self.status == self.Status.ENDED and self.ended_at is None:
            self.ended_at = timezone.now()
        elif self.status == self.Status.LIVE:
            self.ended_at = None
        super().save(*args, **kwargs)

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE

    @cached_property
    def section(self):
        parent = self.get_parent()
        return parent.specific if parent and parent.depth > 2 else None

    def cache_scopes_and_paths(self) -> tuple[set[str], list[str]]:
        """What showing this page depends on (``articles.cache.purging``)."""
        return reading.purge_targets(self)

    # Reader views ------------------------------------------------------------

    @path("")
    def index_route(self, request: HttpRequest, *args, **kwargs):
        context = reading.page_context(self, request)
        response = self.render(request, context_overrides=context)
        return reading.mark_live(self, request, response, reads=("page",))

    @path("updates/")
    def updates_route(self, request: HttpRequest):
        return reading.updates(self, request)

    @path("entry/<int:entry_id>/")
    def entry_route(self, request: HttpRequest, entry_id: int):
        return reading.permalink(self, request, entry_id)

    # Head meta ---------------------------------------------------------------

    def update_meta(self, request: HttpRequest, meta: seo.PageMeta, context: dict) -> None:
        meta.og_type = "article"
        meta.description = meta.description or self.standfirst
        meta.published = self.first_published_at
        meta.modified = reading.latest_change(self) or self.last_published_at
        section = self.section
        meta.section = section.title if section else ""

    def structured_data(
        self, request: HttpRequest, meta: seo.PageMeta, logo, context: dict
    ) -> list[dict]:
        crumbs = [json_ld.home_crumb(request)]
        section = self.section
        if section:
            crumbs.append((section.title, section.get_full_url(request)))
        crumbs.append((self.title, self.get_full_url(request)))
        posting = reading.live_blog_posting(self, request, logo, meta.modified)
        return [posting, json_ld.breadcrumbs(crumbs)]


class LiveEntry(models.Model):
    """One update on a live page."""

    page = models.ForeignKey(LiveBlogPage, on_delete=models.CASCADE, related_name="entries")
    posted_at = models.DateTimeField(
        default=timezone.now, help_text="Shown in the newsroom's time zone; defaults to now."
    )
    title = models.CharField(max_length=200, blank=True)
    body = StreamField(LiveEntryBodyBlock())
    authors = models.ManyToManyField("articles.Author", blank=True, related_name="live_entries")
    is_key_event = models.BooleanField(
        "key event", default=False, help_text="Listed in the page's key events."
    )
    correction = models.TextField(
        max_length=1000, blank=True, help_text="A correction to this entry, shown under it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "live entry"
        verbose_name_plural = "live entries"
        ordering = ["-posted_at", "-id"]
        indexes = [models.Index(fields=["page", "-posted_at", "-id"], name="live_entry_newest")]

    def __str__(self) -> str:
        return self.title or f"Entry {self.pk} at {self.posted_at:%H:%M}"

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"

    @property
    def version(self) -> int:
        """Moves on with every save (microseconds of ``updated_at``): a reader's
        script replaces an entry it shows when the poll fragment's is newer."""
        return int(self.updated_at.timestamp() * 1_000_000) if self.updated_at else 0


class LiveEntryChange(models.Model):
    """Who created, edited or deleted an entry, when, and the entry as it then was."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        EDITED = "edited", "Edited"
        DELETED = "deleted", "Deleted"

    page = models.ForeignKey(LiveBlogPage, on_delete=models.CASCADE, related_name="entry_changes")
    entry = models.ForeignKey(
        LiveEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    entry_number = models.PositiveIntegerField(help_text="The entry's id (kept after deletion).")
    action = models.CharField(max_length=8, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "live entry change"

    def __str__(self) -> str:
        return f"Entry {self.entry_number} {self.action} at {self.at:%Y-%m-%d %H:%M}"
