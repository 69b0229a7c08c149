"""Test data builders for the publishing model (factory_boy + wagtail-factories)."""

import datetime

from django.utils import timezone

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from articles.models import ArticleByline, ArticlePage, Author, HomePage, SectionPage, StandardPage


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    description = factory.Sequence(lambda n: f"A street in the capital at dusk, photo {n}")
    file = factory.django.ImageField(width=1600, height=900, color="steelblue")


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    role = "Correspondent"


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    slug = "home"


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    intro = "News from the section."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = "About us"
    slug = "about"
    intro = "Who we are."


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A published article with one byline and a two-section body."""

    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Talks resume in round {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    standfirst = "Negotiators met again on Tuesday, the ministry said."
    first_published_at = factory.Sequence(
        lambda n: timezone.now() - datetime.timedelta(hours=n + 1)
    )
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", "<p>Negotiators met again on Tuesday after a pause of two weeks.</p>"),
            ("section_heading", {"heading": "What was agreed", "anchor": ""}),
            ("paragraph", "<p>Both sides agreed to exchange lists of prisoners.</p>"),
        ]
    )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for index, author in enumerate(extracted or [AuthorFactory()]):
            ArticleByline.objects.create(page=self, author=author, sort_order=index)
