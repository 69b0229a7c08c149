"""Storage, ids, errors and form decoding for the fake Stripe API."""

import contextlib
import copy
import fcntl
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

Obj = dict[str, Any]


class StripeError(Exception):
    """An API error, rendered as Stripe's error JSON."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"error": {"type": type, "message": message, "code": code, "param": param}}


def missing(kind: str, object_id: str) -> StripeError:
    return StripeError(
        f"No such {kind}: '{object_id}'", status=404, code="resource_missing", param="id"
    )


def decode_form(body: str) -> Obj:
    """Stripe's form encoding (``a[b][0][c]=1``) back into nested dicts/lists."""
    root: Obj = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+", key)
        node: Any = root
        for part, following in zip(parts, [*parts[1:], None], strict=True):
            if following is None:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _lists(root)


def _lists(node: Any) -> Any:
    """``{"0": a, "1": b}`` becomes ``[a, b]``, recursively."""
    if isinstance(node, dict):
        node = {k: _lists(v) for k, v in node.items()}
        if node and all(k.isdigit() for k in node):
            return [node[k] for k in sorted(node, key=int)]
    return node


def as_int(value: Any, param: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise StripeError(f"Invalid integer: {value}", param=param) from None


def as_bool(value: Any) -> bool:
    return str(value).lower() == "true"


class Store:
    """Objects by kind and id; optionally persisted to a JSON file so a
    restarting process (runserver's autoreload) keeps its demo payments."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else None
        self.clock = time.time  # the real time (tests may set a fixed one)
        self.ahead = 0  # seconds the subscription being changed is ahead of it
        self._lock = threading.RLock()
        self.data: Obj = self._empty()

    @staticmethod
    def _empty() -> Obj:
        return {"objects": {}, "idempotency": {}, "events": []}

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Serialise access between threads and (with a file) processes."""
        with self._lock:
            if self.path is None:
                yield
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path.with_suffix(".lock"), "w") as lock_file:
                fcntl.flock(lock_file, fcntl.LOCK_EX)
                try:
                    self.data = (
                        json.loads(self.path.read_text()) if self.path.exists() else self._empty()
                    )
                    yield
                    tmp = self.path.with_suffix(".tmp")
                    tmp.write_text(json.dumps(self.data))
                    os.replace(tmp, self.path)
                finally:
                    fcntl.flock(lock_file, fcntl.LOCK_UN)

    def now(self) -> int:
        return int(self.clock()) + self.ahead

    @contextlib.contextmanager
    def at(self, sub: Obj) -> Iterator[None]:
        """Run on ``sub``'s own simulated clock (like a Stripe test clock):
        a simulated renewal moves that subscription, and what it creates
        (invoice, charge, events), ahead in time; nothing else."""
        self.ahead = sub.get("_clock", 0)
        try:
            yield
        finally:
            self.ahead = 0

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{secrets.token_hex(12)}"

    def put(self, kind: str, obj: Obj) -> Obj:
        self.data["objects"].setdefault(kind, {})[obj["id"]] = obj
        return obj

    def get(self, kind: str, object_id: str, label: str | None = None) -> Obj:
        try:
            return self.data["objects"].get(kind, {})[object_id]
        except KeyError:
            raise missing(label or kind, object_id) from None

    def find(self, kind: str) -> list[Obj]:
        return list(self.data["objects"].get(kind, {}).values())

    def snapshot(self, obj: Obj) -> Obj:
        return copy.deepcopy({k: v for k, v in obj.items() if not k.startswith("_")})
