"""Page links in rich text: the pages a body links to, in one query.

Wagtail's page link handler loads the pages one rich text links to when it
is rendered, as specific pages (two queries per paragraph with a link). A
link needs only the page's URL, which the generic page gives (no page type
here builds its URL otherwise), so ``PageLinks`` (``articles.wagtail_hooks``),
registered in its place through Wagtail's documented
``register_rich_text_features`` hook, loads generic pages: one query. And a body's
rich texts of one block type are made together (``StreamValue`` hands the
block all its values at once: ``LinkedRichTextBlock.bulk_to_python``): they
share a ``LinkedPages``, which loads the pages every one of them links to in
one query when the first is rendered; each then renders with those pages
known (a context variable, set while it renders), so the handler asks for
none of them again.
"""

from contextvars import ContextVar

from wagtail import blocks
from wagtail.models import Page
from wagtail.rich_text import RichText, extract_references_from_rich_text

_known_pages: ContextVar[dict[int, Page | None] | None] = ContextVar("known_pages", default=None)


def page_id(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def load_pages(ids: set[int]) -> dict[int, Page | None]:
    """The pages with these ids by id, as generic pages (what a link needs);
    None for an id no page has (a deleted page: its links stay unresolved)."""
    found = Page.objects.defer_streamfields().in_bulk(ids) if ids else {}
    return {pk: found.get(pk) for pk in ids}


def known_pages() -> dict[int, Page | None]:
    """The pages the rich text being rendered links to, as far as known
    (None: known to be missing)."""
    return _known_pages.get() or {}


def linked_page_ids(source: str) -> set[int]:
    """The ids of the pages a rich text (its stored form) links to."""
    found = set()
    for model, object_id, _, _ in extract_references_from_rich_text(source or ""):
        if issubclass(model, Page) and page_id(object_id) is not None:
            found.add(page_id(object_id))
    return found


class LinkedPages:
    """The pages a group of rich texts links to, loaded together on first use."""

    def __init__(self, ids: set[int]) -> None:
        self.ids = ids
        self.pages: dict[int, Page | None] | None = None

    def load(self) -> dict[int, Page | None]:
        if self.pages is None:
            self.pages = load_pages(self.ids)
        return self.pages


class LinkedRichText(RichText):
    """A rich text that renders with the pages of its group (``LinkedPages``)."""

    def __init__(self, source: str, links: LinkedPages) -> None:
        super().__init__(source)
        self.links = links

    def __html__(self) -> str:
        token = _known_pages.set(self.links.load())
        try:
            return super().__html__()
        finally:
            _known_pages.reset(token)


class LinkedRichTextBlock(blocks.RichTextBlock):
    """A rich text block whose values in one body load their linked pages together."""

    def bulk_to_python(self, values) -> list[RichText]:
        values = list(values)
        links = LinkedPages(set().union(*map(linked_page_ids, values)))
        if not links.ids:
            return [self.to_python(value) for value in values]
        return [LinkedRichText(value, links) for value in values]
