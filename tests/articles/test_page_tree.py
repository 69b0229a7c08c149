"""Tree rules and admin creation for every page type."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage, HomePage, LiveBlogPage, SectionPage, StandardPage
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    HomePageFactory,
    SectionPageFactory,
)


class PageTreeTests(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {SectionPage, StandardPage, LiveBlogPage})
        self.assertAllowedParentPageTypes(SectionPage, {HomePage})
        self.assertAllowedSubpageTypes(SectionPage, {ArticlePage, LiveBlogPage})
        self.assertAllowedParentPageTypes(LiveBlogPage, {HomePage, SectionPage})
        self.assertAllowedParentPageTypes(ArticlePage, {SectionPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(StandardPage, {HomePage})
        self.assertAllowedSubpageTypes(StandardPage, set())

    def test_one_home_page_per_install(self):
        root = Page.get_first_root_node()
        HomePageFactory(parent=root, slug="front")
        assert not HomePage.can_create_at(root)


class AdminCreationTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.home = HomePageFactory(parent=Page.get_first_root_node(), slug="front")
        self.section = SectionPageFactory(parent=self.home, title="World", slug="world")

    def test_editor_can_create_a_section(self):
        self.assertCanCreate(
            self.home,
            SectionPage,
            nested_form_data({"title": "Politics", "slug": "politics", "intro": "Parliament."}),
        )

    def test_editor_can_create_a_standard_page(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Ethics policy",
                    "slug": "ethics",
                    "intro": "How we work.",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>We correct our errors.</p>"))]
                    ),
                }
            ),
        )

    def test_editor_can_create_an_article_with_every_field(self):
        author = AuthorFactory(name="Olena Marchuk", slug="olena-marchuk")
        self.assertCanCreate(
            self.section,
            ArticlePage,
            nested_form_data(
                {
                    "kicker": "analysis",
                    "title": "The double game on energy",
                    "slug": "double-game",
                    "standfirst": "Why the talks stalled.",
                    "bylines": inline_formset([{"author": author.pk, "role": ""}]),
                    "body": streamfield(
                        [
                            ("paragraph", rich_text("<p>Opening paragraph.</p>")),
                            (
                                "section_heading",
                                {"heading": "Relations with the north", "anchor": ""},
                            ),
                            (
                                "pull_quote",
                                {
                                    "quote": "No deal.",
                                    "speaker": "Maria Hren",
                                    "role": "spokesperson",
                                },
                            ),
                            ("appeal_marker", ""),
                        ]
                    ),
                    "tags": "energy, diplomacy",
                    "related_links": inline_formset([]),
                    "corrections": inline_formset(
                        [
                            {
                                "date": "2026-11-01 10:00",
                                "kind": "correction",
                                "text": "Fixed a name.",
                            }
                        ]
                    ),
                    "top_stories": inline_formset([]),
                }
            ),
        )
        article = ArticlePage.objects.get(slug="double-game")
        assert article.bylines.get().author == author
        assert article.corrections.count() == 1
        assert sorted(article.tags.names()) == ["diplomacy", "energy"]

    def test_duplicate_section_anchors_are_refused(self):
        author = AuthorFactory()
        data = nested_form_data(
            {
                "title": "Twice",
                "slug": "twice",
                "standfirst": "Two sections with one name.",
                "bylines": inline_formset([{"author": author.pk, "role": ""}]),
                "body": streamfield(
                    [
                        ("section_heading", {"heading": "Background", "anchor": ""}),
                        ("section_heading", {"heading": "Background", "anchor": ""}),
                    ]
                ),
                "related_links": inline_formset([]),
                "corrections": inline_formset([]),
            }
        )
        response = self.client.post(
            f"/admin/pages/add/articles/articlepage/{self.section.pk}/", data
        )
        assert response.status_code == 200  # the form comes back with the error
        assert not ArticlePage.objects.filter(slug="twice").exists()
        assert "Another section already links as #background" in response.content.decode()

    def test_every_page_type_previews(self):
        article_data = nested_form_data(
            {
                "title": "Preview me",
                "slug": "preview-me",
                "standfirst": "A draft.",
                "bylines": inline_formset([{"author": AuthorFactory().pk, "role": ""}]),
                "body": streamfield([("paragraph", rich_text("<p>Draft text.</p>"))]),
                "related_links": inline_formset([]),
                "corrections": inline_formset([]),
            }
        )
        home_data = nested_form_data(
            {
                "title": self.home.title,
                "slug": self.home.slug,
                "top_stories": inline_formset([]),
                "front_sections": streamfield([]),
            }
        )
        self.assertPageIsPreviewable(self.home, post_data=home_data)
        self.assertPageIsPreviewable(self.section)
        article = ArticlePageFactory(parent=self.section)
        self.assertPageIsPreviewable(article, post_data=article_data)
