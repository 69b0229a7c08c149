"""The Stripe event inbox in the admin: every stored webhook event, filterable
by status and type, a page per event with its error and a summary of its
payload, and a Retry button for events that failed (or were stored and never
processed).

Retrying runs :func:`membership.webhooks.process`, the function
``manage.py replay_stripe_events`` and Stripe's own redeliveries run: the event
row is locked and an event already processed or ignored is left alone, so a
second Retry (or a redelivery racing it) applies nothing twice. Who may retry
is decided in :mod:`membership.reports.access`.
"""

import json
import logging
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

import django_filters

from membership import webhooks
from membership.models import StripeEvent, format_amount
from membership.reports.access import (
    AudienceReportsOnlyMixin,
    can_retry_stripe_events,
    forbidden,
)
from membership.reports.display import AbsoluteDateColumn, VisibleDownloadsMixin
from membership.reports.spreadsheets import FormulaSafeCSVMixin

logger = logging.getLogger(__name__)

RETRYABLE = (StripeEvent.Status.FAILED, StripeEvent.Status.RECEIVED)
LIST_URL = "audience_dashboard:stripe_events"


def event_types() -> list[tuple[str, str]]:
    types = StripeEvent.objects.order_by("type").values_list("type", flat=True).distinct()
    return [(t, t) for t in types]


class StripeEventFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=StripeEvent.Status.choices, empty_label="Any status"
    )
    type = django_filters.ChoiceFilter(label="Type", choices=event_types, empty_label="Any type")

    class Meta:
        model = StripeEvent
        fields = ["status", "type"]


def short_error(event: StripeEvent) -> str:
    error = event.last_error.strip().splitlines()[0] if event.last_error.strip() else ""
    return error if len(error) <= 120 else f"{error[:119]}…"


def detail_url(event: StripeEvent) -> str:
    return reverse("audience_dashboard:stripe_event", args=[event.pk])


class StripeEventsView(
    AudienceReportsOnlyMixin, VisibleDownloadsMixin, FormulaSafeCSVMixin, ReportView
):
    page_title = "Stripe events"
    header_icon = "list-ul"
    model = StripeEvent
    filterset_class = StripeEventFilterSet
    index_url_name = LIST_URL
    index_results_url_name = "audience_dashboard:stripe_events_results"
    is_searchable = True
    search_fields = ["id", "last_error"]
    default_ordering = "-received_at"
    paginate_by = 50
    verbose_name_plural = "Stripe events"
    columns = [
        TitleColumn("id", label="Event", get_url=detail_url),
        Column("type", label="Type"),
        StatusTagColumn(
            "status",
            label="Status",
            primary=lambda e: e.status in (StripeEvent.Status.FAILED, StripeEvent.Status.RECEIVED),
        ),
        NumberColumn("attempts", label="Attempts"),
        AbsoluteDateColumn("received_at", label="Received", sort_key="received_at"),
        Column("error", label="Error", accessor=short_error),
    ]
    list_export = [
        "id",
        "type",
        "status",
        "attempts",
        "received_at",
        "processed_at",
        "stripe_created",
        "livemode",
        "last_error",
    ]
    export_headings = {"id": "Event id", "stripe_created": "Created at Stripe"}

    def get_filename(self) -> str:
        return f"stripe-events-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self) -> QuerySet[StripeEvent]:
        # Payloads can be large; the list never needs them.
        self.queryset = StripeEvent.objects.defer("payload")
        return super().get_queryset()

    def order_queryset(self, queryset: QuerySet[StripeEvent]) -> QuerySet[StripeEvent]:
        if self.ordering:  # and by id, for a stable order from page to page
            return queryset.order_by(self.ordering, "-pk")
        return queryset


def _money(amount: Any, currency: Any) -> str:
    if not isinstance(amount, int):
        return ""
    return format_amount(amount, str(currency or "usd"))


def _id_of(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(value or "")


def payload_summary(event: StripeEvent) -> list[tuple[str, str]]:
    """The fields of the event's object that say what it is about."""
    data = event.payload.get("data") if isinstance(event.payload, dict) else None
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict):
        return [("Object", "(no object in the payload)")]
    parent = obj.get("parent") or {}
    subscription = obj.get("subscription") or (
        (parent.get("subscription_details") or {}).get("subscription")
        if isinstance(parent, dict)
        else None
    )
    if obj.get("object") == "subscription":
        subscription = obj.get("id")
    amount = next(
        (obj[key] for key in ("amount_total", "amount_paid", "amount") if key in obj), None
    )
    rows = [
        ("Object", f"{obj.get('object', '?')} {obj.get('id', '')}".strip()),
        ("Customer", _id_of(obj.get("customer"))),
        ("Subscription", _id_of(subscription)),
        ("Payment", _id_of(obj.get("payment_intent"))),
        ("Status", str(obj.get("status") or "")),
        ("Mode", str(obj.get("mode") or "")),
        ("Amount", _money(amount, obj.get("currency"))),
        ("Refunded", _money(obj.get("amount_refunded"), obj.get("currency"))),
        ("Metadata", ", ".join(f"{k}={v}" for k, v in (obj.get("metadata") or {}).items())),
    ]
    return [(label, value) for label, value in rows if value]


class StripeEventDetailView(AudienceReportsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "membership/reports/stripe_event_detail.html"
    header_icon = "list-ul"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.event: StripeEvent | None = None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.event = get_object_or_404(StripeEvent, pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"Stripe event {self.event.pk}" if self.event else "Stripe event"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(LIST_URL), "label": "Stripe events"},
            {"url": "", "label": self.event.pk if self.event else ""},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        event = self.event
        context.update(
            event=event,
            summary=payload_summary(event),
            payload_json=json.dumps(event.payload, indent=2, sort_keys=True),
            retryable=event.status in RETRYABLE,
            can_retry=can_retry_stripe_events(self.request.user),
            retry_url=reverse("audience_dashboard:stripe_event_retry", args=[event.pk]),
        )
        return context


class StripeEventRetryView(AudienceReportsOnlyMixin, View):
    """POST only, CSRF-protected like every admin form."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: str) -> HttpResponse:
        if not can_retry_stripe_events(request.user):
            return forbidden(request)
        event = get_object_or_404(StripeEvent.objects.only("pk", "status"), pk=pk)
        outcome = webhooks.process(event.pk)
        logger.info(
            "Stripe event %s retried from the admin by user %s: %s",
            event.pk,
            request.user.pk,
            outcome.message,
        )
        if outcome.message == "duplicate":
            messages.info(request, f"Event {pk} was already handled; nothing was done again.")
        elif outcome.status == 200:
            messages.success(request, f"Event {pk} retried: {outcome.message}.")
        else:
            messages.error(request, f"Event {pk} failed again; see the error below.")
        return redirect("audience_dashboard:stripe_event", pk=event.pk)
