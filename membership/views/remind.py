"""“Remind me later” from an appeal: an email address and the reader's
consent, kept only until the one reminder is sent (``membership.reminders``).

The appeal links here (reader pages are cached for everyone, so the form,
with its CSRF token, lives on this never-cached page)."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from membership import reminders
from membership.forms import AttributionMixin, email_field
from membership.models import normalize_email_address


class ReminderForm(AttributionMixin):
    email = email_field()
    consent = forms.BooleanField(
        label=reminders.CONSENT,
        error_messages={"required": "Tick the box to agree to the one reminder."},
    )

    def clean_email(self) -> str:
        return normalize_email_address(self.cleaned_data["email"])


@never_cache
@require_http_methods(["GET", "POST"])
def remind(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        form = ReminderForm(initial={k: request.GET.get(k, "") for k in ("appeal", "article")})
        return render(request, "membership/remind.html", {"form": form})
    form = ReminderForm(request.POST)
    if not form.is_valid():
        return render(request, "membership/remind.html", {"form": form}, status=400)
    now = timezone.now()
    appeal = form.cleaned_data.get("appeal") or ""
    reminders.remember(
        form.cleaned_data["email"],
        int(appeal) if appeal.isdigit() else None,
        form.cleaned_data.get("article") or 0,
        now,
    )
    context = {"form": form, "send_after": reminders.next_month(now)}
    return render(request, "membership/remind.html", context)
