"""An issue as an email: rendered once, personalised per recipient by
replacing placeholders (no template render per recipient).

The HTML has its CSS inlined (css-inline) once per issue; the plain-text part
is rendered from its own template. Links to the site carry ``utm_*`` naming
the newsletter and issue (``campaign``), so the join page can attribute a
membership to them.
"""

import html as html_lib
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

import css_inline

from membership.branding import site_name
from membership.newsletters import campaign, tokens

# Placeholders filled per recipient (``values`` and ``fill``; ``messages.Composer``).
UNSUBSCRIBE = "%%unsubscribe_url%%"
MANAGE = "%%manage_url%%"
GREETING = "%%greeting%%"

_inliner = css_inline.CSSInliner(keep_style_tags=True)  # the dark-mode @media stays


@dataclass(frozen=True)
class Rendered:
    subject: str
    html: str
    text: str
    urls: dict[str, str] = field(default_factory=dict)


def tracked(url: str, newsletter, issue_id: int | None, content: str = "") -> str:
    """``url`` on this site, absolute, with utm_* naming the newsletter and issue."""
    if url.startswith("/"):
        url = settings.SITE_URL + url
    parts = urlsplit(url)
    query = urlencode(campaign.params(newsletter, issue_id, content))
    return urlunsplit(parts._replace(query=f"{parts.query}&{query}" if parts.query else query))


def _card(page, newsletter, issue_id) -> dict:
    image = None
    lead = getattr(page, "lead_image", None)
    if lead is not None:
        rendition = lead.get_rendition("fill-560x315")
        src = rendition.url
        image = {
            "src": settings.SITE_URL + src if src.startswith("/") else src,
            "alt": rendition.alt or lead.title,
            "width": rendition.width,
            "height": rendition.height,
        }
    return {
        "title": page.title,
        "standfirst": getattr(page, "standfirst", ""),
        "url": tracked(page.get_url(None) or "/", newsletter, issue_id),
        "image": image,
    }


def _blocks(issue) -> list[dict]:
    out = []
    for block in issue.body:
        value = block.value
        if block.block_type == "articles":
            pages = [page.specific for page in value["articles"] if page and page.live]
            cards = [_card(page, issue.newsletter, issue.pk) for page in pages]
            out.append({"type": "articles", "heading": value["heading"], "cards": cards})
        elif block.block_type == "appeal":
            url = tracked(reverse("membership:join"), issue.newsletter, issue.pk, "appeal")
            out.append({"type": "appeal", "value": value, "url": url})
        else:
            html = str(value).replace('href="/', f'href="{settings.SITE_URL}/')
            out.append({"type": block.block_type, "html": html})
    return out


def render_issue(issue) -> Rendered:
    context = {
        "issue": issue,
        "newsletter": issue.newsletter,
        "blocks": _blocks(issue),
        "site_name": site_name(),
        "site_url": settings.SITE_URL,
        "contact_line": getattr(settings, "NEWSLETTER_CONTACT_LINE", ""),
        "unsubscribe_url": UNSUBSCRIBE,
        "manage_url": MANAGE,
        "greeting": GREETING,
    }
    html = render_to_string("membership/newsletters/email/issue.html", context)
    text = render_to_string("membership/newsletters/email/issue.txt", context)
    urls = {name: _url(name) for name in ("unsubscribe", "manage")}
    return Rendered(subject=issue.subject, html=_inliner.inline(html), text=text, urls=urls)


def _url(name: str) -> str:
    """The absolute URL of ``name`` with ``{}`` for its token (reversed once a send)."""
    return settings.SITE_URL + reverse(f"newsletters:{name}", args=["TOKEN"]).replace(
        "TOKEN", "{}"
    )


def links(subscriber_id: int, newsletter_id: int, urls: dict | None = None) -> dict[str, str]:
    urls = urls or {name: _url(name) for name in ("unsubscribe", "manage")}
    token = tokens.unsubscribe_token(subscriber_id, newsletter_id)
    return {
        "unsubscribe": urls["unsubscribe"].format(token),
        "manage": urls["manage"].format(tokens.manage_token(subscriber_id)),
        "mailto": f"mailto:{unsubscribe_mailbox()}?subject=unsubscribe%20{token}",
    }


def unsubscribe_mailbox() -> str:
    configured = getattr(settings, "NEWSLETTER_UNSUBSCRIBE_EMAIL", "")
    if configured:
        return configured
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">").strip()
    return f"unsubscribe@{domain}"


def values(rendered: Rendered, subscriber_id: int, name: str, newsletter_id: int):
    """(links, text values, html values): what replaces each placeholder for one recipient."""
    urls = links(subscriber_id, newsletter_id, rendered.urls)
    greeting = f"Hello {name}," if name else "Hello,"
    text = {UNSUBSCRIBE: urls["unsubscribe"], MANAGE: urls["manage"], GREETING: greeting}
    return urls, text, {placeholder: html_lib.escape(v) for placeholder, v in text.items()}


def fill(template: str, values: dict[str, str]) -> str:
    for placeholder, value in values.items():
        template = template.replace(placeholder, value)
    return template
