from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from membership import webhooks


@csrf_exempt  # authenticity is Stripe's HMAC signature over the raw body
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    outcome = webhooks.receive(request.body, request.headers.get("Stripe-Signature"))
    return HttpResponse(outcome.message, status=outcome.status, content_type="text/plain")
