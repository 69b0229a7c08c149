"""Forms of the account page's care actions."""

from django import forms

from membership.care.pause import PAUSE_MONTHS
from membership.models import CancellationFeedback


class PauseForm(forms.Form):
    months = forms.TypedChoiceField(
        label="Pause payments for",
        choices=[(n, f"{n} month{'s' if n > 1 else ''}") for n in PAUSE_MONTHS],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose one, two or three months.",
            "invalid_choice": "Choose one, two or three months.",
        },
    )


class CancelForm(forms.Form):
    """The one optional question before the Customer Portal, and the answer
    to the save offer (``action``: ``accept`` it, or go on to ``cancel``)."""

    reason = forms.ChoiceField(
        label="Why are you leaving? (optional)",
        choices=CancellationFeedback.Reason.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the reasons, or none."},
    )
    detail = forms.CharField(
        label="Anything else you'd like to tell us? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Please keep it under 1,000 characters."},
    )
    action = forms.ChoiceField(choices=[("accept", "accept"), ("cancel", "cancel")])
    offer = forms.IntegerField(required=False, min_value=0)
    interval = forms.ChoiceField(
        choices=[("", ""), ("month", "month"), ("year", "year")], required=False
    )
