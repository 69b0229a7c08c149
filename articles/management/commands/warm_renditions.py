"""Make every live article's card, share and feed renditions now, so no reader
waits for one (after an import, a restore or a change of rendition specs)."""

from django.core.management.base import BaseCommand

from articles import renditions


class Command(BaseCommand):
    help = "Generate the card, share and feed renditions of every live article's lead image."

    def handle(self, *args, **options) -> None:
        ids = renditions.lead_image_ids()
        done = renditions.warm(ids)
        self.stdout.write(f"Renditions ready for {done} of {len(ids)} lead images.")
