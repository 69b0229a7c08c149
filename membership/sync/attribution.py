"""Which article and which appeal converted a reader, from the metadata our
Checkout Sessions carry (reader-controlled: ids are parsed, never trusted)."""

from typing import Any

from wagtail.models import Page

from membership.ids import parse_id
from membership.models import Appeal


def attribution(metadata: dict) -> dict[str, Any]:
    page_id = parse_id(metadata.get("article"))
    exists = page_id is not None and Page.objects.filter(pk=page_id).exists()
    appeal = str(metadata.get("appeal") or "")[:64]
    # An appeal's button carries its id (``membership.appeals``); other links
    # may carry any short label, kept as text only.
    appeal_id = parse_id(appeal)
    if appeal_id is not None and not Appeal.objects.filter(pk=appeal_id).exists():
        appeal_id = None
    return {
        "source_page_id": page_id,
        "source_article_id": page_id if exists else None,
        "appeal": appeal,
        "source_appeal_id": appeal_id,
    }
