"""allauth adapter: site-branded emails (name and sender), sent after commit through a task."""

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.email_verification import verify_email_indirectly
from allauth.account.internal.flows.login import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
    record_authentication,
)
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from allauth.core import ratelimit
from allauth.core.exceptions import ImmediateHttpResponse

from membership.accounts.ownership import password_typed
from membership.branding import sender, site_name

PASSWORD_RIGHT = "_newsroom_password_right"  # noqa: S105 (a request attribute's name)
ADDRESS_PROVED = "_newsroom_address_proved"
VERIFICATION_PENDING = (
    "Your password is right, but this address is not confirmed yet, and we already sent a "
    "confirmation code to it less than 3 minutes ago. Enter the code from that email, or "
    "sign in with an emailed code instead. A new code can be sent in a few minutes."
)


def signed_in_by_code_to(request: HttpRequest, email: str) -> bool:
    """Whether the last authentication of this session was a code sent to ``email``."""
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY) or []
    last = records[-1] if records else {}
    return last.get("method") == "code" and (last.get("email") or "").lower() == email.lower()


def count_sign_in_as_recent(request: HttpRequest, user: AbstractBaseUser) -> None:
    """A sign-in by emailed code is a recent authentication: the reader has
    just proved they own the address. allauth counts only the records its
    reauthentication forms mark ``reauthenticated``, so "Manage billing"
    asked for another code seconds after a code sign-in. The sign-in's record
    is marked the same way, and allauth's ``REAUTHENTICATION_TIMEOUT`` still
    decides for how long it counts. A new account signed in by its
    verification code has no record yet: one is made. A password sign-in
    still asks (the password may predate the address's proof, ownership.py)."""
    records = get_authentication_records(request, user)
    last = records[-1] if records else None
    if last is not None and last.get("method") == "code":
        last["reauthenticated"] = True
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    elif last is None and getattr(request, ADDRESS_PROVED, None):
        email = getattr(request, ADDRESS_PROVED)
        record_authentication(request, user, method="code", email=email, reauthenticated=True)


class AccountAdapter(DefaultAccountAdapter):
    """Brands allauth's emails with the site's name and queues them on commit;
    answers a locked-out password sign-in with 429; remembers in the session
    that a password was typed here (ownership.py)."""

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """A password sign-in locked out by ``login_failed`` answers 429 with the
        site's explanation (templates/429.html), like every other rate limit,
        rather than a 200 with a form error."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                raise ImmediateHttpResponse(ratelimit.respond_429(request)) from error
            raise

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user = super().authenticate(request, **credentials)
        if user is not None:
            password_typed(request, user, credentials["password"])
            setattr(request, PASSWORD_RIGHT, True)
        return user

    def validation_error(self, code: str, *args: Any) -> ValidationError:
        """allauth reports a right password whose address waits for a
        verification code sent less than 3 minutes ago (the ``confirm_email``
        rate limit) as "Too many failed login attempts": say what happened."""
        request = allauth_context.request
        if code == "too_many_login_attempts" and getattr(request, PASSWORD_RIGHT, False):
            return ValidationError(VERIFICATION_PENDING, code="verification_code_pending")
        return super().validation_error(code, *args)

    def send_confirmation_mail(
        self, request: HttpRequest, emailconfirmation: Any, signup: bool
    ) -> None:
        """allauth sends its "signed up" email when a password sign-in finds an
        account without an address row (staff made in Settings → Users): on
        the sign-in page, it is a sign-in."""
        if request is not None and request.path == reverse("account_login"):
            signup = False
        super().send_confirmation_mail(request, emailconfirmation, signup)

    def pre_login(self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> Any:
        """A sign-in by emailed code proves the address. allauth marks it
        verified only when it has a row for it, which users made in Settings →
        Users lack, so their first sign-in by code asked for a second code."""
        email = kwargs.get("email")
        by_code = bool(email) and signed_in_by_code_to(request, email)
        if by_code and not EmailAddress.objects.filter(user=user).exists():
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
            verify_email_indirectly(request, user, email)  # email_confirmed (ownership.py)
        return super().pre_login(request, user, **kwargs)

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        confirmed = super().confirm_email(request, email_address)
        if confirmed and request is not None:
            setattr(request, ADDRESS_PROVED, email_address.email)
        return confirmed

    def post_login(self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> Any:
        count_sign_in_as_recent(request, user)
        return super().post_login(request, user, **kwargs)

    def format_email_subject(self, subject: str) -> str:
        return f"[{site_name(allauth_context.request)}] {subject}"

    def get_from_email(self) -> str:
        return sender(allauth_context.request)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        request = allauth_context.request
        name = site_name(request)
        # allauth's templates say "Hello from {{ current_site.name }}": make
        # that the site's name and public host rather than the request's Host.
        current_site = SimpleNamespace(name=name, domain=urlsplit(settings.SITE_URL).netloc)
        ctx = {
            "request": request,
            "email": email,
            "current_site": current_site,
            "site_name": name,
            "site_url": settings.SITE_URL,
        }
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        # EMAIL_BACKEND queues it as a task once the transaction commits.
        self._with_html(message, ctx).send()

    def _with_html(self, message: EmailMessage, context: dict[str, Any]) -> EmailMultiAlternatives:
        """Every account email goes out as plain text plus a branded HTML part.

        allauth ships plain-text templates; unless a specific ``_message.html``
        exists, the HTML part is the same text in the site's email layout.
        """
        if isinstance(message, EmailMultiAlternatives) and message.alternatives:
            return message
        html = render_to_string(
            "membership/account/email/layout.html",
            {**context, "subject": message.subject, "text": message.body},
        )
        multi = EmailMultiAlternatives(
            message.subject,
            message.body,
            message.from_email,
            message.to,
            headers=message.extra_headers,
        )
        multi.attach_alternative(html, "text/html")
        return multi
