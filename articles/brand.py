"""The newsroom's brand as readers see it: the accent colour (checked for
contrast against both themes), the masthead logo and the site icons.

Pure: it imports no model. ``SiteSettings.clean`` checks the colours with
``contrast_problem``; ``of(site_settings)`` reads the logo and icon renditions
prefetched with the cached site (``articles.site``) and the web fonts' names
(``articles.fonts``), so a page costs no query.

No single colour reads well on both themes' backgrounds: against white it
needs a relative luminance of at most 0.18, against the dark theme's #121212
at least 0.20. So the accent has a light-theme value and a dark-theme one;
when the editor gives no dark one it is derived: the light one mixed with
white, in the smallest step that passes.
"""

import re
from pathlib import PurePosixPath
from typing import NamedTuple

from django.urls import reverse

from articles.fonts import ROLES, Font
from articles.image_specs import ICON_SPECS, MASTHEAD_LOGO_SPEC

MINIMUM_CONTRAST = 4.5  # WCAG 2 AA, normal text: links and button labels use the accent
# The backgrounds the accent sits on (static/css/site.css: --bg and --surface).
LIGHT_BACKGROUNDS = ("#ffffff", "#f4f2ee")
DARK_BACKGROUNDS = ("#121212", "#1e1e1e")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def contrast_problem(colour: str, theme: str) -> str | None:
    """Why ``colour`` can't be the ``theme`` ("light" or "dark") accent, or None."""
    if not HEX_COLOUR.match(colour):
        return f"“{colour}” is not a colour: write it as # and six hex digits, e.g. #0b5cad."
    backgrounds = LIGHT_BACKGROUNDS if theme == "light" else DARK_BACKGROUNDS
    worst = min(backgrounds, key=lambda background: contrast(colour, background))
    ratio = contrast(colour, worst)
    if ratio >= MINIMUM_CONTRAST:
        return None
    shade = "darker" if theme == "light" else "lighter"
    return (
        f"{colour} has a contrast of {ratio:.2f}:1 against the {theme} theme's background "
        f"({worst}); links and buttons need at least {MINIMUM_CONTRAST}:1. Pick a {shade} shade."
    )


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0 to 1) of ``other`` mixed in, as ``#rrggbb``."""
    parts = [
        round(int(colour[i : i + 2], 16) * (1 - share) + int(other[i : i + 2], 16) * share)
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{part:02x}" for part in parts)


def dark_variant(colour: str) -> str:
    """The light accent lightened (mixed with white) until it passes on the dark theme."""
    for step in range(0, 101, 5):
        candidate = mix(colour, "#ffffff", step / 100)
        if contrast_problem(candidate, "dark") is None:
            return candidate
    return "#ffffff"


class Picture(NamedTuple):
    url: str
    width: int
    height: int


class Brand(NamedTuple):
    logo: Picture | None
    logo_dark: Picture | None
    icons: dict[int, Picture]
    accent: str  # "" when the stylesheet's own accent stays
    accent_dark: str
    # The newsroom's web fonts (a default: a bundle cached before there were
    # fonts still unpickles).
    fonts: tuple[Font, ...] = ()

    @property
    def favicon(self) -> Picture | None:
        return self.icons.get(32)

    @property
    def touch_icon(self) -> Picture | None:
        return self.icons.get(180)

    @property
    def style(self) -> str:
        """The page's inline ``<style>``: the accent's custom properties
        (validated hex only) and the web fonts' faces (our own URLs)."""
        style = ""
        if self.accent:
            style = (
                f":root{{--accent:{self.accent}}}"
                f"@media (prefers-color-scheme:dark){{:root{{--accent:{self.accent_dark}}}}}"
            )
        return style + "".join(font.css for font in self.fonts)

    @property
    def preload_font(self) -> Font | None:
        """The one font worth a preload: the headline's (the first screen's
        largest text), else the text font."""
        return self.fonts[0] if self.fonts else None


def _picture(image, spec: str) -> Picture | None:
    if image is None:
        return None
    # get_renditions, not get_rendition: a rendition the site's query prefetched
    # is not written back to the cache (get_rendition writes it on every call).
    # Keyed by the spec Wagtail used (an SVG's differs), so taken by position.
    (rendition,) = image.get_renditions(spec).values()
    # A new SVG rendition's size is a float until read back from the database:
    # an HTML width is a whole number.
    return Picture(rendition.url, round(rendition.width), round(rendition.height))


def of(site_settings) -> Brand:
    """The brand of a ``SiteSettings`` (or of none: no logo, the default accent)."""
    if site_settings is None:
        return Brand(None, None, {}, "", "", ())
    icon = site_settings.icon
    accent = site_settings.accent_colour
    return Brand(
        logo=_picture(site_settings.logo, MASTHEAD_LOGO_SPEC),
        logo_dark=_picture(site_settings.logo_dark, MASTHEAD_LOGO_SPEC),
        icons={size: _picture(icon, spec) for size, spec in ICON_SPECS.items()} if icon else {},
        accent=accent,
        accent_dark=site_settings.accent_colour_dark or (dark_variant(accent) if accent else ""),
        fonts=tuple(
            Font(role, reverse("articles:font", args=[PurePosixPath(name).name]), name)
            for role in ROLES
            if (name := getattr(site_settings, f"{role}_font").name)
        ),
    )
