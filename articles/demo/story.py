"""The shape of a demo story and helpers to write its body as data.

A body is a list of ``(block_type, value)`` pairs in ``ArticleBodyBlock``'s
terms. Text may link to another demo story as ``[[slug|link text]]``; the
builder turns that into a Wagtail page link once the target exists, so a story
may only link to stories built before it (earlier in ``all_stories()``).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Illustration:
    key: str  # images are shared by key: the same key is one image
    scene: str  # see images.SCENES
    palette: str  # see images.PALETTES


@dataclass(frozen=True)
class Correction:
    hours_after: float  # after publication
    text: str
    kind: str = "correction"  # or "update"


@dataclass
class Story:
    slug: str
    section: str
    headline: str
    standfirst: str
    bylines: list[tuple[str, str]]  # (author slug, role on this piece or "")
    hours_ago: float  # publication, relative to the time the demo is loaded
    image: Illustration
    caption: str
    body: list[tuple[str, object]]
    tags: list[str] = field(default_factory=list)
    kicker: str = ""
    credit: str = "Illustration: The Meridian Ledger"
    updated_hours_after: float | None = None
    corrections: list[Correction] = field(default_factory=list)
    source_name: str = ""
    source_url: str = ""


def p(html: str) -> tuple[str, str]:
    return ("paragraph", f"<p>{html}</p>")


def h(heading: str) -> tuple[str, dict]:
    return ("section_heading", {"heading": heading, "anchor": ""})


def quote(text: str, speaker: str, role: str = "") -> tuple[str, dict]:
    return ("pull_quote", {"quote": text, "speaker": speaker, "role": role})


def block_quote(text: str, source: str, source_url: str = "") -> tuple[str, dict]:
    return ("block_quote", {"text": f"<p>{text}</p>", "source": source, "source_url": source_url})


def facts(title: str, *items: str) -> tuple[str, dict]:
    body = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    return ("fact_box", {"title": title, "body": body})


def read_also(slug: str, label: str = "Read also") -> tuple[str, dict]:
    return ("read_also", {"slug": slug, "label": label})


def figure(image: Illustration, caption: str, alignment: str = "wide") -> tuple[str, dict]:
    return (
        "image",
        {
            "image": image,
            "caption": caption,
            "credit": "Illustration: The Meridian Ledger",
            "alignment": alignment,
        },
    )


APPEAL = ("appeal_marker", None)
