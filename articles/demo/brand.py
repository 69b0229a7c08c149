"""The demo newsroom's brand: a wordmark for The Meridian Ledger (light and
dark), a square icon, and a deep teal accent (7.4:1 on white; the dark theme's
shade is derived, ``articles.brand.dark_variant``).

The mark is a globe cut by its meridian and equator, drawn as SVG; the name is
set in the reader's serif, stretched to a fixed length so every font fills the
same box.
"""

ACCENT = "#0e5e6f"
INK = {"light": "#1a1a1a", "dark": "#ececec"}
MARK = {"light": ACCENT, "dark": "#6fb3c2"}


def _mark(colour: str, cx: int, cy: int, r: int, width: int) -> str:
    return (
        f'<g fill="none" stroke="{colour}" stroke-width="{width}">'
        f'<circle cx="{cx}" cy="{cy}" r="{r}"/>'
        f'<ellipse cx="{cx}" cy="{cy}" rx="{r * 0.42:.1f}" ry="{r}"/>'
        f'<path d="M{cx - r} {cy}h{2 * r}"/></g>'
    )


def wordmark(name: str, theme: str) -> bytes:
    """The logo: the mark, then the name (``theme``: "light" or "dark")."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="440" height="56" viewBox="0 0 440 56">'
        f"{_mark(MARK[theme], 28, 28, 24, 4)}"
        f'<text x="66" y="39" textLength="370" lengthAdjust="spacingAndGlyphs" '
        f"font-family=\"Charter, 'Bitstream Charter', Georgia, 'Times New Roman', serif\" "
        f'font-size="30" font-weight="700" fill="{INK[theme]}">{name}</text></svg>'
    ).encode()


def icon() -> bytes:
    """The site icon: the mark in white on the accent, square."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" rx="96" fill="{ACCENT}"/>'
        f"{_mark('#ffffff', 256, 256, 176, 36)}</svg>"
    ).encode()
