"""Pillow-drawn images for the demo: author portraits and story illustrations.

Drawn from a seed, so the same name always gives the same picture. No external
files or fonts: shapes and Pillow's built-in font only.
"""

import colorsys
import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter, ImageFont

LEAD_SIZE = (1200, 675)
PORTRAIT_SIZE = (480, 480)

# Named palettes: (sky top, sky bottom, far shapes, near shapes, accent)
PALETTES = {
    "dawn": ((38, 52, 96), (236, 148, 98), (84, 74, 110), (30, 32, 52), (255, 214, 140)),
    "steel": ((58, 78, 98), (168, 186, 198), (92, 110, 124), (38, 48, 58), (230, 236, 240)),
    "night": ((10, 14, 34), (44, 58, 104), (34, 40, 70), (12, 14, 24), (250, 220, 120)),
    "harvest": ((120, 170, 210), (238, 222, 170), (160, 140, 70), (96, 78, 36), (250, 200, 60)),
    "smoke": ((90, 84, 80), (196, 170, 150), (110, 96, 90), (50, 44, 42), (240, 120, 60)),
    "sea": ((40, 96, 140), (180, 214, 226), (60, 110, 130), (20, 54, 76), (250, 250, 240)),
    "forest": ((70, 110, 100), (200, 214, 180), (62, 96, 70), (26, 50, 36), (240, 230, 170)),
    "winter": ((150, 170, 196), (236, 240, 246), (170, 180, 196), (90, 100, 120), (200, 60, 60)),
}


def _gradient(size, top, bottom) -> Image.Image:
    _width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize(size)


def _skyline(draw, rng, size, colour, base, min_h, max_h):
    width, _ = size
    x = -rng.randrange(0, 60)
    while x < width:
        w = rng.randrange(40, 140)
        h = rng.randrange(min_h, max_h)
        draw.rectangle((x, base - h, x + w, base + 400), fill=colour)
        if rng.random() < 0.25:  # a spire or a crane
            draw.rectangle((x + w // 2 - 3, base - h - 60, x + w // 2 + 3, base - h), fill=colour)
        x += w + rng.randrange(0, 12)


def _hills(draw, rng, size, colour, base, amplitude):
    width, height = size
    points = [(0, height)]
    for x in range(0, width + 80, 80):
        points.append((x, base - rng.randrange(0, amplitude)))
    points.append((width, height))
    draw.polygon(points, fill=colour)


def _water(draw, rng, size, colour, accent, top):
    width, height = size
    draw.rectangle((0, top, width, height), fill=colour)
    for _ in range(40):
        y = rng.randrange(top + 10, height)
        x = rng.randrange(0, width)
        draw.line((x, y, x + rng.randrange(30, 160), y), fill=accent, width=2)


def _fields(draw, rng, size, near, far, top):
    width, height = size
    y = top
    stripe = 0
    while y < height:
        h = rng.randrange(24, 70)
        draw.rectangle((0, y, width, y + h), fill=near if stripe % 2 else far)
        y += h
        stripe += 1


def _columns(draw, rng, size, colour, base):
    width, _ = size
    left, right = width // 5, width * 4 // 5
    draw.polygon(
        [(left - 40, base - 330), (width // 2, base - 470), (right + 40, base - 330)], fill=colour
    )
    draw.rectangle((left - 40, base - 340, right + 40, base - 310), fill=colour)
    for x in range(left, right, (right - left) // 8):
        draw.rectangle((x, base - 300, x + 34, base), fill=colour)
    draw.rectangle((left - 60, base, right + 60, base + 30), fill=colour)


def _map(draw, rng, size, colour, accent):
    width, height = size
    for _ in range(14):
        points = [(rng.randrange(width), rng.randrange(height)) for _ in range(6)]
        draw.line(points, fill=colour, width=rng.randrange(2, 6), joint="curve")
    for _ in range(9):
        x, y = rng.randrange(80, width - 80), rng.randrange(80, height - 80)
        r = rng.randrange(8, 22)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=accent)


SCENES = {
    "skyline": "a city skyline",
    "port": "cranes and warehouses on a waterfront",
    "hills": "rolling hills",
    "fields": "striped fields under a wide sky",
    "parliament": "a columned parliament building",
    "map": "a map with routes and marked towns",
}


def lead_image(seed: str, scene: str, palette: str) -> tuple[bytes, str]:
    """A JPEG illustration and its description (the image's alt text)."""
    rng = random.Random(f"lead:{seed}")  # noqa: S311 (a fixed seed for repeatable demo data)
    sky_top, sky_bottom, far, near, accent = PALETTES[palette]
    size = LEAD_SIZE
    width, height = size
    image = _gradient(size, sky_top, sky_bottom)
    draw = ImageDraw.Draw(image)
    sun_x, sun_y, sun_r = (
        rng.randrange(200, width - 200),
        rng.randrange(120, 380),
        rng.randrange(50, 110),
    )
    draw.ellipse((sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r), fill=accent)
    horizon = height * 2 // 3
    if scene == "skyline":
        _skyline(draw, rng, size, far, horizon - 40, 80, 260)
        _skyline(draw, rng, size, near, horizon + 60, 60, 200)
    elif scene == "port":
        _skyline(draw, rng, size, far, horizon, 60, 180)
        _water(draw, rng, size, near, accent, horizon)
    elif scene == "hills":
        _hills(draw, rng, size, far, horizon - 60, 140)
        _hills(draw, rng, size, near, horizon + 80, 120)
    elif scene == "fields":
        _fields(draw, rng, size, near, far, horizon)
    elif scene == "parliament":
        _hills(draw, rng, size, far, horizon + 40, 30)
        _columns(draw, rng, size, near, horizon + 120)
    else:
        image = _gradient(size, sky_bottom, sky_bottom)
        draw = ImageDraw.Draw(image)
        _map(draw, rng, size, far, near)
    image = image.filter(ImageFilter.GaussianBlur(radius=1.2))
    description = f"Illustration: {SCENES[scene]} in {palette} colours"
    return _jpeg(image), description


def portrait(name: str) -> bytes:
    """A head-and-shoulders silhouette over a colour field, with the initials."""
    rng = random.Random(f"portrait:{name}")  # noqa: S311 (a fixed seed for repeatable demo data)
    hue = rng.random()
    background = tuple(round(c * 255) for c in colorsys.hls_to_rgb(hue, 0.78, 0.45))
    figure = tuple(round(c * 255) for c in colorsys.hls_to_rgb(hue, 0.28, 0.35))
    image = Image.new("RGB", PORTRAIT_SIZE, background)
    draw = ImageDraw.Draw(image)
    w, h = PORTRAIT_SIZE
    head = rng.randrange(78, 96)
    draw.ellipse((w // 2 - head, 110, w // 2 + head, 110 + head * 2 + 20), fill=figure)
    draw.ellipse((w // 2 - 190, 300, w // 2 + 190, 640), fill=figure)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=64)
    draw.text((w - 30, h - 24), initials, fill=background, font=font, anchor="rs")
    return _jpeg(image)


def share_card(name: str, tagline: str) -> bytes:
    """The default image for shared links: the name and tagline at 1200x630."""
    image = _gradient((1200, 630), (18, 32, 58), (48, 70, 110))
    draw = ImageDraw.Draw(image)
    draw.text((80, 250), name, fill=(250, 246, 236), font=ImageFont.load_default(size=84))
    draw.text((84, 370), tagline, fill=(236, 200, 120), font=ImageFont.load_default(size=38))
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    out = BytesIO()
    image.save(out, "JPEG", quality=84, optimize=True, progressive=True)
    return out.getvalue()
