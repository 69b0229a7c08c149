"""The admin forms for live entries: the fast one (a text box and "Post") and
the full one (every field, the StreamField body included)."""

from django import forms

from wagtail.admin.forms import WagtailAdminModelForm

from articles.live.models import LiveEntry
from articles.models.snippets import Author


class QuickEntryForm(forms.Form):
    text = forms.CharField(
        label="Update",
        widget=forms.Textarea(attrs={"rows": 5, "autofocus": True}),
        max_length=5000,
        help_text="Plain text; a blank line starts a new paragraph.",
        error_messages={"required": "Write the update before posting it."},
    )
    title = forms.CharField(label="Title (optional)", max_length=200, required=False)
    is_key_event = forms.BooleanField(label="Key event", required=False)
    authors = forms.ModelMultipleChoiceField(
        queryset=Author.objects.order_by("name"), required=False
    )


class EntryForm(WagtailAdminModelForm):
    class Meta:
        model = LiveEntry
        fields = ["posted_at", "title", "body", "authors", "is_key_event", "correction"]
