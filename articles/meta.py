"""The values a page's head shows (``templates/components/head_meta.html``):
built by ``articles.seo`` and the page types (``BasePage.get_meta``)."""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.safestring import SafeString, mark_safe

# json_script's escapes: a "</script>" or "<!--" inside a headline cannot end
# or confuse the script element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass
class ShareImage:
    url: str
    width: int
    height: int
    alt: str = ""


@dataclass
class PageMeta:
    title: str
    description: str = ""
    canonical: str = ""
    url: str = ""  # og:url: this page, even when the canonical link points elsewhere
    og_type: str = "website"
    image: ShareImage | None = None
    published: datetime | None = None
    modified: datetime | None = None
    authors: list[str] = field(default_factory=list)  # author page URLs
    section: str = ""
    tags: list[str] = field(default_factory=list)
    robots: str = ""
    site_name: str = ""
    twitter_site: str = ""
    structured_data: list[dict] = field(default_factory=list)

    @property
    def json_ld(self) -> SafeString:
        """The structured data as a JSON text safe inside a <script> element."""
        data = self.structured_data[0] if len(self.structured_data) == 1 else self.structured_data
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
        return mark_safe(text.translate(_JSON_ESCAPES))  # noqa: S308 - escaped above
