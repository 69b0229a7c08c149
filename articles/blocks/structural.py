"""Blocks that shape the page around the text rather than adding to it."""

from wagtail import blocks


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
