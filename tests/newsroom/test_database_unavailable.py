"""A database outage: readers get a calm 503, /readyz says so, and the app recovers.

The real scenario needs a server to lose: on PostgreSQL the connection is
pointed at a closed loopback port, exactly what a stopped or restarting server
looks like to the app, then pointed back. On SQLite there is no server, so
that test is skipped; the 503 page itself is checked on every database by
making the connection fail.
"""

import socket

from django.db import OperationalError, connection

import pytest

from newsroom import health

pytestmark = pytest.mark.django_db


def closed_loopback_port() -> int:
    # Bind and release: nothing listens on it afterwards.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_friendly_503(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "back in a moment" in body.lower()
    assert "Traceback" not in body
    assert "OperationalError" not in body
    assert response["Content-Type"].startswith("text/html")


@pytest.fixture
def fresh_readiness(monkeypatch):
    monkeypatch.setattr(health, "_migrations_known_applied", False)


@pytest.fixture
def server_client(client):
    # Answer like the deployed site: exceptions become responses, not test errors.
    client.raise_request_exception = False
    return client


def test_reader_page_answers_503_when_the_connection_fails(server_client, home, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    assert_friendly_503(server_client.get("/"))


def test_other_errors_still_answer_a_plain_500(server_client, home, monkeypatch):
    from articles.models import HomePage

    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(HomePage, "serve", broken)
    response = server_client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "a bug" not in response.content.decode()


# Closing the connection needs real transactions; serialized_rollback puts the
# rows that migrations created (Wagtail's root page) back for later tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("fresh_readiness")
def test_postgresql_outage_and_recovery_without_restart(server_client, home):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs a database server to take away: run with DATABASE_URL=postgres://... "
            "(.ci/run does); SQLite has no server or port"
        )
    assert server_client.get("/").status_code == 200
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = closed_loopback_port()
    try:
        # A page an anonymous reader already fetched is still served from the
        # page cache, and one rendered from cached fragments alone (the home
        # page, under another URL) still renders; anything that has to query
        # the database gets the friendly 503.
        cached = server_client.get("/")
        assert cached.status_code == 200
        assert cached["X-Page-Cache"] == "hit"
        assert server_client.get("/?from=newsletter").status_code == 200
        assert_friendly_503(server_client.get("/search/?q=outage"))
        ready = server_client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["database"] == "unreachable"
        # The liveness check never needed the database.
        assert server_client.get("/healthz").status_code == 200
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    # The database is back: the same process serves again, no restart.
    recovered = server_client.get("/")
    assert recovered.status_code == 200
    assert server_client.get("/readyz").status_code == 200
