# ruff: noqa: RUF001 (the samples use typographic quotes, as real copy does)
"""Paste or import a story (issue 17): real-world-shaped samples of each
source (Google Docs, Word and browser HTML, a wire's plain text, a .docx)
become the right blocks; nothing unsafe survives; the editor sees the
conversion before anything is saved; confirming makes a draft article (or
replaces an article's body in a new draft revision)."""

import io
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model

import pytest

from articles.models import ArticlePage
from articles.slugs import headline_slug
from articles.story_import import convert, sources
from membership.models import User
from tests.articles.story_samples.make_docx import make_docx
from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "story_samples"


def kinds(clean_html: str) -> list[str]:
    return [kind for kind, _ in convert.convert(clean_html).blocks]


def test_google_docs_paste():
    result = convert.convert(sources.from_html((SAMPLES / "google_docs.html").read_text()))
    assert [k for k, _ in result.blocks] == [
        "paragraph", "section_heading", "paragraph", "block_quote", "section_heading", "paragraph",
    ]  # fmt: skip
    # The whole paste sits in Google's <b style="font-weight:normal">: not bold.
    assert "<b>" not in result.blocks[0][1]
    assert result.blocks[1][1]["heading"] == "A rota nobody agreed"
    assert (
        '<a href="https://example.org/port-rota">according to the union</a>' in result.blocks[2][1]
    )
    assert "<i>two weeks’ notice</i>" in result.blocks[2][1]
    quote = result.blocks[3][1]
    assert quote["source"] == "Tomas Brenner, chair of the pilots’ union"
    assert quote["text"].startswith("<p>We will not pilot ships")


def test_word_paste_drops_what_is_unsafe_or_unknown():
    result = convert.convert(sources.from_html((SAMPLES / "word.html").read_text()))
    assert [k for k, _ in result.blocks] == [
        "paragraph", "section_heading", "paragraph", "block_quote", "pull_quote",
        "paragraph", "paragraph",
    ]  # fmt: skip
    assert result.blocks[3][1]["source"] == "Ana Novak"
    assert result.blocks[4][1] == {
        "quote": "Nobody voted for this rota",
        "speaker": "Ana Novak",
        "role": "a pilot",
    }
    assert (
        result.blocks[5][1]
        == "<ul><li>Six freighters at anchor</li><li>Two ferries cancelled</li></ul>"
    )
    everything = str(result.blocks)
    for unsafe in ("script", "javascript", "onclick", "alert", "mso", "font", "o:p", "MsoNormal"):
        assert unsafe not in everything
    assert result.blocks[6][1] == "<p>a bad link and red text.</p>"


def test_browser_paste_keeps_links_images_and_block_quotes():
    result = convert.convert(sources.from_html((SAMPLES / "browser.html").read_text()))
    assert [k for k, _ in result.blocks] == [
        "section_heading", "paragraph", "section_heading", "paragraph", "image",
        "block_quote", "image",
    ]  # fmt: skip
    assert result.blocks[3][1] == (
        "<p>Crews worked through the night. <b>No one was hurt</b>, "
        '<a href="https://example.org/police">police said</a>.</p>'
    )
    remote = result.blocks[4][1]
    assert remote["image"] is None  # never fetched: the editor chooses it
    assert remote["alt_text"] == "Rocks and mud across the coast road near Piran"
    assert remote["caption"] == "The road near Piran on Monday."
    assert result.blocks[6][1]["image"] == "new:0"
    assert result.images[0]["type"] == "image/png"
    assert "iframe" not in str(result.blocks)


def test_plain_text_wire_copy():
    assert kinds(sources.from_text((SAMPLES / "wire.txt").read_text())) == [
        "paragraph", "paragraph", "section_heading", "paragraph", "block_quote",
    ]  # fmt: skip


def test_docx_with_heading_styles_quotes_a_link_and_an_image():
    result = convert.convert(sources.from_docx(io.BytesIO(make_docx())))
    assert [k for k, _ in result.blocks] == [
        "paragraph", "section_heading", "paragraph", "image", "paragraph",
        "block_quote", "pull_quote", "section_heading", "paragraph",
    ]  # fmt: skip
    assert result.blocks[3][1]["alt_text"] == "Pilots on the quay at dawn"
    assert '<a href="https://example.org/union">the union statement</a>' in result.blocks[4][1]
    assert result.blocks[5][1]["source"] == "Tomas Brenner, chair of the union"
    assert result.blocks[6][1]["speaker"] == "Ana Novak"


def test_slug_from_a_long_headline_is_cut_at_a_word():
    title = (
        "Harbour pilots in Marisk stop work at dawn over a new night rota that nobody agreed to"
    )
    slug = headline_slug(title)
    assert slug == "harbour-pilots-in-marisk-stop-work-at-dawn-over-a-new-night"
    assert len(slug) <= 60
    assert headline_slug("Short one") == "short-one"


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor@example.org", "pw-long-enough-1")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="World", slug="world")


def test_preview_first_then_a_draft_article(client, editor, section):
    author = AuthorFactory(name="Ilona Varga")
    client.force_login(editor)
    url = f"/admin/story-import/{section.pk}/"
    story_html = (SAMPLES / "google_docs.html").read_text()
    form = {
        "title": "Pilots strike over night rota",
        "author": author.pk,
        "story": "x",
        "story_html": story_html,
    }
    preview = client.post(url, {**form, "preview": "1"})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'data-block-type="section_heading"' in html
    assert "Section heading</strong> — A rota nobody agreed" in html
    assert not ArticlePage.objects.filter(title="Pilots strike over night rota").exists()

    # Confirming sends back what the preview showed (the cleaned HTML).
    clean = sources.from_html(story_html)
    created = client.post(
        url, {**form, "story": "", "story_html": "", "clean_html": clean, "confirm": "1"}
    )
    article = ArticlePage.objects.get(title="Pilots strike over night rota")
    assert created.status_code == 302
    assert created["Location"] == f"/admin/pages/{article.pk}/edit/"
    assert not article.live
    assert [b.block_type for b in article.body] == [
        "paragraph", "section_heading", "paragraph", "block_quote", "section_heading", "paragraph",
    ]  # fmt: skip
    assert article.standfirst.startswith("MARISK, 3 December")
    assert [b.author.name for b in article.bylines.all()] == ["Ilona Varga"]
    assert article.slug == "pilots-strike-over-night-rota"
    assert client.get(created["Location"]).status_code == 200


def test_docx_upload_saves_its_image_with_alt_text(client, editor, section):
    client.force_login(editor)
    upload = SimpleUploadedFile("story.docx", make_docx())
    response = client.post(
        f"/admin/story-import/{section.pk}/",
        {"title": "From Word", "docx": upload, "confirm": "1"},
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(title="From Word")
    image_block = next(b for b in article.body if b.block_type == "image")
    image = get_image_model().objects.get(pk=image_block.value["image"].pk)
    assert image.description == "Pilots on the quay at dawn"
    assert image_block.value.alt == "Pilots on the quay at dawn"


def test_an_article_body_is_replaced_in_a_new_draft_only_after_confirming(client, editor, section):
    article = ArticlePageFactory(parent=section, title="Live story")
    client.force_login(editor)
    url = f"/admin/story-import/{article.pk}/"
    text = (SAMPLES / "wire.txt").read_text()
    client.post(url, {"story": text, "preview": "1"})
    article.refresh_from_db()
    assert [b.block_type for b in article.body] == ["paragraph"]
    client.post(url, {"clean_html": sources.from_text(text), "confirm": "1"})
    article.refresh_from_db()
    assert [b.block_type for b in article.body] == ["paragraph"]  # live page unchanged
    draft = article.get_latest_revision_as_object()
    assert [b.block_type for b in draft.body][:3] == ["paragraph", "paragraph", "section_heading"]


def test_bad_input_is_refused_and_changes_nothing(client, editor, section):
    client.force_login(editor)
    url = f"/admin/story-import/{section.pk}/"
    empty = client.post(url, {"title": "Nothing", "preview": "1"})
    assert empty.status_code == 400
    assert b"Paste a story or choose a .docx file." in empty.content
    not_docx = client.post(
        url, {"docx": SimpleUploadedFile("story.pdf", b"%PDF-1.4"), "confirm": "1"}
    )
    assert not_docx.status_code == 400
    broken = client.post(
        url, {"docx": SimpleUploadedFile("story.docx", b"not a zip"), "confirm": "1"}
    )
    assert broken.status_code == 400
    assert b"could not be read" in broken.content
    assert not ArticlePage.objects.exists()


def test_only_staff_who_may_add_articles_can_import(client, section):
    reader = User.objects.create_user("reader@example.org", "pw-long-enough-1")
    client.force_login(reader)
    response = client.post(f"/admin/story-import/{section.pk}/", {"story": "Hi", "confirm": "1"})
    assert response.status_code in (302, 403)
    assert not ArticlePage.objects.exists()
