"""What every part of the demo build shares: the report of what it created,
the demo image collection and its images, and publishing as an editor would."""

from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from articles.demo import images
from articles.demo.story import Illustration

COLLECTION_NAME = "Demo newsroom"


@dataclass
class Report:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, count: int = 1) -> None:
        self.created[kind] = self.created.get(kind, 0) + count


def ensure_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def ensure_image(collection, title: str, make, filename: str, report: Report):
    """The image titled ``title`` in the demo collection, drawn by ``make()`` if missing."""
    image_model = get_image_model()
    image = image_model.objects.filter(collection=collection, title=title).first()
    if image is None:
        data, description = make()
        image = image_model(title=title, description=description, collection=collection)
        image.file = ImageFile(BytesIO(data), name=filename)
        image._set_image_file_metadata()
        image.save()
        report.add("images")
    return image


def illustration(collection, art: Illustration, report: Report):
    return ensure_image(
        collection,
        f"Illustration: {art.key.replace('-', ' ')}",
        lambda: images.lead_image(art.key, art.scene, art.palette),
        f"demo-{art.key}.jpg",
        report,
    )


def publish(page: Page, published: datetime, modified: datetime | None = None) -> None:
    """Publish a revision as an editor would, dated when the story says."""
    page.save_revision().publish()
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=published,
        last_published_at=modified or published,
        latest_revision_created_at=modified or published,
    )
    page.first_published_at = published
    page.last_published_at = modified or published
