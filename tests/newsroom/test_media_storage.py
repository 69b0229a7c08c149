"""Media on S3 (MEDIA_STORAGE=s3): images public and long-cached, documents
private, reached only through a redirect to a URL signed for a minute, after
Wagtail's document view has checked the collection's privacy."""

from urllib.parse import parse_qs, urlsplit

from django.test import Client, override_settings

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from newsroom.storage import SIGNED_URL_SECONDS, MediaS3Storage

OPTIONS = {
    "bucket_name": "newsroom-media",
    "region_name": "eu-west-1",
    "custom_domain": "media.news.example.org",
    "access_key": "AKIAEXAMPLEEXAMPLE00",
    "secret_key": "not-a-real-secret",
    "querystring_auth": False,
    "file_overwrite": False,
    "default_acl": None,
    "object_parameters": {"CacheControl": "public, max-age=31536000"},
}


def test_images_have_plain_public_urls():
    storage = MediaS3Storage(**OPTIONS)
    assert storage.url("images/photo.fill-100x100.jpg") == (
        "https://media.news.example.org/images/photo.fill-100x100.jpg"
    )
    assert storage.get_object_parameters("original_images/photo.jpg") == {
        "CacheControl": "public, max-age=31536000"
    }


def test_documents_get_signed_urls_that_expire():
    storage = MediaS3Storage(**OPTIONS)
    url = urlsplit(storage.url("documents/board-minutes.pdf"))
    query = parse_qs(url.query)
    # The bucket itself, not the public (CDN) host, and signed.
    assert url.hostname != "media.news.example.org"
    assert "newsroom-media" in url.hostname + url.path
    assert url.path.endswith("/documents/board-minutes.pdf")
    assert query["X-Amz-Expires"] == [str(SIGNED_URL_SECONDS)]
    assert "X-Amz-Signature" in query
    assert SIGNED_URL_SECONDS <= 300
    # Stored so that nothing on the way keeps a copy.
    assert storage.get_object_parameters("documents/board-minutes.pdf")["CacheControl"] == (
        "private, no-store"
    )


@pytest.mark.django_db
def test_the_document_view_redirects_to_a_signed_url_never_cached():
    storage = {"BACKEND": "newsroom.storage.MediaS3Storage", "OPTIONS": OPTIONS}
    with override_settings(
        STORAGES={
            "default": storage,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
        },
        WAGTAILDOCS_SERVE_METHOD="redirect",
    ):
        # A row naming a stored object (nothing is uploaded by this test).
        document = get_document_model().objects.create(
            title="Minutes",
            file="documents/minutes.pdf",
            collection=Collection.get_first_root_node(),
        )
        response = Client().get(document.url)
    assert response.status_code == 302
    assert "X-Amz-Signature=" in response["Location"]
    assert response["Cache-Control"] == "private, no-store"
