"""Admin URLs of the audience dashboard, under /admin/audience/ (registered
by ``membership.reports.wagtail_hooks``). Each report has a results-only URL
for Wagtail's filtering without a page reload."""

from django.urls import path

from membership.reports.common import report_paths
from membership.reports.events import (
    StripeEventDetailView,
    StripeEventRetryView,
    StripeEventsView,
)
from membership.reports.gift_memberships import GiftMembershipsView
from membership.reports.members import MembersReportView
from membership.reports.timeseries import MembershipTrendsView

app_name = "audience_dashboard"

urlpatterns = [
    *report_paths("members/", MembersReportView, "members"),
    *report_paths("by-month/", MembershipTrendsView, "trends"),
    *report_paths("gift-memberships/", GiftMembershipsView, "gift_memberships"),
    *report_paths("stripe-events/", StripeEventsView, "stripe_events"),
    path("stripe-events/<str:pk>/", StripeEventDetailView.as_view(), name="stripe_event"),
    path(
        "stripe-events/<str:pk>/retry/",
        StripeEventRetryView.as_view(),
        name="stripe_event_retry",
    ),
]
