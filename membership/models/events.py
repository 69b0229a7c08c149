"""The webhook inbox and the record of emails already sent."""

from django.db import models


class StripeEvent(models.Model):
    """Every verified Stripe event, stored before it is handled (the event id
    is the primary key, so a redelivery can never be handled twice)."""

    class Status(models.TextChoices):
        RECEIVED = "received", "received"
        PROCESSED = "processed", "processed"
        IGNORED = "ignored", "ignored"
        FAILED = "failed", "failed"

    id = models.CharField(max_length=255, primary_key=True)
    type = models.CharField(max_length=100, db_index=True)
    api_version = models.CharField(max_length=40, blank=True)
    livemode = models.BooleanField(default=False)
    stripe_created = models.DateTimeField(null=True)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    DONE = (Status.PROCESSED, Status.IGNORED)

    class Meta:
        ordering = ["received_at"]
        verbose_name = "Stripe event"

    def __str__(self) -> str:
        return f"{self.type} {self.id} ({self.status})"

    @property
    def object(self) -> dict:
        return self.payload["data"]["object"]


class SentNotice(models.Model):
    """One row per email that must go out once (welcome for a subscription,
    payment failure for an invoice attempt...). Inserted in the same
    transaction as the change that causes it, so replays send nothing."""

    key = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
