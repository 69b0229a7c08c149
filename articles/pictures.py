"""A ``<picture>`` as Wagtail's ``Picture`` writes it, at a fraction of its cost.

A cold home page draws some forty card pictures of six renditions each.
Wagtail's ``Picture`` writes each attribute through Django's ``flatatt``
(``format_html`` and ``conditional_escape`` per value: about half the cost
of a card picture) and reads the fallback rendition's URL twice. ``html()``
groups the renditions with Wagtail's own ``Picture`` (its formats and
fallback) and writes the same HTML with each rendition's URL read once and
each value escaped once; ``tests/articles/test_pictures.py`` compares the two
for every kind of picture the site draws, so a Wagtail upgrade that changes
its output fails there.
"""

from django.apps import apps
from django.utils.html import conditional_escape

from wagtail.images.models import Picture


def attributes(attrs: dict) -> str:
    """What Django's ``flatatt`` writes: ` name="value"` by name, each value
    through ``conditional_escape``, then the names of the true booleans; None
    and False leave an attribute out."""
    pairs, flags = [], []
    for name, value in attrs.items():
        if isinstance(value, bool):
            if value:
                flags.append(name)
        elif value is not None:
            pairs.append((name, value))
    written = "".join(f' {name}="{conditional_escape(value)}"' for name, value in sorted(pairs))
    return written + "".join(f" {name}" for name in sorted(flags))


def html(renditions: dict, attrs: dict) -> str:
    """``Picture(renditions, attrs).__html__()``: a <source> per format but the
    fallback one, then the fallback's <img> (the first of its renditions)."""
    picture = Picture(renditions, attrs)
    attrs = dict(attrs)
    urls = {id(rendition): rendition.url for rendition in picture.renditions}

    def srcset(renditions: list) -> str:
        if len(renditions) == 1:
            return urls[id(renditions[0])]
        return ", ".join(f"{urls[id(r)]} {r.width}w" for r in renditions)

    if not picture.formats:  # one format: an <img> with every rendition
        if len(picture.renditions) > 1:
            attrs["srcset"] = srcset(picture.renditions)
        return f"<picture>{_img(picture.renditions[0], urls, attrs)}</picture>"
    fallback_format = picture.get_fallback_format()
    fallback = picture.formats[fallback_format]
    sources = [
        "<source"
        + attributes(
            {
                "srcset": srcset(picture.formats[fmt.name]),
                "sizes": attrs.get("sizes"),
                "type": fmt.mime_type,
            }
        )
        + ">"
        for fmt in Picture.source_format_order
        if fmt.name != fallback_format and fmt.name in picture.formats
    ]
    if len(fallback) > 1:
        attrs["srcset"] = srcset(fallback)
    return f"<picture>{''.join(sources)}{_img(fallback[0], urls, attrs)}</picture>"


def _img(rendition, urls: dict, extra: dict) -> str:
    """``rendition.img_tag(extra)``: its src, size and alt, Wagtail's default
    attributes, then ``extra``."""
    attrs = {"src": urls[id(rendition)], "width": rendition.width, "height": rendition.height}
    attrs.update(apps.get_app_config("wagtailimages").default_attrs)
    attrs.update(extra)
    if "alt" not in attrs:
        attrs["alt"] = rendition.alt
    return f"<img{attributes(attrs)}>"
