from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from membership.models import Tier


class TierViewSet(SnippetViewSet):
    model = Tier
    icon = "tag"
    menu_label = "Membership tiers"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "monthly_label", "yearly_label", "recommended", "active", "synced_at"]
    list_filter = ["active"]


register_snippet(TierViewSet)

# The audience dashboard, its reports and the Stripe event inbox.
import membership.reports.wagtail_hooks  # noqa: E402, F401
