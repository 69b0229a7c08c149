"""Images found in an imported .docx go into the image library, so their
image blocks are complete; their alt text comes from the document."""

from io import BytesIO
from typing import Any

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Collection

from PIL import Image, UnidentifiedImageError

from articles.story_import.convert import Converted

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}


def save_image(found: dict[str, Any], user: Any) -> int | None:
    extension = EXTENSIONS.get(found["type"])
    if not extension:
        return None
    try:
        Image.open(BytesIO(found["content"])).verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        return None
    alt = (found["alt"] or "").strip()
    image = get_image_model()(
        title=(alt or "Imported image")[:255],
        description=alt[:255],
        collection=Collection.get_first_root_node(),
        uploaded_by_user=user,
        file=ImageFile(BytesIO(found["content"]), name=f"imported.{extension}"),
    )
    image.save()
    return image.pk


def with_saved_images(converted: Converted, user: Any) -> list[dict[str, Any]]:
    """The body as StreamField's raw data (images by id)."""
    blocks = []
    for kind, value in converted.blocks:
        if kind == "image":
            value = dict(value)
            ref = value["image"]
            if isinstance(ref, str) and ref.startswith("new:"):
                value["image"] = save_image(converted.images[int(ref[4:])], user)
            value.setdefault("alignment", "full")
            value.setdefault("decorative", False)
        blocks.append({"type": kind, "value": value})
    return blocks
