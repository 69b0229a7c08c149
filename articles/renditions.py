"""Image renditions made ahead of readers.

AVIF encoding is slow (about a second per image for a card's six renditions on
a small server), so no reader request should ever wait for it: card, share
and feed renditions are made when an article is published (after the commit),
when the demo is loaded, and by ``manage.py warm_renditions`` after an import
or a restore. A rendition that exists already costs one cached look-up.
"""

import logging
from collections.abc import Iterable

from django.db import transaction

from wagtail.images import get_image_model

from articles.image_specs import READER_SPECS, SITE_SPECS
from articles.models import ArticlePage

logger = logging.getLogger(__name__)


def warm(image_ids: Iterable[int]) -> int:
    """Make the reader renditions of these images; returns how many images."""
    specs = READER_SPECS
    done = 0
    for image in (
        get_image_model().objects.filter(pk__in=set(image_ids)).prefetch_renditions(*specs)
    ):
        try:
            image.get_renditions(*specs)
        except OSError:  # the original file is missing or unreadable
            logger.warning("No renditions for image %s: original file unreadable", image.pk)
            continue
        done += 1
    return done


def warm_site_images(site_settings) -> None:
    """The logo, dark logo and icon renditions of the site settings, made on
    save, so the cached site (``articles.site``) finds them all prefetched."""
    for name in ("logo", "logo_dark", "icon"):
        image = getattr(site_settings, name)
        if image is None:
            continue
        try:
            image.get_renditions(*SITE_SPECS)
        except OSError:
            logger.warning("No renditions for image %s: original file unreadable", image.pk)


def warm_after_commit(article) -> None:
    """On publish: make the article's lead image renditions once the page is saved."""
    if article.lead_image_id:
        image_id = article.lead_image_id
        transaction.on_commit(lambda: warm([image_id]))


def lead_image_ids() -> list[int]:
    return list(
        ArticlePage.objects.public()
        .exclude(lead_image=None)
        .order_by()
        .values_list("lead_image_id", flat=True)
        .distinct()
    )
