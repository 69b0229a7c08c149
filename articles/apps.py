from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        # App loading: the handlers import the models, which exist only now.
        from articles.cache import signals

        signals.connect()
        # App loading: every change to a live entry is recorded and purged.
        from articles.live import changes

        changes.connect()
        # App loading too: the live pages' admin hooks (their own package, so
        # Wagtail's discovery of articles/wagtail_hooks.py does not find them).
        from articles.live import wagtail_hooks  # noqa: F401
