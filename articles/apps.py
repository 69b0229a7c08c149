from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        # App loading: the handlers import the models, which exist only now.
        from articles.cache import signals

        signals.connect()
