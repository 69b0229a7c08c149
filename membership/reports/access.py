"""Who may see the audience dashboard, its reports and the Stripe event inbox.

* **See** the dashboard panel, the reports and the event inbox: superusers and
  members of the ``Audience`` and ``Editors`` groups (the groups the data
  migrations create). Everyone else, including other admin staff such as
  ``Reporters``, gets no menu item, no panel and a 403.
* **Retry** a Stripe event: those who may see it *and* hold the
  ``membership.change_stripeevent`` permission. Superusers have it; nobody
  else does by default. Re-running a webhook handler changes memberships and
  can send emails, so it is an operator's decision: grant "Stripe event:
  change" to a group in Settings → Groups to let it retry.

Group membership is looked up once per request and kept on the user object.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

REPORT_GROUPS = ("Audience", "Editors")
RETRY_PERMISSION = "membership.change_stripeevent"

_CACHE_ATTRIBUTE = "_newsroom_audience_reports"


def can_view_audience_reports(user: Any) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = user.groups.filter(name__in=REPORT_GROUPS).exists()
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def can_retry_stripe_events(user: Any) -> bool:
    return can_view_audience_reports(user) and user.has_perm(RETRY_PERMISSION)


def forbidden(request: HttpRequest) -> HttpResponse:
    """A 403 inside the admin's frame. (Raising PermissionDenied in an admin
    view makes Wagtail redirect to the dashboard instead.)"""
    return TemplateResponse(request, "membership/reports/forbidden.html", status=403)


class AudienceReportsOnlyMixin:
    """For admin views: a 403 for anyone :func:`can_view_audience_reports` refuses."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_view_audience_reports(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
