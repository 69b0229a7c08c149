"""Appeals: the "join us" messages around articles, edited by the Audience team
as a Wagtail snippet, and their daily counters.

Which appeal a reader sees, and how the choice survives a full-page cache, is
decided in ``membership.appeals``; this module only holds the data.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from membership.models.tiers import Tier


class Placement(models.TextChoices):
    END = "end", "End of the article"
    INLINE = "inline", "Inside the article"
    BANNER = "banner", "Site-wide banner"


class Audience(models.TextChoices):
    ANONYMOUS = "anonymous", "Readers who are not signed in"
    SIGNED_IN = "signed_in", "Signed-in readers who are not members"
    LAPSED = "lapsed", "Former members (lapsed)"
    MEMBER = "member", "Members (a thank-you, never a plea)"


class Target(models.TextChoices):
    JOIN = "join", "Join (membership)"
    GIVE = "give", "Give once"
    GIFT = "gift", "Give a membership"


def reading_rule_label(low: int | None, high: int | None) -> str:
    """The articles-read rule in words, for the admin and the reports."""
    if low is None and high is None:
        return "Any reader"
    if high is None:
        return f"{low}+ articles read"
    if low is None or low == 0:
        return f"At most {high} articles read"
    return f"{low} to {high} articles read" if low != high else f"{low} articles read"


class AppealQuerySet(models.QuerySet["Appeal"]):
    def not_over(self, now=None) -> "AppealQuerySet":
        """Switched on and not ended: may show now or later (starts are
        checked per request, so a cached list stays right as time passes)."""
        now = now or timezone.now()
        return self.filter(active=True).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now)
        )


class Appeal(models.Model):
    """One variant of an appeal. Several live variants for the same placement
    and audience are rotated by weight (an A/B test of the copy)."""

    name = models.CharField(
        max_length=100, help_text="For the admin and the reports, e.g. “End, anonymous, copy B”."
    )
    heading = models.CharField(max_length=160)
    body = RichTextField(features=["bold", "italic", "link"], blank=True)
    cta_label = models.CharField(
        "call-to-action label",
        max_length=60,
        blank=True,
        help_text="The button, e.g. “Become a member”. Required except for members' thank-yous.",
    )
    target = models.CharField(max_length=10, choices=Target.choices, default=Target.JOIN)
    tier = models.ForeignKey(
        Tier,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Preselect this tier (joining only).",
    )
    interval = models.CharField(
        "frequency",
        max_length=5,
        blank=True,
        choices=[("", "Reader chooses"), ("month", "Monthly"), ("year", "Yearly")],
    )
    placement = models.CharField(max_length=10, choices=Placement.choices, default=Placement.END)
    after_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Inside the article: articles with an “Appeal here” marker show it there; "
        "others after this paragraph (empty: only where there is a marker).",
    )
    audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.ANONYMOUS
    )
    sections = models.ManyToManyField(
        "articles.SectionPage",
        blank=True,
        related_name="+",
        help_text="Show only in these sections. None selected: everywhere.",
    )
    starts_at = models.DateTimeField(null=True, blank=True, help_text="Empty: now.")
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Empty: until switched off.")
    active = models.BooleanField(default=True, help_text="Off: never shown.")
    weight = models.PositiveSmallIntegerField(
        default=1,
        help_text="Share of rotation among live variants for the same readers and place.",
    )
    goal = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Show progress towards this many new members this month (empty: no goal). "
        "A goal counts new members, so its button offers joining.",
    )
    min_articles_read = models.PositiveSmallIntegerField(
        "at least this many articles read",
        null=True,
        blank=True,
        help_text="Articles read in the last 30 days, counted in the reader's browser only "
        "(nothing is sent to us). Empty: no minimum. Use {articles_read} in the heading or "
        "body for the number.",
    )
    max_articles_read = models.PositiveSmallIntegerField(
        "at most this many articles read", null=True, blank=True, help_text="Empty: no maximum."
    )

    objects = AppealQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("heading"),
                FieldPanel("body"),
                FieldPanel("cta_label"),
                FieldPanel("goal"),
            ],
            heading="Message",
        ),
        MultiFieldPanel(
            [FieldPanel("target"), FieldRowPanel([FieldPanel("tier"), FieldPanel("interval")])],
            heading="Where the button leads",
        ),
        MultiFieldPanel(
            [
                FieldPanel("placement"),
                FieldPanel("after_paragraph"),
                FieldPanel("audience"),
                FieldPanel("sections", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("min_articles_read"), FieldPanel("max_articles_read")]),
            ],
            heading="Where and to whom",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("active"),
                FieldPanel("weight"),
            ],
            heading="When",
        ),
    ]

    class Meta:
        ordering = ["placement", "audience", "-weight", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.audience != Audience.MEMBER and not self.cta_label.strip():
            errors["cta_label"] = "An appeal needs a call to action."
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end must come after the start."
        if self.weight == 0:
            errors["weight"] = "At least 1; switch the appeal off instead."
        if self.target == Target.GIVE and self.tier_id:
            errors["tier"] = "A one-time gift has no tier."
        if self.target == Target.GIVE and self.goal:
            errors["goal"] = "A goal counts new members: choose “Join” as the target, or no goal."
        low, high = self.min_articles_read, self.max_articles_read
        if low is not None and high is not None and high < low:
            errors["max_articles_read"] = "The maximum must be at least the minimum."
        if errors:
            raise ValidationError(errors)

    @property
    def reading_rule(self) -> str:
        return reading_rule_label(self.min_articles_read, self.max_articles_read)

    def is_live(self, now) -> bool:
        return (
            self.active
            and (self.starts_at is None or self.starts_at <= now)
            and (self.ends_at is None or now < self.ends_at)
        )


class AppealStat(models.Model):
    """Counters for one day, appeal and page: no reader, no cookie, no address.

    ``page_id`` is a plain id (0 when the appeal was not on a page), so the
    numbers outlive the page. Rows are only ever changed by atomic increments
    (``membership.appeals.counters``)."""

    day = models.DateField()
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="stats")
    page_id = models.PositiveIntegerField(default=0)
    impressions = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    conversions = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "appeal", "page_id"], name="appealstat_unique_key"
            )
        ]
        indexes = [models.Index(fields=["page_id", "day"])]
        verbose_name = "appeal statistic"

    def __str__(self) -> str:
        return f"{self.day} appeal {self.appeal_id} page {self.page_id}"
