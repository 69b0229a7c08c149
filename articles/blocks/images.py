"""Body images with the renditions their picture shows, in one query.

Wagtail's image chooser loads a body's images in one query, then each
``{% picture %}`` asks for its renditions in one more: an article with ten
images ran eleven. ``with_renditions`` reads the renditions of every image at
once, each with its image joined (an image none of whose renditions is made
yet costs one more query, for the image alone), and hands each image its
renditions, so the pictures run no query.
"""

import copy
from collections.abc import Iterable

from wagtail.images import get_image_model

from articles import wagtail_adapter

# What templates/blocks/image.html's {% picture %} asks for (formats, widths).
BODY_RENDITIONS = tuple(
    f"format-{format}|width-{width}"
    for format in ("avif", "webp", "jpeg")
    for width in (480, 800, 1200)
)


def with_renditions(image_ids: Iterable[int], specs: Iterable[str]) -> dict[int, object]:
    """The images with these ids by id, each with its renditions for ``specs``."""
    ids = {pk for pk in image_ids if pk is not None}
    if not ids:
        return {}
    image_model = get_image_model()
    renditions = image_model.get_rendition_model().objects.filter(
        image_id__in=ids, filter_spec__in=list(specs)
    )
    images: dict[int, object] = {}
    found: dict[int, list] = {}
    for rendition in renditions.select_related("image"):
        image = images.setdefault(rendition.image_id, rendition.image)
        rendition.image = image  # one image object for all its renditions
        found.setdefault(image.pk, []).append(rendition)
    missing = ids - images.keys()
    if missing:
        images.update(image_model.objects.in_bulk(missing))
    for pk, image in images.items():
        wagtail_adapter.set_prefetched_renditions(image, found.get(pk, []))
    return images


def images_in_order(values: list, images: dict[int, object]) -> list:
    """``images`` for each id in ``values`` (None where missing), a copy for
    an id seen before, as Wagtail's chooser blocks do."""
    seen = set()
    result = []
    for pk in values:
        image = images.get(pk)
        if image is not None and pk in seen:
            image = copy.copy(image)
        result.append(image)
        seen.add(pk)
    return result
