"""Blocks that shape the page around the text rather than adding to it."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class AppealMarkerBlock(blocks.StaticBlock):
    """Where the membership appeal goes. The appeal itself is not article text:
    it is managed centrally and chosen per reader, so this block renders
    nothing by itself; the article template places the appeal here."""

    class Meta:
        icon = "placeholder"
        template = "blocks/appeal_marker.html"
        label = "Appeal here"
        admin_text = "The membership appeal is shown here (not part of the article text)."
        description = "Marks where the membership appeal appears in this article."


class NewsletterSignupBlock(blocks.StructBlock):
    """A compact newsletter sign-up in the article. The newsletter is chosen by
    its model's name (no import: articles never imports membership); the form
    is drawn by membership's ``newsletter_signup`` template tag, loaded by the
    block's template (docs/newsletters.md)."""

    newsletter = SnippetChooserBlock(
        "membership.Newsletter",
        required=False,
        help_text="Leave empty to offer every public newsletter.",
    )

    class Meta:
        icon = "mail"
        template = "blocks/newsletter_signup.html"
        label = "Newsletter sign-up"
