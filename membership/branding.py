"""The site's name and sender address on everything sent to readers.

Emails go out from tasks and webhooks, where there is no request: they use
the default site's name, as editors set it (Settings → Site settings, else
the Site's own name, else ``SITE_NAME``). The sender's display name is that
name; its address is ``DEFAULT_FROM_EMAIL``'s. ``send`` sends one such email.
"""

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.template.loader import render_to_string

from wagtail.models import Site

from articles.models import SiteSettings
from articles.site import identity


def site_name(request: HttpRequest | None = None) -> str:
    """The name readers know the site by: the request's site, else the default site."""
    if request is not None:
        return identity(request).name
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return SiteSettings.for_site(site).site_name or site.site_name or settings.WAGTAIL_SITE_NAME


def sender(request: HttpRequest | None = None) -> str:
    """``From:`` for reader emails: the site's name at ``DEFAULT_FROM_EMAIL``'s address."""
    return formataddr((site_name(request), parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def send(to: str, subject: str, template: str, context: dict) -> None:
    """Email ``to`` from the site: "<subject> · <site name>", the text and HTML
    bodies rendered from ``<template>.txt`` and ``<template>.html`` with
    ``context`` and the site's name (``site_name``)."""
    name = site_name()
    context = {**context, "site_name": name}
    message = EmailMultiAlternatives(
        subject=f"{subject} · {name}",
        body=render_to_string(f"{template}.txt", context),
        from_email=sender(),
        to=[to],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()
