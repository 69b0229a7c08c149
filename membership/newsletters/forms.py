from django import forms

from membership.newsletters.audience import can_receive
from membership.newsletters.models import Newsletter


def offered(user) -> list[Newsletter]:
    """Public newsletters, and the members-only ones this reader may get now."""
    newsletters = Newsletter.objects.active().prefetch_related("tiers")
    return [n for n in newsletters if not n.members_only or can_receive(n, user)]


class SignupForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    newsletters = forms.ModelMultipleChoiceField(
        label="Newsletters",
        queryset=Newsletter.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one newsletter."},
    )
    source = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ids = [n.pk for n in offered(user)]
        self.fields["newsletters"].queryset = Newsletter.objects.filter(pk__in=ids)

    def clean_source(self) -> str:
        source = self.cleaned_data.get("source") or ""
        # Only a path on this site is kept as the consent's page.
        if not source.startswith("/") or source.startswith("//") or "\x00" in source:
            return ""
        return source


class ManageForm(forms.Form):
    """Every list for one address (the manage link, or /account/)."""

    def __init__(self, *args, newsletters, subscribed: set[int], **kwargs) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
        for newsletter in newsletters:
            self.fields[f"n{newsletter.pk}"] = forms.BooleanField(
                required=False,
                label=newsletter.name,
                initial=newsletter.pk in subscribed,
                help_text=newsletter.cadence,
            )
        self.newsletters = newsletters

    def chosen(self) -> set[int]:
        return {n.pk for n in self.newsletters if self.cleaned_data.get(f"n{n.pk}")}
