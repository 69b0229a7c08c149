"""Stripe's webhook signature scheme: ``t=<unix time>,v1=<hex HMAC-SHA256>``
over ``"<t>.<raw body>"`` with the endpoint's signing secret."""

import hashlib
import hmac
import time


def sign_payload(payload: str, secret: str, timestamp: int | None = None) -> str:
    """The ``Stripe-Signature`` header Stripe would send with ``payload``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"
