"""Site-wide configuration editors control from Settings in the admin."""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from articles import brand, fonts


class MenuItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock()
    label = blocks.CharBlock(
        required=False, max_length=40, help_text="Defaults to the page title."
    )

    class Meta:
        icon = "doc-empty"
        label = "Page"


class ExternalLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock()
    label = blocks.CharBlock(max_length=40)

    class Meta:
        icon = "link-external"
        label = "External link"


def font_field(upload_to, used_for: str, without: str) -> models.FileField:
    """An optional WOFF2 upload, checked and named by ``articles.fonts``."""
    return models.FileField(
        upload_to=upload_to,
        blank=True,
        validators=[fonts.validate],
        help_text=f"Optional. A WOFF2 file for {used_for}. Without it, {without}.",
    )


def link_stream() -> StreamField:
    return StreamField(
        [("page", MenuItemBlock()), ("link", ExternalLinkBlock())], blank=True, use_json_field=True
    )


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    site_name = models.CharField(
        max_length=80, blank=True, help_text="Shown in the header, titles and feeds."
    )
    tagline = models.CharField(max_length=160, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The masthead's logo (SVG, or PNG with a transparent background); "
        "the site name is its alt text.",
    )
    logo_dark = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="logo for dark mode",
        help_text="Shown instead of the logo to readers whose device is in dark mode.",
    )
    icon = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="site icon",
        help_text="Square, at least 512x512: the favicon, the phone home-screen icon "
        "and the web app manifest's icons are made from it.",
    )
    accent_colour = models.CharField(
        max_length=7,
        blank=True,
        help_text="Links and buttons, e.g. #0b5cad; needs a contrast of 4.5:1 on white.",
    )
    accent_colour_dark = models.CharField(
        "accent colour in dark mode",
        max_length=7,
        blank=True,
        help_text="Needs 4.5:1 on the dark background; left empty, a lighter shade of "
        "the accent colour is used.",
    )
    headline_font = font_field(
        fonts.headline_font_name,
        "headlines: the bold cut, or a variable font",
        "headlines use the reader's own serif",
    )
    text_font = font_field(
        fonts.text_font_name,
        "standfirsts and article text: the regular cut, or a variable font",
        "text uses the reader's own serif",
    )
    default_share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Used when a page has no image of its own to share.",
    )
    language = models.CharField(max_length=12, default="en", help_text="e.g. “en”, “uk”")
    main_menu = link_stream()
    footer_links = link_stream()
    x_handle = models.CharField("X handle", max_length=40, blank=True, help_text="Without the @")
    bluesky_url = models.URLField("Bluesky", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    telegram_url = models.URLField("Telegram", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("language")], "Identity"
        ),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("logo_dark"),
                FieldPanel("accent_colour"),
                FieldPanel("accent_colour_dark"),
                FieldPanel("icon"),
                FieldPanel("headline_font"),
                FieldPanel("text_font"),
            ],
            "Brand",
        ),
        MultiFieldPanel([FieldPanel("default_share_image")], "Images"),
        FieldPanel("main_menu"),
        FieldPanel("footer_links"),
        MultiFieldPanel(
            [
                FieldPanel("x_handle"),
                FieldPanel("bluesky_url"),
                FieldPanel("facebook_url"),
                FieldPanel("telegram_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
            ],
            "Social accounts",
        ),
    ]

    class Meta:
        verbose_name = "site settings"

    def clean(self) -> None:
        """Accent colours are accepted only when links and buttons stay readable."""
        super().clean()
        errors = {}
        for field, theme in (("accent_colour", "light"), ("accent_colour_dark", "dark")):
            value = getattr(self, field).strip().lower()
            setattr(self, field, value)
            problem = value and brand.contrast_problem(value, theme)
            if problem:
                errors[field] = problem
        if self.accent_colour_dark and not self.accent_colour:
            errors.setdefault("accent_colour", "Give the accent colour for the light theme too.")
        if errors:
            raise ValidationError(errors)

    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("X", f"https://x.com/{self.x_handle}" if self.x_handle else ""),
            ("Bluesky", self.bluesky_url),
            ("Facebook", self.facebook_url),
            ("Telegram", self.telegram_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]
