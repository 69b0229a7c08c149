"""The named StreamBlocks that page bodies use."""

from django import forms

from wagtail import blocks

from articles.blocks.content import (
    BlockQuoteBlock,
    EmbedBlock,
    FactBoxBlock,
    ImageBlock,
    ParagraphBlock,
    PullQuoteBlock,
    ReadAlsoBlock,
    SectionHeadingBlock,
)
from articles.blocks.slots import APPEAL_MARKER
from articles.blocks.structural import AppealMarkerBlock


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    section_heading = SectionHeadingBlock()
    image = ImageBlock()
    pull_quote = PullQuoteBlock()
    block_quote = BlockQuoteBlock()
    embed = EmbedBlock()
    fact_box = FactBoxBlock()
    read_also = ReadAlsoBlock()
    appeal_marker = AppealMarkerBlock()

    def clean(self, value):
        value = super().clean(value)
        seen: dict[str, int] = {}
        errors = {}
        for index, child in enumerate(value):
            if child.block_type != "section_heading":
                continue
            anchor = child.value.anchor_id
            if anchor in seen:
                errors[index] = forms.ValidationError(
                    f"Another section already links as #{anchor}; give this one its own anchor."
                )
            seen[anchor] = index
        if sum(1 for child in value if child.block_type == APPEAL_MARKER) > 1:
            raise blocks.StreamBlockValidationError(
                non_block_errors=forms.ValidationError("Place the appeal marker at most once.")
            )
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value

    class Meta:
        block_counts = {APPEAL_MARKER: {"max_num": 1}}


class StandardBodyBlock(blocks.StreamBlock):
    """Bodies of standing pages (About, Ethics policy, Contact)."""

    paragraph = ParagraphBlock()
    section_heading = SectionHeadingBlock()
    image = ImageBlock()
    block_quote = BlockQuoteBlock()
    fact_box = FactBoxBlock()
