"""Authors in the admin (Snippets → Authors), and a "New author" tab in the
byline's chooser, so a new contributor is added without leaving the article."""

from django import forms
from django.utils.text import slugify

from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import Author
from articles.slugs import cap_slug


def unique_author_slug(name: str) -> str:
    base = cap_slug(slugify(name) or "author")
    slug, suffix = base, 1
    while Author.objects.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


class NewAuthorForm(forms.ModelForm):
    """Name and role; the address (slug) comes from the name."""

    class Meta:
        model = Author
        fields = ["name", "role"]

    def save(self, commit: bool = True) -> Author:
        author = super().save(commit=False)
        author.slug = unique_author_slug(author.name)
        if commit:
            author.save()
        return author


class AuthorChooserViewSet(SnippetChooserViewSet):
    creation_form_class = NewAuthorForm
    create_action_label = "Add this author"
    creation_tab_label = "New author"


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    list_display = ["name", "role"]
    search_fields = ["name"]
    chooser_viewset_class = AuthorChooserViewSet
