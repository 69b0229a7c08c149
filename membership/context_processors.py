from django.conf import settings
from django.http import HttpRequest


def payments(request: HttpRequest) -> dict[str, bool]:
    """``demo_payments``: label every page when the fake Stripe stands in."""
    return {"demo_payments": settings.STRIPE_DEMO_PAYMENTS}
