"""A correction in one step, from the article's edit screen ("Add a
correction", ``/admin/articles/<page id>/correction/``): the editor writes it,
and it is dated now and published on the live article at once.

The correction goes onto the live version (a new revision, published), so
unpublished edits waiting in a draft are not published with it; the draft,
if there is one, gets the same correction, so publishing it later keeps it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from articles.models import ArticleCorrection, ArticlePage

NOT_LIVE = "Only a published article takes corrections: edit the draft instead."


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind", choices=ArticleCorrection.Kind.choices, initial="correction"
    )
    text = forms.CharField(
        label="Correction",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="As readers will see it at the end of the article, e.g. “An earlier "
        "version of this article misspelt the union chair's name.”",
    )


def publish_correction(article: ArticlePage, user, kind: str, text: str) -> ArticleCorrection:
    """Add the correction to the live article, dated now, and publish it."""
    draft = article.get_latest_revision() if article.has_unpublished_changes else None
    live = article.live_revision.as_object() if article.live_revision else article
    live.corrections.add(ArticleCorrection(date=timezone.now(), kind=kind, text=text))
    # What is published was valid when it was published; only the correction
    # (checked by the form) is new, so rules added since don't block it.
    live.save_revision(user=user, log_action=True, clean=False).publish(user=user)
    correction = ArticleCorrection.objects.filter(page=article).latest("pk")
    if draft is not None:
        pending = draft.as_object()
        pending.corrections.add(correction)
        pending.save_revision(user=user, log_action=True, clean=False)
    return correction


@require_http_methods(["GET", "POST"])
def add_correction(request: HttpRequest, page_id: int) -> HttpResponse:
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    form = CorrectionForm(request.POST or None)
    if not article.live:
        form.add_error(None, NOT_LIVE)
    elif request.method == "POST" and form.is_valid():
        publish_correction(
            article, request.user, form.cleaned_data["kind"], form.cleaned_data["text"]
        )
        messages.success(request, f"The correction is published on “{article.title}”.")
        return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    status = 400 if form.errors else 200
    context = {"form": form, "page": article}
    return render(request, "articles/admin/add_correction.html", context, status=status)
