from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The project itself, installed only for its operations commands."""

    name = "newsroom"
    verbose_name = "Newsroom operations"
