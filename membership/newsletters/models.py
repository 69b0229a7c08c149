"""Newsletter lists, their subscribers and the consent each gave.

A :class:`Subscriber` is an email address (with the account it belongs to, if
any); a :class:`Subscription` is that address on one :class:`Newsletter`, with
the record of consent: when, how and from which page. Issues and deliveries
are in ``membership.newsletters.issues``.
"""

from email.utils import formataddr

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from membership.branding import sender, site_name
from membership.models.tiers import Tier


def normalize(email: str) -> str:
    return (email or "").strip().lower()


class NewsletterQuerySet(models.QuerySet["Newsletter"]):
    def active(self) -> "NewsletterQuerySet":
        return self.filter(active=True)

    def public(self) -> "NewsletterQuerySet":
        return self.active().filter(audience=Newsletter.Audience.PUBLIC)


class Newsletter(models.Model):
    class Audience(models.TextChoices):
        PUBLIC = "public", "Anyone (double opt-in)"
        MEMBERS = "members", "Members only"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True, help_text="One or two sentences for sign-up.")
    cadence = models.CharField(max_length=100, blank=True, help_text='e.g. "Every weekday, 7am"')
    sender_name = models.CharField(max_length=100, blank=True, help_text="Defaults to the site.")
    sender_email = models.EmailField(blank=True, help_text="Defaults to DEFAULT_FROM_EMAIL.")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    tiers = models.ManyToManyField(
        Tier,
        blank=True,
        related_name="newsletters",
        help_text="Members-only: the tiers that get it (none chosen: every member).",
    )
    section = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a section whose new articles this newsletter's digest sends.",
    )
    digest_time = models.TimeField(
        null=True, blank=True, help_text="Automatic digest of the section's new articles (UTC)."
    )
    active = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NewsletterQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("cadence"),
        MultiFieldPanel([FieldPanel("sender_name"), FieldPanel("sender_email")], "Sender"),
        MultiFieldPanel([FieldPanel("audience"), FieldPanel("tiers")], "Who can subscribe"),
        MultiFieldPanel([FieldPanel("section"), FieldPanel("digest_time")], "Section digest"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def members_only(self) -> bool:
        return self.audience == self.Audience.MEMBERS

    @property
    def from_email(self) -> str:
        if not self.sender_email:
            return sender()
        return formataddr((self.sender_name or site_name(), self.sender_email))


class Subscriber(models.Model):
    """One email address. Suppressed addresses (hard bounce, complaint) get
    nothing from any list until the reader confirms again."""

    class Suppression(models.TextChoices):
        NONE = "", "not suppressed"
        BOUNCED = "bounced", "the address bounced"
        COMPLAINED = "complained", "marked as spam"

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsletter_subscribers",
    )
    suppressed = models.CharField(max_length=12, choices=Suppression.choices, blank=True)
    suppressed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def suppress(self, reason: str) -> None:
        self.suppressed, self.suppressed_at = reason, timezone.now()
        self.save(update_fields=["suppressed", "suppressed_at"])


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def subscribed(self) -> "SubscriptionQuerySet":
        return self.filter(status=Subscription.Status.SUBSCRIBED)

    @staticmethod
    def subscribed_at_condition(moment) -> models.Q:
        """On the list just before ``moment``: consent given before it, not
        unsubscribed and the address not suppressed before it. Reconstructed
        from the timestamps kept (no history): a reader who left and came back
        counts from their latest consent only."""
        return (
            models.Q(consent_at__lt=moment)
            & (models.Q(unsubscribed_at__isnull=True) | models.Q(unsubscribed_at__gte=moment))
            & (
                models.Q(subscriber__suppressed_at__isnull=True)
                | models.Q(subscriber__suppressed_at__gte=moment)
            )
        )


class Subscription(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "waiting for confirmation"
        SUBSCRIBED = "subscribed", "subscribed"
        UNSUBSCRIBED = "unsubscribed", "unsubscribed"

    class Method(models.TextChoices):
        DOUBLE_OPT_IN = "double_opt_in", "confirmed by email link"
        ACCOUNT = "account", "one click, signed in with a verified address"
        MANAGE_LINK = "manage_link", "from the manage-lists link in an email"
        WELCOME_EMAIL = "welcome_email", "one click from the welcome email to a new member"
        IMPORT = "import", "imported"
        ADMIN = "admin", "added by staff"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.CASCADE, related_name="subscriptions"
    )
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    consent_at = models.DateTimeField(null=True, blank=True, help_text="When consent was given.")
    consent_method = models.CharField(max_length=14, choices=Method.choices, blank=True)
    consent_source = models.CharField(
        max_length=500, blank=True, help_text="The page the reader signed up from."
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    unsubscribe_method = models.CharField(max_length=30, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="newsletter_subscription_once"
            )
        ]
        indexes = [models.Index(fields=["newsletter", "status"])]

    def __str__(self) -> str:
        return f"{self.subscriber} · {self.newsletter} ({self.status})"

    def record(self) -> dict:
        """The subscription as the reader's data export and the lossless
        subscribers export write it (times in ISO 8601, None when unset)."""
        return {
            "email": self.subscriber.email,
            "newsletter": self.newsletter.slug,
            "status": self.status,
            "requested_at": _iso(self.requested_at),
            "consent_at": _iso(self.consent_at),
            "consent_method": self.consent_method,
            "consent_source": self.consent_source,
            "unsubscribed_at": _iso(self.unsubscribed_at),
            "unsubscribe_method": self.unsubscribe_method,
            "suppressed": self.subscriber.suppressed,
            "suppressed_at": _iso(self.subscriber.suppressed_at),
        }

    def confirm(self, method: str, source: str = "") -> bool:
        """Record consent; False if it was already subscribed (nothing changes)."""
        if self.status == self.Status.SUBSCRIBED:
            return False
        self.status = self.Status.SUBSCRIBED
        self.consent_at = timezone.now()
        self.consent_method = method
        if source:
            self.consent_source = source[:500]
        self.unsubscribed_at = None
        self.unsubscribe_method = ""
        self.save()
        return True

    def unsubscribe(self, method: str) -> bool:
        if self.status == self.Status.UNSUBSCRIBED:
            return False
        self.status = self.Status.UNSUBSCRIBED
        self.unsubscribed_at = timezone.now()
        self.unsubscribe_method = method[:30]
        self.save(update_fields=["status", "unsubscribed_at", "unsubscribe_method"])
        return True


def _iso(value) -> str | None:
    return value.isoformat() if value else None
