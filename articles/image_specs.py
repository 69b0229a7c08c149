"""The renditions reader pages show, in one place: cards, feeds, share images.

``articles.renditions`` makes all of them ahead of readers (on publish, and
``manage.py warm_renditions``); listings prefetch the card ones.
"""

# The article card picture: these renditions, in this order, and the sizes
# attribute. The card's ``{% card_picture %}`` tag (articles_tags) renders
# them, listings prefetch them (``ArticlePageQuerySet.with_card_data``).
CARD_RENDITIONS = (
    "fill-400x225|format-avif",
    "fill-400x225|format-webp",
    "fill-400x225|format-jpeg",
    "fill-800x450|format-avif",
    "fill-800x450|format-webp",
    "fill-800x450|format-jpeg",
)
CARD_SIZES = "(min-width: 48rem) 22rem, 100vw"
# A list's thumbnail (section fronts, the home page's secondary stories on a
# phone, "Related" under an article): the same renditions, shown small, so
# the browser takes the 400 px one.
THUMBNAIL_SIZES = "(min-width: 48rem) 12rem, 7rem"
# The home page's secondary stories: cards on a wider screen, rows with a
# 7rem picture on a phone (site.css), so a phone takes the 400 px one.
COMPACT_CARD_SIZES = "(min-width: 48rem) 22rem, 7rem"
# A feed item's image: one of the card renditions, so it costs no query.
FEED_IMAGE_SPEC = "fill-800x450|format-jpeg"
# The article's lead picture (``{% lead_picture %}``): AVIF, WebP and JPEG at
# three widths. The head meta asks for them with the share image of the same
# image (``seo``), so a cold article finds all of them in one query.
LEAD_RENDITIONS = tuple(
    f"format-{format}|width-{width}"
    for format in ("avif", "webp", "jpeg")
    for width in (640, 1024, 1600)
)
LEAD_SIZES = "(min-width: 64rem) 60rem, 100vw"
# One rendition for og:image, twitter:image and the JSON-LD image: 16:9 and
# 1200 px wide, the size Google and the social networks ask for; JPEG because
# not every link-preview crawler reads AVIF or WebP.
SHARE_IMAGE_SPEC = "fill-1200x675|format-jpeg|jpegquality-80"
# The publisher logo in JSON-LD: Google wants at least 112 px, fitting 600x60
# keeps it usable where a wide logo is expected.
# ``preserve-svg``: an SVG logo or icon stays SVG (only resized), a raster one
# becomes PNG.
LOGO_SPEC = "max-600x600|format-png|preserve-svg"
# The masthead's logo (and its dark-mode variant): 80 px tall, shown at 40.
MASTHEAD_LOGO_SPEC = "height-80|format-png|preserve-svg"
# The site icon at the sizes browsers ask for: the favicon (32), Apple's touch
# icon (180) and the web app manifest's two (192, 512).
ICON_SPECS = {size: f"fill-{size}x{size}|format-png|preserve-svg" for size in (32, 180, 192, 512)}
# Every rendition of the site settings' images, made when they are saved.
SITE_SPECS = (LOGO_SPEC, MASTHEAD_LOGO_SPEC, *ICON_SPECS.values())


def stored_specs(*specs: str) -> tuple[str, ...]:
    """The filter specs Wagtail stores renditions under for ``specs``, what a
    prefetch must ask for: ``preserve-svg`` dropped, and for an SVG image
    the format conversions too."""
    found = []
    for spec in specs:
        plain = [part for part in spec.split("|") if part != "preserve-svg"]
        found.append("|".join(plain))
        if len(plain) < len(spec.split("|")):
            found.append("|".join(part for part in plain if not part.startswith("format-")))
    return tuple(dict.fromkeys(found))


READER_SPECS = (*CARD_RENDITIONS, SHARE_IMAGE_SPEC, FEED_IMAGE_SPEC)
