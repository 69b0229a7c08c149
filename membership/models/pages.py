"""Editor-managed words of the join page."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="pick")
class JoinPageSettings(BaseSiteSetting):
    heading = models.CharField(max_length=120, default="Support independent journalism")
    pitch = models.TextField(
        default=(
            "Every article we publish is free to read, for everyone. Members make that "
            "possible: your support pays for reporting that no owner or advertiser steers."
        ),
        help_text="The paragraph at the top of /membership/. Blank lines start new paragraphs.",
    )
    give_once_pitch = models.CharField(
        max_length=255, default="Not ready to join? A one-time gift helps too."
    )

    offer_fee_cover = models.BooleanField(
        "Offer to cover the card fees",
        default=True,
        help_text="A checkbox on the confirm page and the one-time gift form that adds the "
        "card fee (the amount shown) to the reader's payment.",
    )

    panels = [
        FieldPanel("heading"),
        FieldPanel("pitch"),
        FieldPanel("give_once_pitch"),
        FieldPanel("offer_fee_cover"),
    ]

    class Meta:
        verbose_name = "join page"

    def pitch_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.pitch.split("\n\n") if p.strip()]
