"""The JSON log line: written field by field for speed, exactly as the JSON
encoder would write it; and the request summary's record, made from a
per-process template, is the record ``logger.info`` would make."""

import json
import logging
import math
import sys

import pytest

from newsroom import request_id
from newsroom.logformat import JsonFormatter, value_json

ODD_VALUES = [
    "plain",
    'quote " backslash \\ newline \n tab \t nul \x00',
    "ünïcödé — ✓ 🚀",
    0,
    -17,
    2**70,
    0.4,
    1e-7,
    1e300,
    math.nan,
    math.inf,
    True,
    None,
    [1, "two", None],
    {"nested": {"a": 1.5}},
    object,
]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_each_value_is_written_as_the_encoder_writes_it(value):
    expected = json.dumps(value, ensure_ascii=False, default=str)
    assert value_json(value) == expected


def test_a_line_is_the_encoders_line():
    record = logging.makeLogRecord(
        {
            "name": "newsroom.request",
            "levelno": logging.INFO,
            "levelname": "INFO",
            "msg": "%s %s %s",
            "args": ("GET", '/a "quoted" päth/', 200),
            "created": 1764756000.0421,
            "method": "GET",
            "path": '/a "quoted" päth/',
            "status": 200,
            "duration_ms": 0.4,
            "request_id": "trace-0123456789",
        }
    )
    formatter = JsonFormatter()
    line = formatter.format(record)
    entry = json.loads(line)
    assert list(entry) == [
        "time", "level", "logger", "request_id", "message",
        "method", "path", "status", "duration_ms",
    ]  # fmt: skip
    assert entry["time"].endswith(",042")
    assert line == json.dumps(entry, ensure_ascii=False)
    assert formatter.format(record) == line  # the cached parts give the same line


def test_exceptions_are_written_too():
    try:
        raise ValueError('bad "thing"')
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", 40, "f.py", 1, "failed", (), sys.exc_info()
        )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["request_id"] == "-"
    assert 'ValueError: bad "thing"' in entry["exc_info"]


def test_the_request_summary_is_the_record_logger_info_would_make():
    made = request_id.access_records.record("GET", "/world/", 200, 1.5, "trace-0123456789")
    usual = request_id.access_log.makeRecord(
        "newsroom.request", logging.INFO, "x.py", 1, "%s %s %s", ("GET", "/world/", 200),
        None, "f", {"method": "GET", "path": "/world/", "status": 200, "duration_ms": 1.5},
    )  # fmt: skip
    usual.request_id = "trace-0123456789"
    assert list(made.__dict__) == list(usual.__dict__)
    same = {"pathname", "filename", "module", "lineno", "funcName", "created", "msecs",
            "relativeCreated"}  # fmt: skip
    for name, value in usual.__dict__.items():
        if name not in same:
            assert made.__dict__[name] == value, name
    assert abs(made.created - usual.created) < 5
    assert abs(made.relativeCreated - usual.relativeCreated) < 5000
    assert made.getMessage() == "GET /world/ 200"


@pytest.mark.django_db
def test_a_request_logs_its_summary_without_looking_up_the_caller(client, monkeypatch, caplog):
    def no_stack_walk(*args, **kwargs):
        raise AssertionError("the request summary looked up its caller in the stack")

    monkeypatch.setattr(logging.Logger, "findCaller", no_stack_walk)
    with caplog.at_level(logging.INFO, logger="newsroom.request"):
        assert client.get("/healthz").status_code == 200
    (summary,) = [r for r in caplog.records if r.name == "newsroom.request"]
    assert (summary.method, summary.path, summary.status) == ("GET", "/healthz", 200)
    assert isinstance(summary.duration_ms, float)
