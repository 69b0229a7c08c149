"""Issues of a newsletter and the delivery of each to each subscriber.

A :class:`Delivery` row per recipient, unique on (issue, subscriber), is what
makes a send resumable without duplicates or gaps (``sending.py``)."""

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import PreviewableMixin

from membership.newsletters.blocks import IssueBodyBlock
from membership.newsletters.models import Newsletter, Subscriber
from membership.newsletters.rendering import render_issue


class Issue(PreviewableMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "draft"
        READY = "ready", "ready to send"
        SCHEDULED = "scheduled", "scheduled"
        SENDING = "sending", "sending"
        SENT = "sent", "sent"

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="issues")
    subject = models.CharField(max_length=150)
    preheader = models.CharField(
        max_length=150, blank=True, help_text="The line inboxes show after the subject."
    )
    body = StreamField(IssueBodyBlock(), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    send_at = models.DateTimeField(null=True, blank=True, help_text="Scheduled send (UTC).")
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    recipients = models.PositiveIntegerField(default=0, editable=False)
    automatic = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("newsletter"),
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("body"),
        FieldPanel("status"),
    ]

    preview_modes = [("html", "HTML email"), ("text", "Plain text")]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.newsletter}: {self.subject}"

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        rendered = render_issue(self)
        if mode_name == "text":
            return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")
        return HttpResponse(rendered.html)


class Delivery(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        SENDING = "sending", "handing off"
        SENT = "sent", "sent"
        FAILED = "failed", "failed"
        BOUNCED = "bounced", "bounced"
        COMPLAINED = "complained", "complained"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    esp_message_id = models.CharField(max_length=255, blank=True, db_index=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="delivery_once")
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}: {self.status}"
