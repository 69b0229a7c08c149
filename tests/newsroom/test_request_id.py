"""Every request gets an id: echoed in the response and in each of its log lines."""

import copy
import io
import json
import logging
import logging.config

from django.conf import settings

import pytest

from newsroom.request_id import incoming_id


def test_an_id_is_generated_and_echoed(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_a_sane_id_from_the_proxy_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "proxy-4f1c2a9e.77"})
    assert response["X-Request-ID"] == "proxy-4f1c2a9e.77"


@pytest.mark.parametrize(
    "hostile",
    [
        "",
        "short",
        "x" * 129,
        "abc def ghi jkl",
        "id\nInjected: header",
        "<script>alert(1)</script>",
    ],
)
def test_an_unsafe_id_from_outside_is_replaced(hostile):
    replaced = incoming_id(hostile)
    assert replaced != hostile
    assert len(replaced) == 32
    assert replaced.isalnum()


@pytest.fixture
def json_log():
    """Route logging through the project's JSON formatter into a buffer."""
    stream = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"]["formatter"] = "json"
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


@pytest.mark.django_db
def test_every_log_line_of_a_request_carries_its_id(client, json_log):
    response = client.get("/does-not-exist-at-all/", headers={"X-Request-ID": "trace-0123456789"})
    assert response.status_code == 404
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    # Django's "Not Found" warning and our one-line request summary.
    assert {line["logger"] for line in lines} >= {"django.request", "newsroom.request"}
    assert {line["request_id"] for line in lines} == {"trace-0123456789"}, lines
    summary = next(line for line in lines if line["logger"] == "newsroom.request")
    assert summary["status"] == 404
    assert summary["path"] == "/does-not-exist-at-all/"
    assert summary["level"] == "INFO"
    assert isinstance(summary["duration_ms"], float)


def test_log_lines_outside_requests_say_so(json_log):
    logging.getLogger("newsroom.test").warning("outside any request")
    line = json.loads(json_log.getvalue().splitlines()[-1])
    assert line["request_id"] == "-"
    assert line["message"] == "outside any request"
