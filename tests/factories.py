"""Small, generic factories for the publishing model.

Pages need a parent: ``SectionPageFactory(parent=home)``,
``ArticlePageFactory(parent=section)``. Articles come published "now" with one
byline and a lead image unless told otherwise (``bylines=[a, b]``,
``lead_image=None``), each a second older than the one before.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Collection, Page, Site

import factory
import wagtail_factories

from articles.models import ArticleByline, ArticlePage, Author, HomePage, SectionPage


class ImageFactory(wagtail_factories.ImageFactory):
    # The root collection, rather than a new tree root for every image.
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.django.ImageField(width=1600, height=900, color="teal")
    description = "Protesters gather outside the parliament building"


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    role = "Staff reporter"


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    slug = "home"
    intro = "Independent journalism."


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Section {n}")
    intro = "News from the section."


_PUBLISHED_FROM = timezone.now()


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article number {n}")
    standfirst = factory.LazyAttribute(lambda o: f"What happened in {o.title.lower()}.")
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>The opening paragraph of the story.</p>")]
    )
    lead_image = factory.SubFactory(ImageFactory)
    lead_image_caption = "A caption."
    lead_image_credit = "Photo: Staff"
    # Each article a second older than the one made before it, so "newest
    # first" is the order of creation reversed, without ties — counted from a
    # fixed moment, or a slow machine taking over a second between two
    # articles would make the later one newer.
    first_published_at = factory.Sequence(lambda n: _PUBLISHED_FROM - timedelta(seconds=n))
    last_published_at = factory.SelfAttribute("first_published_at")

    @factory.post_generation
    def bylines(obj, create, extracted, **kwargs):
        """``bylines=[author, …]``; one new author by default."""
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        for order, author in enumerate(authors):
            ArticleByline.objects.create(page=obj, author=author, sort_order=order)

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        """``tags=["Diplomacy", …]``."""
        if create and extracted:
            obj.tags.add(*extracted)
            obj.save()


def make_home() -> HomePage:
    """A home page as the default site's root, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="news-home")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.site_name = "The Test Ledger"
    site.save()
    return home
