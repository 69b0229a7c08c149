from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from membership.models import Appeal, Currency, Tier
from membership.reports.appeal_rules import AppealRulesReportView
from membership.reports.appeals import AppealsReportView
from membership.reports.articles import ArticleConversionReportView, SectionConversionReportView
from membership.reports.common import report_paths


class TierViewSet(SnippetViewSet):
    model = Tier
    icon = "tag"
    menu_label = "Membership tiers"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "monthly_label", "yearly_label", "recommended", "active", "synced_at"]
    list_filter = ["active"]


register_snippet(TierViewSet)


class CurrencyViewSet(SnippetViewSet):
    """Floors and the exchange rate the reports convert at, per currency."""

    model = Currency
    icon = "tag"
    menu_label = "Membership currencies"
    add_to_admin_menu = True
    menu_order = 305
    list_display = ["code", "min_monthly_amount", "min_gift_amount", "rate", "rate_date"]


register_snippet(CurrencyViewSet)


# --- Appeals: the snippet, and their reports under Reports ------------------


class AppealViewSet(SnippetViewSet):
    model = Appeal
    icon = "crosshairs"
    menu_label = "Appeals"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "placement", "audience", "weight", "active", "starts_at", "ends_at"]
    list_filter = ["placement", "audience", "active"]


register_snippet(AppealViewSet)


@hooks.register("register_admin_urls")
def register_appeal_report_urls():
    views = {
        "appeals": AppealsReportView,
        "appeal_rules": AppealRulesReportView,
        "articles": ArticleConversionReportView,
        "sections": SectionConversionReportView,
    }
    patterns = [
        url for name, view in views.items() for url in report_paths(f"{name}/", view, name)
    ]
    return [path("reports/membership/", include((patterns, "membership_reports")))]


class AppealReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("membership.view_appeal")


@hooks.register("register_reports_menu_item")
def register_appeals_report_menu_item():
    return AppealReportMenuItem(
        "Appeals", reverse("membership_reports:appeals"), icon_name="crosshairs", order=1200
    )


@hooks.register("register_reports_menu_item")
def register_appeal_rules_report_menu_item():
    return AppealReportMenuItem(
        "Appeals by articles read",
        reverse("membership_reports:appeal_rules"),
        icon_name="crosshairs",
        order=1201,
    )


@hooks.register("register_reports_menu_item")
def register_articles_report_menu_item():
    return AppealReportMenuItem(
        "Articles that convert",
        reverse("membership_reports:articles"),
        icon_name="doc-full",
        order=1210,
    )


@hooks.register("register_reports_menu_item")
def register_sections_report_menu_item():
    return AppealReportMenuItem(
        "Sections that convert",
        reverse("membership_reports:sections"),
        icon_name="folder-open-inverse",
        order=1220,
    )


# Newsletters (lists, issues, subscribers, the send page), their reports,
# Settings → Invite staff, and the audience dashboard with its reports and the
# Stripe event inbox.
import membership.accounts.wagtail_hooks  # noqa: E402
import membership.newsletters.admin  # noqa: E402
import membership.reports.newsletters  # noqa: E402
import membership.reports.wagtail_hooks  # noqa: E402, F401
