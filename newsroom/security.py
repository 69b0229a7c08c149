"""Security headers that Django and django-csp do not set on their own.

* ``NewsroomCSPMiddleware``: django-csp's middleware, with a second policy for
  the Wagtail admin. Reader pages get ``CONTENT_SECURITY_POLICY`` (strict: our
  origin only, inline script only with the request's nonce). The admin ships
  inline scripts and styles that cannot carry our nonce, so under
  ``CSP_ADMIN_URL_PREFIXES`` the ``CSP_ADMIN_DIRECTIVES`` policy applies
  instead: still our origin only, no third-party hosts, no plugins, no framing
  (except the preview views, framed by the admin itself), but inline code
  allowed. A view's own ``@csp_override`` /
  ``@csp_replace`` decorators still win.
* ``PermissionsPolicyMiddleware``: a ``Permissions-Policy`` header that turns
  off browser features the site never uses (``PERMISSIONS_POLICY`` setting).
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from csp.constants import HEADER, NONE
from csp.middleware import CSPMiddleware, PolicyParts


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_ADMIN_URL_PREFIXES))


class NewsroomCSPMiddleware(CSPMiddleware):
    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = dict(settings.CSP_ADMIN_DIRECTIVES)
            # Admin pages may only be framed by the admin itself where the view
            # allows it (Wagtail's live preview sets X-Frame-Options: SAMEORIGIN).
            if response.get("X-Frame-Options", "").upper() != "SAMEORIGIN":
                parts.config["frame-ancestors"] = [NONE]
            # The admin policy allows inline code instead of using a nonce: a
            # nonce in the header would make browsers ignore 'unsafe-inline'.
            parts.nonce = None
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        # Wagtail renders a page preview by running a request for the page's
        # own URL through the middleware, so the preview response arrives here
        # already carrying the reader policy (and its nonce). Keep that policy,
        # but let the admin frame it, as X-Frame-Options already does.
        if (
            is_admin_path(request.path_info)
            and response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
            and HEADER in response
        ):
            response[HEADER] = _FRAME_ANCESTORS.sub("frame-ancestors 'self'", response[HEADER])
        return response


_FRAME_ANCESTORS = re.compile(r"frame-ancestors [^;]*")


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` -> ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
