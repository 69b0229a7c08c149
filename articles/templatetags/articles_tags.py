from urllib.parse import quote

from django import template

register = template.Library()


@register.simple_tag
def share_links(url: str, title: str) -> list[dict]:
    """Plain share links: no third-party script or request until a reader clicks."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        {"label": "Email", "href": f"mailto:?subject={t}&body={u}", "external": False},
        {"label": "X", "href": f"https://x.com/intent/post?url={u}&text={t}", "external": True},
        {
            "label": "Bluesky",
            "href": f"https://bsky.app/intent/compose?text={quote(f'{title} {url}', safe='')}",
            "external": True,
        },
        {
            "label": "Facebook",
            "href": f"https://www.facebook.com/sharer/sharer.php?u={u}",
            "external": True,
        },
        {
            "label": "Telegram",
            "href": f"https://t.me/share/url?url={u}&text={t}",
            "external": True,
        },
        {
            "label": "WhatsApp",
            "href": f"https://wa.me/?text={quote(f'{title} {url}', safe='')}",
            "external": True,
        },
    ]
