"""Documents are served only through Wagtail's document view, which applies
collection privacy first (local files streamed by Django; on S3 a redirect to
a short-lived signed URL, newsroom/storage.py). The Caddyfile serves no
document straight from MEDIA_ROOT.

This wraps Wagtail's view to say how the answer may be cached: a document in
a collection with view restrictions (sign-in, groups, password), and any
redirect to a signed URL, is ``private, no-store``, so no CDN or shared cache
keeps a copy for the next reader. Included at /documents/ in place of
``wagtail.documents.urls``, with the same URL names.
"""

from django.http import HttpRequest, HttpResponseBase
from django.urls import path
from django.utils.cache import patch_vary_headers

from wagtail.documents import get_document_model
from wagtail.documents.views import serve as wagtail_serve

PRIVATE = "private, no-store"


def is_restricted(document_id: int) -> bool:
    document = get_document_model().objects.select_related("collection").filter(pk=document_id)
    document = document.first()
    return document is not None and document.collection.get_view_restrictions().exists()


def serve(request: HttpRequest, document_id: int, document_filename: str) -> HttpResponseBase:
    response = wagtail_serve.serve(request, document_id, document_filename)
    if 300 <= response.status_code < 400 or is_restricted(document_id):
        response["Cache-Control"] = PRIVATE
        patch_vary_headers(response, ["Cookie"])
    return response


urlpatterns = [
    path("<int:document_id>/<path:document_filename>", serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        wagtail_serve.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
