"""Documents in a private collection are reachable only through Wagtail's
document view, which checks the collection's privacy first, and its answer
is never stored by a shared cache (newsroom/documents.py; the Caddyfile
serves no document from MEDIA_ROOT, deploy/check-config.sh)."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from tests.membership.accounts.conftest import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

SECRET = b"Board minutes: the budget for next year."
Document = get_document_model()


def make_document(collection: Collection, title: str = "Board minutes"):
    document = Document(title=title, collection=collection)
    document.file.save("board-minutes.txt", ContentFile(SECRET), save=False)
    document.save()
    return document


def private_collection(restriction_type: str, **extra) -> Collection:
    collection = Collection.get_first_root_node().add_child(name=f"Private ({restriction_type})")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type, **extra
    )
    if restriction_type == CollectionViewRestriction.GROUPS:
        restriction.groups.set(Group.objects.filter(name="Board"))
    return collection


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def board():
    return Group.objects.create(name="Board")


def test_documents_are_linked_through_the_view_not_media():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    document = make_document(Collection.get_first_root_node())
    assert document.url == f"/documents/{document.pk}/{document.filename}"
    assert not document.url.startswith(settings.MEDIA_URL)
    # The stored file's own path is not a URL the site answers.
    assert document.file.url.startswith(f"{settings.MEDIA_URL}documents/")
    assert Client().get(document.file.url).status_code == 404


def test_a_private_document_needs_permission(client, board):
    document = make_document(private_collection(CollectionViewRestriction.GROUPS))
    response = client.get(document.url)
    assert response.status_code == 302  # to sign in
    assert SECRET not in body(response)

    make_reader("outsider@example.org")
    client.post("/accounts/login/", {"login": "outsider@example.org", "password": PASSWORD})
    response = client.get(document.url)
    assert response.status_code in (302, 403)
    assert SECRET not in body(response)


def test_a_private_document_served_is_never_stored_by_a_shared_cache(client, board):
    document = make_document(private_collection(CollectionViewRestriction.GROUPS))
    member = make_reader("treasurer@example.org")
    member.groups.add(board)
    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})

    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response) == SECRET
    assert response["Cache-Control"] == "private, no-store"
    assert "Cookie" in response["Vary"]


def test_a_password_protected_document_is_never_stored_by_a_shared_cache(client):
    document = make_document(
        private_collection(CollectionViewRestriction.PASSWORD, password="s3cret-word")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert SECRET not in body(response)  # the password form
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))

    restriction = CollectionViewRestriction.objects.get()
    client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": "s3cret-word", "return_url": document.url},
    )
    # An anonymous reader with a session: nothing else would mark this private.
    response = client.get(document.url)
    assert body(response) == SECRET
    assert response["Cache-Control"] == "private, no-store"


def test_a_public_document_is_served():
    document = make_document(Collection.get_first_root_node())
    response = Client().get(document.url)
    assert response.status_code == 200
    assert body(response) == SECRET
    assert "private" not in response.get("Cache-Control", "")
