"""Blocks that carry an article's text and media."""

from django import forms
from django.utils.text import slugify

from wagtail import blocks
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageChooserBlock

from articles import alt_text as alt
from articles.blocks.images import BODY_RENDITIONS, images_in_order, with_renditions
from articles.rich_text import LinkedRichTextBlock

# Rich text an article paragraph may use: no headings (those are section
# heading blocks, so the outline stays clean) and no embedded media.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link"]


class ParagraphBlock(LinkedRichTextBlock):
    """Body text; a body's paragraphs load the pages they link to in one
    query (``articles.rich_text``)."""

    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        label = "Paragraph"
        description = "Body text with links, bold, italics and lists."
        preview_value = (
            "<p>The ministry confirmed the talks on Tuesday, two days after "
            '<a href="https://example.org">our report</a>.</p>'
        )


class SectionHeadingValue(blocks.StructValue):
    @property
    def anchor_id(self) -> str:
        """The id readers link to: the editor's anchor, else the heading slugified."""
        return self.get("anchor") or slugify(self.get("heading", "")) or "section"


class SectionHeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=160)
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text="Optional link name (#anchor); defaults to the heading in lower case.",
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("anchor") and slugify(value["anchor"]) != value["anchor"]:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "anchor": forms.ValidationError(
                        "Use lower-case letters, digits and hyphens only, e.g. “talks-in-geneva”."
                    )
                }
            )
        return value

    class Meta:
        icon = "title"
        template = "blocks/section_heading.html"
        label = "Section heading"
        description = "Starts a titled section; three or more build a table of contents."
        value_class = SectionHeadingValue
        preview_value = {"heading": "The double game on energy", "anchor": ""}


class ImageValue(blocks.StructValue):
    @property
    def alt(self) -> str:
        return alt.alt_for(self.get("image"), self.get("alt_text"), self.get("decorative"))


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False, max_length=250, label="Alt text", help_text=alt.ALT_HELP
    )
    decorative = blocks.BooleanBlock(
        required=False, label="Decorative", help_text=alt.DECORATIVE_HELP
    )
    caption = blocks.CharBlock(required=False, max_length=300)
    credit = blocks.CharBlock(
        required=False, max_length=120, help_text="e.g. “Photo: Ana Petrenko”"
    )
    alignment = blocks.ChoiceBlock(
        choices=[("full", "Full width"), ("wide", "Wide"), ("inline", "Inline, text wraps")],
        default="full",
    )

    def clean(self, value):
        value = super().clean(value)
        if alt.is_missing(value.get("image"), value.get("alt_text"), value.get("decorative")):
            raise blocks.StructBlockValidationError(
                block_errors={"alt_text": forms.ValidationError(alt.MISSING)}
            )
        return value

    def bulk_to_python(self, values):
        """Every image of a body with its picture's renditions, in one query
        (``articles.blocks.images``), instead of one more query per image."""
        values = list(values)
        ids = [value.get("image") for value in values]
        structs = super().bulk_to_python(
            [{name: v for name, v in value.items() if name != "image"} for value in values]
        )
        images = images_in_order(ids, with_renditions(ids, BODY_RENDITIONS))
        for struct, image in zip(structs, images, strict=True):
            struct["image"] = image
        return structs

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = "Image"
        description = "A photo or graphic with alt text, caption and credit."
        value_class = ImageValue


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    speaker = blocks.CharBlock(max_length=120, help_text="Who said it, e.g. “Maria Hren”.")
    role = blocks.CharBlock(
        required=False, max_length=160, help_text="e.g. “spokesperson for the foreign ministry”"
    )

    class Meta:
        icon = "openquote"
        template = "blocks/pull_quote.html"
        label = "Pull quote"
        description = "A quote set apart from the text, attributed to a named person."
        preview_value = {
            "quote": "We will not trade our sovereignty for a ceasefire on paper.",
            "speaker": "Maria Hren",
            "role": "spokesperson for the foreign ministry",
        }


class BlockQuoteBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)
    source = blocks.CharBlock(required=False, max_length=200)
    source_url = blocks.URLBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/block_quote.html"
        label = "Block quote"
        description = "A longer passage quoted from a document, statement or post."
        preview_value = {
            "text": "<p>The parties agree to resume the exchange of prisoners.</p>",
            "source": "Joint statement, 4 March",
            "source_url": "",
        }


class EmbedValue(blocks.StructValue):
    def details(self) -> dict[str, str] | None:
        """oEmbed title and provider, or None when the provider can't be reached.

        Wagtail stores successful look-ups, so only the first render pays.
        """
        try:
            embed = embeds.get_embed(self.get("url"))
        except (EmbedException, OSError, ValueError):
            return None
        return {"title": embed.title, "provider": embed.provider_name}


class EmbedBlock(blocks.StructBlock):
    """A link card for a post or video elsewhere.

    It never loads the provider's player or scripts on our page (no third-party
    requests, a strict CSP), and an unreachable provider only costs the title.
    """

    url = blocks.URLBlock(help_text="Address of the post or video, e.g. a YouTube or X link.")
    caption = blocks.CharBlock(required=False, max_length=300)

    class Meta:
        icon = "media"
        template = "blocks/embed.html"
        label = "Embed"
        description = "A video or social post, shown as a link card to the original."
        value_class = EmbedValue
        preview_value = {"url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ", "caption": ""}


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "list-ul"
        template = "blocks/fact_box.html"
        label = "Fact box"
        description = "Background facts set beside the story."
        preview_value = {
            "title": "Key facts",
            "body": "<ul><li>Talks began in 2024.</li><li>Three rounds so far.</li></ul>",
        }


class ReadAlsoBlock(blocks.StructBlock):
    article = blocks.PageChooserBlock(page_type="articles.ArticlePage")
    label = blocks.CharBlock(required=False, max_length=40, default="Read also")

    class Meta:
        icon = "link"
        template = "blocks/read_also.html"
        label = "Read also"
        description = "A link to another of our articles."
