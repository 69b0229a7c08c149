"""The newsroom's own web fonts: an optional headline font and text font,
uploaded in the site settings as WOFF2 files and served from our origin
(``articles.webfonts``) with ``font-display: swap``.

Pure: it imports no model. ``check`` reads a WOFF2 file's header and table
directory (which WOFF2 leaves uncompressed): anything else is refused with a
message saying what to upload. The stored name carries a hash of the content,
so a font's URL changes with its file and can be cached for good, and says
whether the font is variable (it has an ``fvar`` table): a variable font
covers every weight, a static one is the headline's bold or the text's
regular (``WEIGHTS``); the browser makes what else it needs from it.
"""

import hashlib
import struct
from pathlib import PurePosixPath
from typing import NamedTuple

from django.core.exceptions import ValidationError

MAX_BYTES = 2 * 1024 * 1024
HEADER = struct.Struct(">4sIIHHIIHHIIIII")  # the 48-byte WOFF2 header
SIGNATURE = b"wOF2"
# The sfnt flavours: TrueType outlines, CFF outlines.
FLAVOURS = (0x00010000, 0x4F54544F)
# WOFF2's known-table index (the directory names tables by it): glyf and loca
# are transformed unless their transform version is 3, the others only when
# it is not 0; fvar marks a variable font.
GLYF, LOCA, FVAR, EXPLICIT_TAG = 10, 11, 47, 63
ROLES = ("headline", "text")
WEIGHTS = {"headline": "700", "text": "400"}  # a static font's weight
VARIABLE_WEIGHTS = "100 900"
FAMILIES = {"headline": "NewsroomHeadline", "text": "NewsroomText"}
PROPERTIES = {"headline": "--font-headline", "text": "--font-body"}
FALLBACK = "var(--font-serif)"  # static/css/site.css: the system serif stack
VARIABLE_SUFFIX = "-variable"


class NotWoff2(ValueError):
    """The bytes are not a sound WOFF2 file."""


def _base128(data: bytes, offset: int) -> tuple[int, int]:
    """A UIntBase128 at ``offset``: (value, next offset)."""
    value = 0
    for i in range(5):
        if offset + i >= len(data):
            break
        byte = data[offset + i]
        if i == 0 and byte == 0x80:
            break  # no leading zeros
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, offset + i + 1
    raise NotWoff2("bad table directory")


def is_variable(data: bytes) -> bool:
    """Whether ``data``, a WOFF2 file, is a variable font; NotWoff2 when it
    is not a WOFF2 file with a sound header and table directory."""
    if len(data) < HEADER.size:
        raise NotWoff2("too short")
    signature, flavour, length, tables, reserved, *_ = HEADER.unpack_from(data)
    if signature != SIGNATURE or flavour not in FLAVOURS or reserved != 0:
        raise NotWoff2("not a WOFF2 header")
    if length != len(data) or tables == 0:
        raise NotWoff2("length or table count wrong")
    offset, indexes = HEADER.size, set()
    for _ in range(tables):
        if offset >= len(data):
            raise NotWoff2("table directory cut short")
        flags = data[offset]
        offset += 1 + (4 if flags & 0x3F == EXPLICIT_TAG else 0)
        index, version = flags & 0x3F, flags >> 6
        _, offset = _base128(data, offset)
        transformed = version != 3 if index in (GLYF, LOCA) else version != 0
        if transformed:
            _, offset = _base128(data, offset)
        indexes.add(index)
    if offset > len(data):
        raise NotWoff2("table directory cut short")
    return FVAR in indexes


def check(name: str, size: int, data: bytes) -> bool:
    """``data`` (``size`` bytes) uploaded as ``name``: is it variable?
    ValidationError saying what to upload when it is not a WOFF2 font within
    the size limit."""
    if size > MAX_BYTES:
        raise ValidationError(
            f"“{name}” is {size / 1024 / 1024:.1f} MB; a web font may be at most "
            f"{MAX_BYTES // 1024 // 1024} MB. Upload a subset of it (the scripts the site "
            "is written in)."
        )
    try:
        return is_variable(data)
    except NotWoff2:
        raise ValidationError(
            f"“{name}” is not a WOFF2 font. Upload the font as a .woff2 file (convert a "
            "TTF or OTF with “fonttools ttLib.woff2 compress”, or take the WOFF2 from "
            "the foundry's web kit)."
        ) from None


def stored_name(role: str, data: bytes, variable: bool) -> str:
    """``fonts/headline-<hash>[-variable].woff2``."""
    digest = hashlib.sha256(data).hexdigest()[:16]
    return f"fonts/{role}-{digest}{VARIABLE_SUFFIX if variable else ''}.woff2"


def read(field_file) -> bytes:
    """The bytes of a ``FieldFile``, a new upload or a stored file, left
    rewound for saving."""
    field_file.file.seek(0)
    data = field_file.file.read(MAX_BYTES + 1)
    field_file.file.seek(0)
    return data


def validate(field_file) -> None:
    """The site settings' font fields' validator (``check``)."""
    check(PurePosixPath(field_file.name).name, field_file.size, read(field_file))


def _name(role: str, field_file) -> str:
    data = read(field_file)
    return stored_name(role, data, is_variable(data))


def headline_font_name(instance, filename: str) -> str:
    """``upload_to`` of ``SiteSettings.headline_font`` (``stored_name``)."""
    return _name("headline", instance.headline_font)


def text_font_name(instance, filename: str) -> str:
    """``upload_to`` of ``SiteSettings.text_font`` (``stored_name``)."""
    return _name("text", instance.text_font)


class Font(NamedTuple):
    role: str  # "headline" or "text"
    url: str  # served by articles.webfonts, on our origin
    name: str  # the stored file's name under fonts/

    @property
    def variable(self) -> bool:
        return PurePosixPath(self.name).stem.endswith(VARIABLE_SUFFIX)

    @property
    def css(self) -> str:
        """Its ``@font-face`` and the custom property it takes over. The URL
        is ours (``fonts/<role>-<hex>.woff2``): nothing in it needs quoting."""
        family = FAMILIES[self.role]
        weight = VARIABLE_WEIGHTS if self.variable else WEIGHTS[self.role]
        return (
            f"@font-face{{font-family:{family};src:url({self.url});"
            f"font-weight:{weight};font-display:swap}}"
            f":root{{{PROPERTIES[self.role]}:{family},{FALLBACK}}}"
        )
