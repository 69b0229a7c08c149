"""The resilience tests drive the membership flows with the membership
fixtures (the fake Stripe behind the real SDK, synced tiers, a reader)."""

from tests.membership.conftest import (  # noqa: F401 (fixtures, found by name)
    deliver,
    fake_stripe,
    reader,
    tiers,
)
