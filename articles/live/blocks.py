"""The body of a live entry: a restricted StreamField (no headings, fact boxes
or appeal markers: an entry is a few paragraphs, a quote, a photo, a link)."""

from wagtail import blocks

from articles.blocks.content import (
    BlockQuoteBlock,
    EmbedBlock,
    ImageBlock,
    ParagraphBlock,
    ReadAlsoBlock,
)


class LiveEntryBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    quote = BlockQuoteBlock()
    image = ImageBlock()  # with caption and credit
    embed = EmbedBlock()  # a link card: no third-party player or script
    read_also = ReadAlsoBlock()
