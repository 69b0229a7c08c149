"""Build the demo newsroom that `make run` serves.

Idempotent: running it again finds what it made and changes nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Page, Site

from articles.models import HomePage


class Command(BaseCommand):
    help = "Create the demo site (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        home = self.ensure_home()
        self.stdout.write(self.style.SUCCESS(f"Demo site ready: {home.title!r} at /"))

    def ensure_home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's first migration leaves a placeholder "Welcome" page that
            # holds the slug the home page should have.
            for placeholder in root.get_children().filter(
                content_type__app_label="wagtailcore", content_type__model="page"
            ):
                placeholder.delete()
            home = root.add_child(
                instance=HomePage(
                    title="Home",
                    slug="home",
                    intro="Independent journalism, free to read, funded by its readers.",
                )
            )
            root.refresh_from_db()
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        if site.root_page_id != home.pk or not site.site_name:
            site.hostname = site.hostname or "localhost"
            site.port = site.port or 80
            site.root_page = home
            site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
            site.save()
        return home
