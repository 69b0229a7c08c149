"""Where in an article's body a reader appeal may go: the articles' public
answer for the app that places appeals (``membership.appeals.placing``), so
no other app knows the body's stored block names."""

from dataclasses import dataclass

PARAGRAPH = "paragraph"
APPEAL_MARKER = "appeal_marker"  # an editor's "Appeal here" (at most one a body)


@dataclass(frozen=True)
class AppealSlots:
    """Block indexes of a body: the editor's marker, and every paragraph."""

    marker: int | None
    paragraphs: tuple[int, ...]

    def after_paragraph(self, n: int) -> int | None:
        """The index of the ``n``-th paragraph (from 1); None past the last."""
        return self.paragraphs[n - 1] if 0 < n <= len(self.paragraphs) else None


def appeal_slots(page) -> AppealSlots | None:
    """The appeal slots of ``page``'s body (None: the page has no body).
    Read from the stored data: no block is built, so an article served from a
    cached fragment never has its body parsed."""
    body = getattr(page, "body", None)
    if body is None:
        return None
    kinds = [child["type"] for child in body.raw_data]
    return AppealSlots(
        marker=kinds.index(APPEAL_MARKER) if APPEAL_MARKER in kinds else None,
        paragraphs=tuple(index for index, kind in enumerate(kinds) if kind == PARAGRAPH),
    )
