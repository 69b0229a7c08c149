"""The gift membership form: everything is checked here, before Stripe."""

import datetime

from django import forms
from django.utils import timezone

from membership.forms import AttributionMixin, email_field
from membership.gifts.models import GIFT_MONTHS
from membership.models import Tier

MESSAGE_MAX = 500  # a Stripe metadata value holds at most 500 characters
FURTHEST_DELIVERY = datetime.timedelta(days=365)


class GiftMembershipForm(AttributionMixin):
    tier = forms.ModelChoiceField(
        queryset=Tier.objects.none(),
        to_field_name="slug",
        empty_label=None,
        widget=forms.RadioSelect,
        label="Membership",
        error_messages={
            "required": "Choose a membership.",
            "invalid_choice": "That membership tier is not available.",
        },
    )
    months = forms.TypedChoiceField(
        choices=[(m, "1 month" if m == 1 else f"{m} months") for m in GIFT_MONTHS],
        coerce=int,
        widget=forms.RadioSelect,
        label="How long",
        error_messages={
            "required": "Choose how many months to give.",
            "invalid_choice": "Choose 1, 3, 6 or 12 months.",
        },
    )
    recipient_email = email_field(
        "Their email address", "Enter the email address the gift goes to.", autocomplete="off"
    )
    message = forms.CharField(
        label="Your message (optional)",
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"Keep the message under {MESSAGE_MAX} characters."},
    )
    deliver_on = forms.DateField(
        label="Send it on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Today, or a day within a year (a birthday, say). Leave empty for today.",
        error_messages={"invalid": "Enter a date like 2026-12-24."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tier"].queryset = Tier.objects.active().exclude(stripe_product_id="")

    def clean_recipient_email(self) -> str:
        return self.cleaned_data["recipient_email"].strip().lower()

    def clean_message(self) -> str:
        return self.cleaned_data["message"].replace("\x00", "").strip()

    def clean_deliver_on(self) -> datetime.date:
        today = timezone.localdate()
        day = self.cleaned_data.get("deliver_on") or today
        if day < today:
            raise forms.ValidationError("Choose today or a day in the future.")
        if day > today + FURTHEST_DELIVERY:
            raise forms.ValidationError("Choose a day within the next year.")
        return day

    def price(self) -> int:
        """What the gift costs, in cents: the tier's monthly price per month."""
        return self.cleaned_data["tier"].monthly_amount * self.cleaned_data["months"]
