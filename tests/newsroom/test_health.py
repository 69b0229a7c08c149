from django.db import OperationalError, connections

import pytest

from newsroom import health


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: pytest-django makes any database access raise here.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def fresh_readiness(monkeypatch):
    monkeypatch.setattr(health, "_migrations_known_applied", False)


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_readiness")
def test_readyz_reports_ready_when_database_is_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["migrations"] == "applied"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_readiness")
def test_readyz_is_503_while_migrations_are_pending(client, monkeypatch):
    monkeypatch.setattr(health, "pending_migrations", lambda: ["articles.0999_future"])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "pending_migrations": 1,
        "cache": "local",
        "rate_limits": "local",
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_readiness")
def test_readyz_is_503_when_database_is_unreachable(client, monkeypatch):
    connection = connections["default"]

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_pending_migrations_is_empty_on_a_migrated_database():
    assert health.pending_migrations() == []


def test_health_endpoints_refuse_writes(client):
    assert client.post("/healthz").status_code == 405
