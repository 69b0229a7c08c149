"""The "Updated" and "Corrected" marks by an article's byline.

An article shows "Updated <date>" when it was updated after publication (its
``updated_at``, or an update in its corrections log) and "Corrected <date>"
when its log holds a correction, each with the latest date of its kind. A mark
links to the log (``CORRECTIONS_ANCHOR``) when the log has an entry of its
kind. Both read the log the page loads once (``ArticlePage.correction_list``):
no query of their own."""

from dataclasses import dataclass
from datetime import datetime

from articles.models import ArticleCorrection

# The corrections log's id on the article page (article_page.html).
CORRECTIONS_ANCHOR = "corrections"


@dataclass(frozen=True)
class ChangeMark:
    kind: str  # "updated" or "corrected": the CSS modifier
    label: str
    date: datetime
    href: str = ""  # the log, when it has an entry of this kind


def change_marks(article) -> list[ChangeMark]:
    log = article.correction_list
    updates = [entry.date for entry in log if entry.kind == ArticleCorrection.Kind.UPDATE]
    corrections = [entry.date for entry in log if entry.kind == ArticleCorrection.Kind.CORRECTION]
    marks = []
    updated = [d for d in (article.updated_at, *updates) if d]
    if updated:
        href = f"#{CORRECTIONS_ANCHOR}" if updates else ""
        marks.append(ChangeMark("updated", "Updated", max(updated), href))
    if corrections:
        href = f"#{CORRECTIONS_ANCHOR}"
        marks.append(ChangeMark("corrected", "Corrected", max(corrections), href))
    return marks
