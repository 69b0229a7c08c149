"""Reader pages: the lists, sign-up, confirmation, unsubscribe and the
manage page reached from every email (signed tokens, no sign-in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from membership.models import User
from membership.newsletters import consent, offer, preferences, tokens
from membership.newsletters.audience import can_receive
from membership.newsletters.forms import SignupForm, offered
from membership.newsletters.models import Newsletter, Subscriber, Subscription, normalize

BAD_LINK = "membership/newsletters/bad_link.html"


def _bad_link(request: HttpRequest, error: tokens.BadToken) -> HttpResponse:
    return render(request, BAD_LINK, {"expired": error.expired}, status=400)


def _signup_form(request: HttpRequest, data=None, initial=None) -> SignupForm:
    user = request.user if request.user.is_authenticated else None
    initial = {"email": user.email if user else "", **(initial or {})}
    return SignupForm(data, user=user, initial=initial)


@never_cache
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = _signup_form(request, initial={"source": request.path})
    return render(request, "membership/newsletters/index.html", {"form": form})


@never_cache
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    newsletter = get_object_or_404(Newsletter.objects.active(), slug=slug)
    form = _signup_form(request, initial={"newsletters": [newsletter.pk], "source": request.path})
    recent = newsletter.issues.filter(status="sent").order_by("-sent_at")[:5]
    user = request.user if request.user.is_authenticated else None
    context = {
        "newsletter": newsletter,
        "form": form,
        "recent": recent,
        "can_join": can_receive(newsletter, user),
    }
    return render(request, "membership/newsletters/detail.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """The footer and article forms GET here with the address typed in (cached
    pages carry no CSRF token); the POST from this page subscribes."""
    if request.method == "GET":
        initial = {
            "email": request.GET.get("email", "")[:254],
            "newsletters": [v for v in request.GET.getlist("newsletter")[:20] if v.isdigit()],
            "source": request.GET.get("source", "")[:500],
        }
        form = _signup_form(request, initial={k: v for k, v in initial.items() if v})
        return render(request, "membership/newsletters/subscribe.html", {"form": form})
    form = _signup_form(request, data=request.POST)
    if not form.is_valid():
        context = {"form": form}
        return render(request, "membership/newsletters/subscribe.html", context, status=400)
    chosen = list(form.cleaned_data["newsletters"])
    outcome = consent.request(
        form.cleaned_data["email"], chosen, form.cleaned_data["source"], request.user
    )
    request.session["newsletters_outcome"] = {
        "status": outcome,
        "names": [n.name for n in chosen],
    }
    return redirect("newsletters:thanks")


@never_cache
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    outcome = request.session.pop("newsletters_outcome", None)
    if not outcome:
        return redirect("newsletters:index")
    return render(request, "membership/newsletters/thanks.html", {"outcome": outcome})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (link scanners fetch links); only the POST confirms."""
    try:
        subscriber_id, newsletter_ids, source = tokens.read_confirm_token(token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    newsletters = list(Newsletter.objects.active().filter(pk__in=newsletter_ids))
    if subscriber is None or not newsletters:
        return _bad_link(request, tokens.BadToken())
    context = {"subscriber": subscriber, "newsletters": newsletters, "token": token}
    if request.method == "POST":
        context["confirmed"] = consent.confirm(subscriber, newsletter_ids, source)
        context["manage_token"] = tokens.manage_token(subscriber.pk)
    return render(request, "membership/newsletters/confirm.html", context)


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs with no cookie or token (security.md)
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The List-Unsubscribe URL. A POST (the mail client's one-click, or the
    button here) unsubscribes at once; a GET shows the button."""
    try:
        subscriber_id, newsletter_id = tokens.read_unsubscribe_token(token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    subscription = (
        Subscription.objects.select_related("newsletter", "subscriber")
        .filter(subscriber_id=subscriber_id, newsletter_id=newsletter_id)
        .first()
    )
    if subscription is None:
        return _bad_link(request, tokens.BadToken())
    done = False
    if request.method == "POST":
        method = "one-click" if "List-Unsubscribe" in request.POST else "unsubscribe page"
        subscription.unsubscribe(method)
        done = True
    context = {
        "subscription": subscription,
        "done": done or subscription.status == Subscription.Status.UNSUBSCRIBED,
        "token": token,
        "manage_token": tokens.manage_token(subscriber_id),
    }
    return render(request, "membership/newsletters/unsubscribe.html", context)


@csrf_exempt  # posted from the welcome email: no cookie, no CSRF token (security.md)
@never_cache
@require_http_methods(["GET", "POST"])
def welcome(request: HttpRequest, token: str) -> HttpResponse:
    """The welcome email's offer: a GET shows the lists ticked and a button
    (link scanners fetch links); a POST of the ticked lists subscribes them.
    The signed token is the authority: it names the account and the address
    it was sent to, so no confirmation email follows."""
    try:
        user_id, email, newsletter_ids = tokens.read_offer_token(token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or normalize(user.email) != email:
        return _bad_link(request, tokens.BadToken())
    newsletters = offer.still_offered(user, newsletter_ids)
    context = {"email": email, "newsletters": newsletters, "token": token}
    if request.method == "POST":
        wanted = set(request.POST.getlist("newsletters"))
        chosen = [n for n in newsletters if str(n.pk) in wanted]
        if not chosen:
            context["error"] = "Choose at least one newsletter."
            return render(request, "membership/newsletters/welcome.html", context, status=400)
        context["subscribed"] = offer.accept(user, chosen)
        context["manage_token"] = tokens.manage_token(consent.subscriber_for(user.email, user).pk)
    return render(request, "membership/newsletters/welcome.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """Every list for the address in the token, without signing in."""
    try:
        subscriber = Subscriber.objects.filter(pk=tokens.read_manage_token(token)).first()
    except tokens.BadToken as error:
        return _bad_link(request, error)
    if subscriber is None:
        return _bad_link(request, tokens.BadToken())
    form = preferences.manage_form(subscriber, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        preferences.apply(subscriber, form, Subscription.Method.MANAGE_LINK, request.path[:40])
        messages.success(request, "Your newsletter choices are saved.")
        return redirect("newsletters:manage", token=token)
    context = {"subscriber": subscriber, "form": form, "token": token}
    return render(request, "membership/newsletters/manage.html", context)


@never_cache
@login_required
@require_POST
def account_update(request: HttpRequest) -> HttpResponse:
    """The toggles on /account/: a verified address changes at once; an
    unverified one gets a confirmation email for the lists it ticked."""
    subscriber = consent.subscriber_for(request.user.email, request.user)
    form = preferences.manage_form(subscriber, request.POST, user=request.user)
    if not form.is_valid():
        return redirect("account:index")
    if consent.has_verified_address(request.user, subscriber.email) and not subscriber.suppressed:
        preferences.apply(subscriber, form, Subscription.Method.ACCOUNT, reverse("account:index"))
        messages.success(request, "Your newsletter choices are saved.")
    else:
        wanted = [n for n in form.newsletters if n.pk in form.chosen()]
        consent.send_confirmation(subscriber, wanted, reverse("account:index"))
        messages.info(request, f"We sent a confirmation link to {subscriber.email}.")
    return redirect("account:index")


@require_POST
@login_required
def reconfirm(request: HttpRequest) -> HttpResponse:
    """A suppressed address (bounce, complaint): send a confirmation to lift it."""
    subscriber = consent.subscriber_for(request.user.email, request.user)
    lists = [n for n in offered(request.user) if n.pk in preferences.subscribed_ids(subscriber)]
    consent.send_confirmation(subscriber, lists or offered(request.user)[:1], "/account/")
    messages.info(request, f"We sent a confirmation link to {subscriber.email}.")
    return redirect("account:index")
