"""The publishing schedule dialog, saying which time zone its times are in."""

from django.conf import settings
from django.utils import timezone
from django.utils.functional import lazy

from wagtail.admin.panels import PublishingPanel


def time_zone_help() -> str:
    """The zone the admin reads and shows the dialog's times in: the
    newsroom's (``TIME_ZONE``), or the editor's own if their account sets one."""
    name = timezone.get_current_timezone_name()
    offset = timezone.localtime().strftime("%z")
    now = f"UTC{offset[:3]}:{offset[3:]} now"
    if name == settings.TIME_ZONE:
        return f"In the newsroom's time zone: {name} ({now})."
    return f"In your time zone: {name} ({now}); the newsroom's is {settings.TIME_ZONE}."


class SchedulePanel(PublishingPanel):
    """Wagtail's "Go live" and "Expiry" fields, each saying its time zone
    (worked out when the dialog is shown, in the editor's time zone)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for child in self.children:
            child.help_text = lazy(time_zone_help, str)()
