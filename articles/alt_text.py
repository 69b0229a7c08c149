"""Alt text: what a screen reader says instead of an image.

An image's alt text is, in order: the text written where it is used (the
lead image's or the image block's "Alt text"), else the image's own
description (Images → edit → Description). Never its title, which is often
the file name ("lead", "IMG_2041"). A decorative image, which adds nothing a
reader needs, is marked so and gets ``alt=""``. Where an image is used with
neither, the form asks for one."""

from typing import Any

ALT_HELP = (
    "Alt text: what the image shows, for readers who can't see it, in a sentence "
    "(“Firefighters carry a woman from a flooded house in Ptuj”). Name people and places, "
    "skip “image of”, don't repeat the caption. Leave empty to use the image's own description."
)
DECORATIVE_HELP = (
    "Tick only when the image adds nothing a reader needs (a texture, a mood picture): "
    "screen readers then skip it."
)
MISSING = (
    "Describe the image for readers who can't see it (or give the image a description "
    "in Images), or tick “Decorative”."
)


def alt_for(image: Any, alt_text: str = "", decorative: bool = False) -> str:
    if decorative or image is None:
        return ""
    return (alt_text or "").strip() or (getattr(image, "description", "") or "").strip()


def is_missing(image: Any, alt_text: str = "", decorative: bool = False) -> bool:
    return image is not None and not decorative and not alt_for(image, alt_text)


DESCRIPTION_HELP = (
    "Used as the image's alt text wherever it appears without its own: what the image "
    "shows, in a sentence, for readers who can't see it. Not the file name."
)
