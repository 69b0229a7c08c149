"""The home page's section blocks: which sections the front shows, in which
order, each with the layout an editor picked (``HomePage.front_sections``)."""

from django import forms
from django.db import models

from wagtail import blocks


class FrontLayout(models.TextChoices):
    LEAD_AND_LIST = "lead_list", "Lead and list"
    FOUR_CARDS = "cards", "Four cards"
    LIST_ONLY = "list", "List only"


# How many stories each layout shows: a lead with four headlines beside it,
# a row of four cards, six headlines (two rows of three on a desktop).
STORIES = {
    FrontLayout.LEAD_AND_LIST: 5,
    FrontLayout.FOUR_CARDS: 4,
    FrontLayout.LIST_ONLY: 6,
}
DEFAULT_LAYOUT = FrontLayout.LEAD_AND_LIST


class FrontSectionValue(blocks.StructValue):
    @property
    def layout_label(self) -> str:
        return FrontLayout(self.get("layout") or DEFAULT_LAYOUT).label


class FrontSectionBlock(blocks.StructBlock):
    section = blocks.PageChooserBlock(page_type="articles.SectionPage")
    layout = blocks.ChoiceBlock(
        choices=FrontLayout.choices,
        default=DEFAULT_LAYOUT,
        help_text="Lead and list: one story with its picture, then headlines. "
        "Four cards: four stories with pictures. List only: headlines.",
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/front_section.html"
        value_class = FrontSectionValue
        label = "Section block"
        description = "A section's newest stories on the front page, in the layout you pick."
        preview_value = {"section": None, "layout": DEFAULT_LAYOUT}


class FrontSectionsBlock(blocks.StreamBlock):
    section = FrontSectionBlock()

    def clean(self, value):
        value = super().clean(value)
        seen: set[int] = set()
        errors = {}
        for index, child in enumerate(value):
            section = child.value["section"]  # required: set once the children are clean
            if section.pk in seen:
                errors[index] = forms.ValidationError(
                    f"“{section.title}” is already on the front page; show each section once."
                )
            seen.add(section.pk)
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value
