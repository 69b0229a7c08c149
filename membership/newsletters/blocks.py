"""What an editor composes an issue from (a StreamField)."""

from wagtail import blocks


class ArticleCardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    articles = blocks.ListBlock(blocks.PageChooserBlock(page_type="articles.ArticlePage"))

    class Meta:
        icon = "doc-full"
        label = "Picked articles (cards)"


class AppealSlotBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Journalism funded by its readers")
    text = blocks.TextBlock(
        default="Everything we publish is free to read. Members make that possible."
    )
    button_label = blocks.CharBlock(max_length=40, default="Become a member")

    class Meta:
        icon = "pick"
        label = "Appeal (links to the join page)"


class IssueBodyBlock(blocks.StreamBlock):
    intro = blocks.RichTextBlock(features=["bold", "italic", "link"])
    articles = ArticleCardsBlock()
    text = blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    appeal = AppealSlotBlock()
