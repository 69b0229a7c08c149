"""A small, stateful stand-in for the part of the Stripe API Newsroom uses.

Like Django's in-memory email backend, this is product code: the test suite
reaches it through the real ``stripe`` SDK, and ``make run`` uses it for "demo
payments" when no Stripe key is configured. Production settings refuse it.

It returns objects in the shapes of the pinned API version (period dates on
subscription items, an invoice's subscription under
``parent.subscription_details``), validates Checkout Sessions the way Stripe
does for the parameters we send, replays Idempotency-Keys, and can simulate
outages. Helper methods change state the way Stripe would after a customer acts
(pay, renew, cancel, refund, dispute) and return the events Stripe would send.

Nothing here imports ``stripe``: the gateway wraps :meth:`FakeStripe.handle`
in an SDK HTTP client, and :func:`sign_payload` computes Stripe's documented
signature scheme itself.
"""

from membership.fakestripe.api import FakeStripe
from membership.fakestripe.server import serve_http
from membership.fakestripe.signing import sign_payload

__all__ = ["FakeStripe", "serve_http", "sign_payload"]
