"""The editor's admin beyond Wagtail's own screens (articles/editing/): the
schedule dialog's time zone, a correction in one step, a new author from the
byline chooser, "published" after "Approve and Publish", and the slug made
from a long headline (the admin's JS half is in tests/browser/test_editing.py)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from articles.models import ArticleCorrection, ArticlePage, Author
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db

LONG_TITLE = (
    "Harbour pilots in Marisk stop work at dawn over a new night rota that nobody agreed to"
)
CAPPED = "harbour-pilots-in-marisk-stop-work-at-dawn-over-a-new-night"


def staff(email: str, group: str):
    user = get_user_model().objects.create_user(email=email, password="pw-a-long-one")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor():
    return staff("editor@example.org", "Editors")


@pytest.fixture
def reporter():
    return staff("reporter@example.org", "Reporters")


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, title="Pilots strike")


# Schedule dialog ------------------------------------------------------------


def test_schedule_dialog_says_the_newsrooms_time_zone(client, editor, article, settings):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    dialog = html[html.index('id="schedule-publishing-dialog"') :]
    assert "In the newsroom&#x27;s time zone: UTC (UTC+00:00 now)." in dialog
    # The editor's JS and CSS (date pickers placed under their field).
    assert "/static/js/editor.js" in html
    assert "/static/css/editor.css" in html

    settings.TIME_ZONE = "Asia/Kolkata"
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "In the newsroom&#x27;s time zone: Asia/Kolkata (UTC+05:30 now)." in html


# Slugs ----------------------------------------------------------------------


def test_slug_left_empty_comes_from_the_headline_cut_at_a_word(section):
    first = section.add_child(instance=ArticlePage(title=LONG_TITLE, standfirst="S.", body=[]))
    second = section.add_child(instance=ArticlePage(title=LONG_TITLE, standfirst="S.", body=[]))
    short = section.add_child(instance=ArticlePage(title="Short one", standfirst="S.", body=[]))
    assert first.slug == CAPPED
    assert second.slug == f"{CAPPED}-2"  # Wagtail still makes it unique
    assert short.slug == "short-one"


# Corrections ----------------------------------------------------------------


def test_a_correction_in_one_step_is_dated_now_and_published(client, editor, article):
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    url = f"/admin/articles/{article.pk}/correction/"
    assert url in edit  # "Add a correction" in the edit screen's header
    response = client.post(url, {"kind": "correction", "text": "The chair is Ana Novak."})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{article.pk}/edit/"
    [correction] = ArticleCorrection.objects.filter(page=article)
    assert correction.text == "The chair is Ana Novak."
    article.refresh_from_db()
    assert not article.has_unpublished_changes
    assert article.live_revision.user == editor
    html = client.get(article.url).content.decode()
    assert "The chair is Ana Novak." in html
    assert '<a class="change-mark change-mark--corrected" href="#corrections">Corrected <time' in (
        html
    )


def test_a_correction_leaves_a_pending_draft_unpublished_but_corrected(client, editor, article):
    draft = article.get_latest_revision_as_object()
    draft.title = "Pilots strike (draft headline)"
    draft.save_revision(user=editor)
    client.force_login(editor)
    client.post(f"/admin/articles/{article.pk}/correction/", {"kind": "update", "text": "Fixed."})
    article.refresh_from_db()
    assert article.title == "Pilots strike"  # the draft's change is not published
    assert article.has_unpublished_changes
    pending = article.get_latest_revision_as_object()
    assert pending.title == "Pilots strike (draft headline)"
    assert [c.text for c in pending.corrections.all()] == ["Fixed."]
    # Publishing the draft later keeps the one correction.
    article.get_latest_revision().publish()
    assert list(ArticleCorrection.objects.filter(page=article).values_list("kind", "text")) == [
        ("update", "Fixed.")
    ]


def test_a_correction_needs_text_a_live_article_and_publish_rights(
    client, editor, reporter, article, section
):
    client.force_login(editor)
    url = f"/admin/articles/{article.pk}/correction/"
    response = client.post(url, {"kind": "correction", "text": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    response = client.post(url, {"kind": "retraction", "text": "x"})
    assert response.status_code == 400
    draft = ArticlePageFactory(parent=section, live=False, first_published_at=None)
    response = client.post(f"/admin/articles/{draft.pk}/correction/", {"text": "x"})
    assert response.status_code == 400
    assert "Only a published article takes corrections" in response.content.decode()
    assert (
        f"/admin/articles/{draft.pk}/correction/"
        not in client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    )
    client.force_login(reporter)
    # Wagtail's admin answers PermissionDenied with a redirect and a message.
    denied = client.post(url, {"kind": "correction", "text": "x"}, follow=True)
    assert "Sorry, you do not have permission" in denied.content.decode()
    assert url not in client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert not ArticleCorrection.objects.exists()


# Authors from the byline chooser ----------------------------------------------


def test_the_byline_chooser_creates_an_author(client, editor, reporter):
    AuthorFactory(name="Ana Novak", slug="ana-novak")
    client.force_login(editor)
    chooser = client.get("/admin/snippets/choose/articles/author/").json()["html"]
    assert "New author" in chooser
    response = client.post(
        "/admin/snippets/choose/articles/author/create/", {"name": "Ana Novak", "role": "Stringer"}
    )
    data = response.json()
    assert data["step"] == "chosen"
    author = Author.objects.get(pk=data["result"]["id"])
    assert (author.name, author.role, author.slug) == ("Ana Novak", "Stringer", "ana-novak-2")
    response = client.post("/admin/snippets/choose/articles/author/create/", {"name": ""})
    assert response.json()["step"] == "reshow_creation_form"
    assert Author.objects.count() == 2
    # Reporters choose authors but do not add them.
    client.force_login(reporter)
    chooser = client.get("/admin/snippets/choose/articles/author/").json()["html"]
    assert "New author" not in chooser
    response = client.post("/admin/snippets/choose/articles/author/create/", {"name": "X"})
    assert response.status_code in (302, 403)
    assert not Author.objects.filter(name="X").exists()


# "Approve and Publish" ---------------------------------------------------------


def edit_form_data(article: ArticlePage, **extra) -> dict:
    byline = article.bylines.first()
    return nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "kicker": "",
            "standfirst": article.standfirst,
            "bylines": inline_formset([{"id": byline.pk, "author": byline.author_id, "role": ""}]),
            "lead_image": article.lead_image_id,
            "lead_image_alt": "Pilots on the quay",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "body": streamfield([("paragraph", rich_text("<p>The pilots walked out.</p>"))]),
            "tags": "",
            "related_links": inline_formset([]),
            "corrections": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_approve_and_publish_says_published(client, editor, reporter, section):
    draft = ArticlePageFactory(parent=section, live=False, first_published_at=None)
    draft.save_revision(user=reporter)
    Workflow.objects.get(name="Editorial review").start(draft, reporter)
    client.force_login(editor)
    data = edit_form_data(draft, **{"action-workflow-action": "1"})
    data["workflow-action-name"] = "approve"
    response = client.post(f"/admin/pages/{draft.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    draft.refresh_from_db()
    assert draft.live
    html = client.get(response["Location"]).content.decode()  # the messages shown
    assert f"Page &#x27;{draft.title}&#x27; has been approved and published." in html
    assert "has been updated" not in html


def test_saving_a_draft_still_says_updated(client, editor, article):
    client.force_login(editor)
    response = client.post(f"/admin/pages/{article.pk}/edit/", edit_form_data(article))
    assert response.status_code == 302, response.context["form"].errors
    html = client.get(response["Location"]).content.decode()
    assert f"Page &#x27;{article.title}&#x27; has been updated." in html
    assert "approved and published" not in html
