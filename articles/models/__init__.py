# Live pages live in their own package (articles/live/); registered here.
from articles.live.models import LiveBlogPage, LiveEntry, LiveEntryChange
from articles.models.article_parts import (
    ArticleByline,
    ArticleCorrection,
    ArticlePageTag,
    ArticleRelated,
)
from articles.models.articles import ArticlePage
from articles.models.base import BasePage
from articles.models.pages import HomePage, HomeTopStory, SectionPage, StandardPage
from articles.models.settings import SiteSettings
from articles.models.snippets import Author, AuthorLink

__all__ = [
    "ArticleByline",
    "ArticleCorrection",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleRelated",
    "Author",
    "AuthorLink",
    "BasePage",
    "HomePage",
    "HomeTopStory",
    "LiveBlogPage",
    "LiveEntry",
    "LiveEntryChange",
    "SectionPage",
    "SiteSettings",
    "StandardPage",
]
