"""Admin URLs of the audience dashboard, under /admin/audience/ (registered
by ``membership.reports.wagtail_hooks``). Each report has a results-only URL
for Wagtail's filtering without a page reload."""

from django.urls import path

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
    path("members/", MembersReportView.as_view(), name="members"),
    path("members/results/", MembersReportView.as_view(results_only=True), name="members_results"),
    path("by-month/", MembershipTrendsView.as_view(), name="trends"),
    path(
        "by-month/results/",
        MembershipTrendsView.as_view(results_only=True),
        name="trends_results",
    ),
    path("gift-memberships/", GiftMembershipsView.as_view(), name="gift_memberships"),
    path(
        "gift-memberships/results/",
        GiftMembershipsView.as_view(results_only=True),
        name="gift_memberships_results",
    ),
    path("stripe-events/", StripeEventsView.as_view(), name="stripe_events"),
    path(
        "stripe-events/results/",
        StripeEventsView.as_view(results_only=True),
        name="stripe_events_results",
    ),
    path("stripe-events/<str:pk>/", StripeEventDetailView.as_view(), name="stripe_event"),
    path(
        "stripe-events/<str:pk>/retry/",
        StripeEventRetryView.as_view(),
        name="stripe_event_retry",
    ),
]
