"""Site-wide configuration editors control from Settings in the admin."""

from django.db import models

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


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
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
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
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("default_share_image")], "Images"),
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
