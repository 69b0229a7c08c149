"""The audience panel on the Wagtail admin dashboard (the ``Audience`` and
``Editors`` groups and superusers see it; see ``access``)."""

from collections.abc import Mapping
from typing import Any

from django.forms import Media
from django.urls import reverse

from wagtail.admin.ui.components import Component

from membership.reports import metrics


class AudiencePanel(Component):
    name = "audience"
    template_name = "membership/reports/dashboard_panel.html"
    order = 50  # above Wagtail's own panels

    @property
    def media(self) -> Media:
        return Media(css={"all": ["css/audience-dashboard.css"]})

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        members_url = reverse("audience_dashboard:members")
        return {
            "figures": metrics.snapshot(),
            "members_url": members_url,
            "trends_url": reverse("audience_dashboard:trends"),
            "problems_url": f"{members_url}?status=past_due&status=unpaid",
            "events_url": reverse("audience_dashboard:stripe_events"),
        }
