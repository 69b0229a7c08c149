from articles.models.pages import HomePage

__all__ = ["HomePage"]
