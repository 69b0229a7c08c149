"""Security headers that Django and django-csp do not set on their own.

* ``NewsroomCSPMiddleware``: django-csp's middleware, with a second policy for
  the Wagtail admin. Reader pages get ``CONTENT_SECURITY_POLICY`` (strict: our
  origin only, inline script only with the request's nonce). The admin ships
  inline scripts and styles that cannot carry our nonce, so under
  ``CSP_ADMIN_URL_PREFIXES`` the ``CSP_ADMIN_DIRECTIVES`` policy applies
  instead: still our origin only, no third-party hosts, no plugins, no framing
  (except the preview views, framed by the admin itself), but inline code
  allowed. A view's own ``@csp_override`` /
  ``@csp_replace`` decorators still win. Every request passes through it,
  cache hits included, so a reader response without overrides gets the
  policy built once per process with the request's nonce put in
  (django-csp builds it from the settings twice per response: a fifth of a
  cache hit's time).
* ``PermissionsPolicyMiddleware``: a ``Permissions-Policy`` header that turns
  off browser features the site never uses (``PERMISSIONS_POLICY`` setting).
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from csp.constants import HEADER, NONE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_ADMIN_URL_PREFIXES))


# Per-response overrides (django-csp's decorators): such a response takes the
# general path.
_OVERRIDES = tuple(
    f"_csp_{kind}{suffix}"
    for kind in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)
_NONCE_MARK = "NEWSROOMNONCEMARK"


class NewsroomCSPMiddleware(CSPMiddleware):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._reader_policies: dict[bool, str] = {}

    def reader_policy(self, nonce: str | None) -> str:
        """``build_policy(nonce=nonce)`` for the settings' policy, built once."""
        key = nonce is not None
        if key not in self._reader_policies:
            self._reader_policies[key] = build_policy(nonce=_NONCE_MARK if key else None)
        policy = self._reader_policies[key]
        return policy.replace(_NONCE_MARK, nonce) if key else policy

    def _plain(self, request: HttpRequest, response: HttpResponseBase) -> bool:
        """A response the settings' policy applies to as it is."""
        return not (
            settings.DEBUG
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get(
                "EXCLUDE_URL_PREFIXES"
            )
            or is_admin_path(request.path_info)
            or HEADER in response
            or any(hasattr(response, name) for name in _OVERRIDES)
        )

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
        if self._plain(request, response):
            policy = self.reader_policy(getattr(request, "_csp_nonce", None))
            if policy:
                response[HEADER] = policy
            if getattr(request, "_csp_nonce", None) is None:
                # As django-csp does: a nonce asked for now would not be in the header.
                request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
            return response
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
