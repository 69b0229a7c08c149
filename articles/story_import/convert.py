"""Clean HTML (from ``sources``) to article body blocks.

* a heading, or a paragraph that is bold on its own → section heading;
* a paragraph that is a quotation with its attribution (“…,” said Name,
  role.) → block quote with the attribution as its source; marked as a pull
  quote (Word's Intense Quote or Pull Quote style, a ``blockquote`` with a
  "pull" class, or a paragraph starting “Pull quote:”) → pull quote;
* a block quote → block quote;
* an image → an image block (a ``data:`` image from a .docx is saved to the
  image library; any other image needs choosing, with its alt text kept);
* lists stay lists, links stay links (http, https and mailto only);
* everything else → paragraphs, in the paragraph's rich-text features.
"""

import base64
import binascii
import re
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
INLINE = {"b", "i", "a", "sup", "br"}
LINK_SCHEMES = ("http://", "https://", "mailto:")
PULL_MARKER = re.compile(r"^\s*pull[ -]?quote\s*:\s*", re.IGNORECASE)
# “Quote,” said Name, role.   “Quote,” Name said.   “Quote” — Name, role
QUOTE = '"\u201c\u201d\u201e\u00ab\u00bb'
DASHES = "\u2014\u2013-"
ATTRIBUTED = [
    re.compile(rf"^[{QUOTE}](?P<quote>.+?)[,.?!]?[{QUOTE}]\s*,?\s*said\s+(?P<who>[^.]+)\.?$"),
    re.compile(rf"^[{QUOTE}](?P<quote>.+?)[,.?!]?[{QUOTE}]\s*,?\s*(?P<who>[^.]+?)\s+said\.?$"),
    re.compile(rf"^[{QUOTE}](?P<quote>.+?)[{QUOTE}]\s*[{DASHES}]+\s*(?P<who>.+?)\.?$"),
]


@dataclass
class Converted:
    blocks: list[tuple[str, Any]] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)  # to save: bytes, alt

    def add(self, kind: str, value: Any) -> None:
        self.blocks.append((kind, value))

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for kind, _ in self.blocks:
            counts[kind] = counts.get(kind, 0) + 1
        return counts


def text_of(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def inline_html(tag: Tag) -> str:
    """The tag's content in the paragraph features: b, i, sup, links."""
    parts = []
    for child in tag.children:
        if isinstance(child, NavigableString):
            parts.append(_escape(str(child)))
        elif isinstance(child, Tag):
            inner = inline_html(child)
            if child.name in ("b", "i", "sup") and inner.strip():
                parts.append(f"<{child.name}>{inner}</{child.name}>")
            elif child.name == "a" and (child.get("href") or "").startswith(LINK_SCHEMES):
                parts.append(f'<a href="{_escape(child["href"], quote=True)}">{inner}</a>')
            elif child.name == "br":
                parts.append("<br/>")
            else:
                parts.append(inner)
    return " ".join("".join(parts).split(" ")).strip()


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def bold_alone(tag: Tag) -> bool:
    """A paragraph whose whole text is bold (and short enough to be a heading)."""
    text = text_of(tag)
    if not text or len(text) > 160 or (text.endswith((".", ":")) and len(text) > 80):
        return False
    bold = "".join(b.get_text() for b in tag.find_all("b"))
    return " ".join(bold.split()) == text


def attribution(text: str) -> tuple[str, str, str] | None:
    """(quote, speaker, role) of “…,” said Name, role."""
    for pattern in ATTRIBUTED:
        match = pattern.match(text)
        if match:
            who = match.group("who").strip().rstrip(".")
            speaker, _, role = who.partition(",")
            return match.group("quote").strip().rstrip(","), speaker.strip(), role.strip()
    return None


def image_block(img: Tag, result: Converted, caption: str = "") -> None:
    src, alt = img.get("src") or "", (img.get("alt") or "").strip()
    value = {"image": None, "alt_text": alt[:250], "caption": caption[:300], "credit": ""}
    if src.startswith("data:image/"):
        header, _, data = src.partition(",")
        try:
            content = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            return
        result.images.append({"content": content, "alt": alt, "type": header[5:].split(";")[0]})
        value["image"] = f"new:{len(result.images) - 1}"
    result.add("image", value)


def convert(clean_html: str) -> Converted:
    result = Converted()
    soup = BeautifulSoup(clean_html, "html.parser")
    loose: list[Any] = []  # text and inline tags between blocks

    def flush() -> None:
        if loose:
            holder = soup.new_tag("p")
            for node in list(loose):
                holder.append(
                    node.extract() if isinstance(node, Tag) else NavigableString(str(node))
                )
            loose.clear()
            paragraph(holder)

    def paragraph(tag: Tag) -> None:
        for img in tag.find_all("img"):
            image_block(img.extract(), result)
        text = text_of(tag)
        if not text:
            return
        if tag.get("data-pull-quote") or PULL_MARKER.match(text):
            quote_text = PULL_MARKER.sub("", text)
            parsed = attribution(quote_text)
            quote, speaker, role = parsed or (quote_text.strip(QUOTE + " "), "", "")
            result.add(
                "pull_quote", {"quote": quote[:600], "speaker": speaker[:120], "role": role[:160]}
            )
        elif bold_alone(tag):
            result.add("section_heading", {"heading": text[:160], "anchor": ""})
        elif parsed := attribution(text):
            quote, speaker, role = parsed
            source = f"{speaker}, {role}" if role else speaker
            result.add(
                "block_quote",
                {"text": f"<p>{_escape(quote)}</p>", "source": source[:200], "source_url": ""},
            )
        else:
            result.add("paragraph", f"<p>{inline_html(tag)}</p>")

    def block(tag: Tag) -> None:
        name = tag.name
        if name in HEADINGS:
            if text_of(tag):
                result.add("section_heading", {"heading": text_of(tag)[:160], "anchor": ""})
        elif name == "p":
            paragraph(tag)
        elif name == "blockquote":
            if tag.get("data-pull-quote"):
                tag["data-pull-quote"] = "1"
                paragraph(tag)
                return
            paragraphs = [p for p in (tag.find_all("p") or [tag]) if text_of(p)]
            parsed = attribution(text_of(paragraphs[0])) if len(paragraphs) == 1 else None
            if parsed:
                quote, speaker, role = parsed
                source = f"{speaker}, {role}" if role else speaker
                result.add(
                    "block_quote",
                    {"text": f"<p>{_escape(quote)}</p>", "source": source[:200], "source_url": ""},
                )
                return
            inner = "".join(f"<p>{inline_html(p)}</p>" for p in paragraphs)
            if inner:
                result.add("block_quote", {"text": inner, "source": "", "source_url": ""})
        elif name in ("ul", "ol"):
            items = "".join(
                f"<li>{inline_html(li)}</li>" for li in tag.find_all("li") if text_of(li)
            )
            if items:
                result.add("paragraph", f"<{name}>{items}</{name}>")
        elif name == "img":
            image_block(tag, result)
        elif name == "figure":
            caption = tag.find("figcaption")
            for img in tag.find_all("img"):
                image_block(img, result, text_of(caption) if caption else "")
        else:
            paragraph(tag)

    for node in list(soup.children):
        if isinstance(node, Tag) and node.name not in INLINE:
            flush()
            block(node)
        elif isinstance(node, Tag) or str(node).strip():
            loose.append(node)
    flush()
    return result
