"""The fast posting screen in the Wagtail admin: one text box and "Post",
the page's newest entries under it, each with Edit and Delete. Anyone who
may edit the live page may use it. Posting runs at most 10 queries
(``tests/articles/live/test_admin.py``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.live import changes, entries
from articles.live.forms import EntryForm, QuickEntryForm
from articles.live.models import LiveBlogPage, LiveEntry

RECENT = 30


def _editable_page(request: HttpRequest, page_id: int) -> LiveBlogPage:
    page = get_object_or_404(LiveBlogPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def post_screen(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _editable_page(request, page_id)
    if request.method == "POST":
        form = QuickEntryForm(request.POST)
        if form.is_valid():
            entry = entries.post_entry(
                page,
                request.user,
                form.cleaned_data["text"],
                title=form.cleaned_data["title"],
                is_key_event=form.cleaned_data["is_key_event"],
                authors=form.cleaned_data["authors"],
            )
            messages.success(request, f"Posted at {entry.posted_at:%H:%M}.")
            return redirect("live_entries:post", page_id=page.pk)
        status = 400
    else:
        form = QuickEntryForm()
        status = 200
    recent = page.entries.order_by("-posted_at", "-id")[:RECENT]
    context = {"page": page, "form": form, "recent": recent, "total": page.entries.count()}
    return TemplateResponse(request, "articles/live/admin/post.html", context, status=status)


def edit_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(LiveEntry.objects.select_related("page"), pk=entry_id)
    page = _editable_page(request, entry.page_id)
    form = EntryForm(request.POST or None, instance=entry, for_user=request.user)
    if request.method == "POST" and form.is_valid():
        with changes.acting_as(request.user), transaction.atomic():
            form.save()
        messages.success(request, "Entry updated.")
        return redirect("live_entries:post", page_id=page.pk)
    context = {"page": page, "entry": entry, "form": form, "history": entry.changes.all()[:20]}
    return TemplateResponse(
        request,
        "articles/live/admin/edit.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def delete_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(LiveEntry, pk=entry_id)
    page = _editable_page(request, entry.page_id)
    if request.method == "POST":
        entries.delete_entry(entry, request.user)
        messages.success(request, "Entry deleted (the change is recorded).")
        return redirect("live_entries:post", page_id=page.pk)
    context = {
        "page": page,
        "entry": entry,
        "cancel": reverse("live_entries:post", args=[page.pk]),
    }
    return TemplateResponse(request, "articles/live/admin/delete.html", context)
