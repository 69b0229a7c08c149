"""What a member told us when cancelling in our flow, and the save offer."""

from django.db import models


class CancellationFeedback(models.Model):
    """One per membership: the optional reason, and whether the one save
    offer (a lower amount) was accepted; an accepted offer is never applied
    twice."""

    class Reason(models.TextChoices):
        COST = "cost", "It costs too much right now"
        READING = "reading", "I don't read enough to justify it"
        COVERAGE = "coverage", "I'm unhappy with the coverage"
        OTHER_WAY = "other_way", "I support you another way"
        OTHER = "other", "Another reason"

    membership = models.OneToOneField(
        "membership.Membership", on_delete=models.CASCADE, related_name="cancellation_feedback"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    detail = models.TextField(blank=True, max_length=1000)
    offered_amount = models.PositiveIntegerField(null=True, blank=True)
    offer_accepted_at = models.DateTimeField(null=True, blank=True)
    went_to_portal_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Feedback on {self.membership}"
