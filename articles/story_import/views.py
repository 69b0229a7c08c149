"""The admin page "Paste or import a story" (``/admin/story-import/<page id>/``).

From a section it creates a draft article; from an article it replaces the
body of a new draft revision. Either way the editor first sees what the story
became (block by block) and confirms; nothing is saved before that."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_http_methods

from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser
from wagtail.models import Page

from articles import alt_text
from articles.models import ArticleByline, ArticlePage, Author, SectionPage
from articles.slugs import headline_slug
from articles.story_import import convert, sources, storage

MAX_DOCX_BYTES = 20 * 1024 * 1024
LABELS = {
    "paragraph": "Paragraph",
    "section_heading": "Section heading",
    "block_quote": "Block quote",
    "pull_quote": "Pull quote",
    "image": "Image",
}


class ImportForm(forms.Form):
    title = forms.CharField(label="Headline", max_length=255, required=False)
    standfirst = forms.CharField(
        label="Standfirst",
        required=False,
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Leave empty to use the story's first paragraph.",
    )
    author = forms.ModelChoiceField(
        label="Byline", queryset=Author.objects.order_by("name"), required=False
    )
    lead_image = forms.ModelChoiceField(
        label="Lead image",
        queryset=get_image_model().objects.all(),
        required=False,
        widget=AdminImageChooser(),
    )
    lead_image_alt = forms.CharField(
        label="Lead image alt text", max_length=250, required=False, help_text=alt_text.ALT_HELP
    )
    story = forms.CharField(
        label="Paste the story",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "data-story-import-paste": ""}),
        help_text="From a browser, Google Docs or Word (bold lines and headings become "
        "section headings, quotes with who said them become quotes), or plain text.",
    )
    story_html = forms.CharField(required=False, widget=forms.HiddenInput)
    docx = forms.FileField(label="Or upload a Word file (.docx)", required=False)
    clean_html = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_docx(self) -> Any:
        file = self.cleaned_data.get("docx")
        if file and (not file.name.lower().endswith(".docx") or file.size > MAX_DOCX_BYTES):
            raise forms.ValidationError("Upload a Word .docx file of at most 20 MB.")
        return file

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if alt_text.is_missing(data.get("lead_image"), data.get("lead_image_alt", "")):
            self.add_error("lead_image_alt", alt_text.MISSING)
        return data

    def story_as_html(self) -> str:
        data = self.cleaned_data
        if data.get("docx"):
            try:
                return sources.from_docx(data["docx"])
            except Exception as error:  # mammoth raises plain errors on broken files
                raise forms.ValidationError(
                    f"That file could not be read as .docx ({error})."
                ) from error
        if data.get("story_html", "").strip():
            return sources.from_html(data["story_html"])
        if data.get("story", "").strip():
            return sources.from_text(data["story"])
        if data.get("clean_html", "").strip():
            return sources.sanitise(data["clean_html"])
        raise forms.ValidationError("Paste a story or choose a .docx file.")


def headline_of(converted: convert.Converted, title: str) -> str:
    """A story that starts with a heading (a pasted page's h1) has its headline
    there: it leaves the body and becomes the title, unless one was typed."""
    first = converted.blocks[0] if converted.blocks else None
    if first and first[0] == "section_heading" and (not title or first[1]["heading"] == title):
        converted.blocks.pop(0)
        return first[1]["heading"]
    return title


def first_paragraph_text(converted: convert.Converted) -> str:
    for kind, value in converted.blocks:
        if kind == "paragraph":
            return Truncator(convert.BeautifulSoup(value, "html.parser").get_text()).chars(400)
    return ""


def preview_rows(converted: convert.Converted) -> list[dict[str, str]]:
    rows = []
    for kind, value in converted.blocks:
        if kind == "paragraph":
            text = convert.BeautifulSoup(value, "html.parser").get_text(" ")
        elif kind == "section_heading":
            text = value["heading"]
        elif kind == "pull_quote":
            text = f"“{value['quote']}” — {value['speaker']}"
        elif kind == "block_quote":
            quote = convert.BeautifulSoup(value["text"], "html.parser").get_text(" ")
            text = f"“{quote}”" + (f" — {value['source']}" if value["source"] else "")
        else:
            text = value["alt_text"] or "(no description: add alt text)"
            if not value["image"]:
                text += " · choose the image in the body"
        rows.append({"kind": kind, "label": LABELS[kind], "text": Truncator(text).chars(160)})
    return rows


@require_http_methods(["GET", "POST"])
def story_import(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, pk=page_id).specific
    permissions = page.permissions_for_user(request.user)
    if isinstance(page, SectionPage):
        if not permissions.can_add_subpage():
            raise PermissionDenied
    elif isinstance(page, ArticlePage):
        if not permissions.can_edit():
            raise PermissionDenied
    else:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "new_article": isinstance(page, SectionPage),
        "can_publish": isinstance(page, SectionPage) and permissions.can_publish_subpage(),
    }
    if request.method == "POST" and form.is_valid():
        try:
            clean_html = form.story_as_html()
        except forms.ValidationError as error:
            form.add_error(None, error)
        else:
            converted = convert.convert(clean_html)
            if isinstance(page, SectionPage):
                form.cleaned_data["title"] = headline_of(converted, form.cleaned_data["title"])
            if not converted.blocks:
                form.add_error(None, "Nothing in that story could be turned into blocks.")
            elif "confirm" in request.POST or "publish" in request.POST:
                return apply(request, page, form, converted)
            else:
                context["rows"] = preview_rows(converted)
                context["counts"] = converted.counts
                data = form.data.copy()
                data.update(
                    {
                        "clean_html": clean_html,
                        "story": "",
                        "story_html": "",
                        "title": form.cleaned_data["title"],
                    }
                )
                context["form"] = ImportForm(data)
                context["form"].is_valid()
    status = 400 if form.errors else 200
    return render(request, "articles/admin/story_import.html", context, status=status)


def apply(
    request: HttpRequest, page: Page, form: ImportForm, converted: convert.Converted
) -> HttpResponse:
    blocks = storage.with_saved_images(converted, request.user)
    data = form.cleaned_data
    if isinstance(page, SectionPage):
        title = data["title"] or "Untitled story"
        article = ArticlePage(
            title=title,
            lead_image=data["lead_image"],
            lead_image_alt=data["lead_image_alt"],
            slug=headline_slug(title),
            standfirst=data["standfirst"] or first_paragraph_text(converted) or title,
            body=blocks,
            owner=request.user,
            live=False,
        )
        page.add_child(instance=article)
        if data["author"]:
            ArticleByline.objects.create(page=article, author=data["author"], sort_order=0)
        revision = article.save_revision(user=request.user, log_action=True)
        if "publish" in request.POST and article.permissions_for_user(request.user).can_publish():
            revision.publish(user=request.user)
            messages.success(request, f"“{title}” is published.")
            return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
        messages.success(
            request, f"Draft “{title}” created from the story: check it, then publish."
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    article = page.get_latest_revision_as_object()
    article.body = blocks
    article.save_revision(user=request.user, log_action=True)
    messages.success(
        request, "The body was replaced by the imported story (a new draft revision)."
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
