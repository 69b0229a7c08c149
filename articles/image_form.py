"""Wagtail's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``), with help on the
description, which is the image's alt text (``articles.alt_text``)."""

from typing import Any

from wagtail.images.forms import BaseImageForm

from articles.alt_text import DESCRIPTION_HELP


class ImageForm(BaseImageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].label = "Description (alt text)"
            self.fields["description"].help_text = DESCRIPTION_HELP
