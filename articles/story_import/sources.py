"""Each source to clean HTML that ``convert`` reads.

* **.docx**: mammoth turns Word's styles into HTML (Heading → ``h2``, Quote →
  ``blockquote``, Intense Quote → a marked pull quote); images come out as
  ``data:`` URIs, which ``convert`` makes into image blocks.
* **Pasted HTML**: Google Docs and Word add their own markup. Google Docs wraps
  the whole paste in ``<b style="font-weight:normal">`` and marks real bold
  and italics with inline styles on ``<span>``; Word adds ``<o:p>``, classes
  and conditional comments. Those are read with an HTML parser (BeautifulSoup)
  into plain ``<b>``/``<i>``, then the sanitiser (nh3, Ammonia) keeps only the
  tags and attributes ``convert`` understands and drops everything else.
* **Plain text**: paragraphs split at blank lines, escaped.
"""

import html
from typing import BinaryIO

import mammoth
import nh3
from bs4 import BeautifulSoup

ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "b", "i", "a", "ul", "ol", "li",
    "blockquote", "br", "sup", "img", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "blockquote": {"data-pull-quote"},
    "p": {"data-pull-quote"},
}
URL_SCHEMES = {"http", "https", "mailto", "data"}

DOCX_STYLE_MAP = """
p[style-name='Title'] => h2:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='Heading 2'] => h2:fresh
p[style-name='Heading 3'] => h3:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote.pull-quote > p:fresh
p[style-name='Pull Quote'] => blockquote.pull-quote > p:fresh
"""


def _bold(style: str) -> bool:
    style = style.replace(" ", "").lower()
    return "font-weight:700" in style or "font-weight:bold" in style or "font-weight:600" in style


def normalise_pasted(markup: str) -> str:
    """Google Docs' and Word's bold and italics as ``<b>``/``<i>``; their
    wrappers unwrapped; the rest left for the sanitiser."""
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(["b", "strong"]):
        if "font-weight:normal" in (tag.get("style") or "").replace(" ", "").lower():
            tag.unwrap()  # Google Docs' wrapper around the whole paste
    for span in soup.find_all("span"):
        style = (span.get("style") or "").replace(" ", "").lower()
        wrappers = []
        if _bold(style):
            wrappers.append("b")
        if "font-style:italic" in style:
            wrappers.append("i")
        for name in wrappers:
            span.wrap(soup.new_tag(name))
        span.unwrap()
    for tag in soup.find_all("strong"):
        tag.name = "b"
    for tag in soup.find_all("em"):
        tag.name = "i"
    for tag in soup.find_all("blockquote"):
        if "pull" in " ".join(tag.get("class") or []).lower():
            tag["data-pull-quote"] = "1"
    return str(soup)


def sanitise(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )


def from_html(markup: str) -> str:
    return sanitise(normalise_pasted(markup))


def looks_like_heading(line: str) -> bool:
    """A short line of its own without closing punctuation ("How it began")."""
    short = 0 < len(line) <= 80
    return short and not line.endswith(HEADING_ENDS) and line[0] not in QUOTE_OR_BULLET


HEADING_ENDS = (".", ",", ";", ":", "?", "!", '"', "\u201d", "\u2019", "'", ")")
QUOTE_OR_BULLET = "\"\u201c\u2018'-\u2013\u2014\u2022*"


def from_text(text: str) -> str:
    paragraphs = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n")]
    if len(paragraphs) == 1:  # one line per paragraph, as many wires send it
        paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    return "".join(
        f"<h2>{html.escape(p)}</h2>" if n and looks_like_heading(p) else f"<p>{html.escape(p)}</p>"
        for n, p in enumerate(paragraphs)
    )


def from_docx(file: BinaryIO) -> str:
    result = mammoth.convert_to_html(file, style_map=DOCX_STYLE_MAP)
    return from_html(result.value)
