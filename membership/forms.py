"""Reader input for joining and giving: every amount is checked here, before
anything reaches Stripe."""

import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator

from wagtail.models import Page

from membership.currency.choice import default as default_currency
from membership.currency.choice import enabled as enabled_currencies
from membership.ids import parse_id
from membership.models import Currency, Tier, format_amount

APPEAL = re.compile(r"^[\w-]{1,64}$")


def email_field(
    label: str = "Your email address",
    required: str = "Enter your email address.",
    autocomplete: str = "email",
) -> forms.EmailField:
    """A reader's email address: up to the 254 characters an address may
    have, with messages that say what to type."""
    return forms.EmailField(
        label=label,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": autocomplete}),
        error_messages={
            "required": required,
            "invalid": "Enter a valid email address, like name@example.org.",
        },
    )


def to_cents(value: Decimal) -> int:
    return int((value * 100).to_integral_value())


class AttributionField(forms.CharField):
    """A hidden attribution value. Even a NUL byte is left to the form's
    ``clean_*`` to drop: Django's CharField would refuse it, and the reader
    would get a 400 with no visible message for a field they never saw."""

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]


class AttributionMixin(forms.Form):
    """Where the reader came from. Never blocks a payment: bad values are dropped."""

    article = AttributionField()
    appeal = AttributionField()
    newsletter = AttributionField()  # a newsletter link's list and issue (ids)
    issue = AttributionField()

    def clean_article(self) -> int | None:
        page_id = parse_id(self.cleaned_data.get("article"))
        if page_id is None:
            return None
        return page_id if Page.objects.filter(pk=page_id).exists() else None

    def clean_appeal(self) -> str:
        value = (self.cleaned_data.get("appeal") or "").strip()
        return value if APPEAL.match(value) else ""

    def clean_newsletter(self) -> int | None:
        return parse_id(self.cleaned_data.get("newsletter"))

    def clean_issue(self) -> int | None:
        return parse_id(self.cleaned_data.get("issue"))

    def attribution(self) -> dict:
        return {
            "source_page_id": self.cleaned_data.get("article"),
            "appeal": self.cleaned_data.get("appeal") or "",
            "newsletter": self.cleaned_data.get("newsletter"),
            "newsletter_issue": self.cleaned_data.get("issue"),
        }


class AmountField(forms.DecimalField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Enter an amount in numbers, like 12 or 12.50.",
                "max_decimal_places": "Use at most two decimal places, like 12.50.",
                "max_digits": "That amount is too large.",
                "max_whole_digits": "That amount is too large.",
                "min_value": "Enter an amount above zero.",
            },
        )
        super().__init__(**kwargs)


def check_ceiling(cents: int, currency: str) -> None:
    if cents > settings.MEMBERSHIP_MAX_AMOUNT:
        ceiling = format_amount(settings.MEMBERSHIP_MAX_AMOUNT, currency)
        raise forms.ValidationError(
            f"The most we can accept online is {ceiling}. Please contact us for larger gifts."
        )


class CurrencyMixin(forms.Form):
    """The currency the reader pays in: the form's ``currency`` field when
    given (the join page's hidden field), else the one the page showed
    (``currency=`` of the constructor: the request's), else the default."""

    currency = forms.CharField(required=False, max_length=3, widget=forms.HiddenInput)

    def __init__(self, *args, currency: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fallback_currency = currency or default_currency()

    def clean_currency(self) -> str:
        code = (self.cleaned_data.get("currency") or "").strip().lower()
        if not code:
            return self.fallback_currency
        if code not in enabled_currencies():
            raise forms.ValidationError("That currency is not available; choose another.")
        return code


class JoinForm(CurrencyMixin, AttributionMixin):
    tier = forms.SlugField(required=False)
    interval = forms.ChoiceField(
        choices=[("month", "Monthly"), ("year", "Yearly")],
        error_messages={"invalid_choice": "Choose monthly or yearly."},
    )
    amount = AmountField(required=False, label="Your amount")
    cover_fees = forms.BooleanField(required=False)

    def clean_tier(self) -> Tier | None:
        slug = self.cleaned_data.get("tier")
        if not slug:
            return None
        tier = Tier.objects.active().filter(slug=slug).first()
        if tier is None:
            raise forms.ValidationError("That membership tier is not available.")
        return tier

    def clean(self) -> dict:
        data = super().clean()
        tier, interval, amount = data.get("tier"), data.get("interval"), data.get("amount")
        if self.errors:
            return data
        currency = data["currency"]
        if tier is not None and tier.amount(interval, currency) is None:
            raise forms.ValidationError(
                f"{tier.name} is not offered in {currency.upper()}; choose another currency."
            )
        if amount is None:
            if tier is None:
                raise forms.ValidationError("Choose a membership tier or enter your own amount.")
            data["cents"] = None
            return data
        cents = to_cents(amount)
        check_ceiling(cents, currency)
        floor = Currency.floors(currency)[interval]
        if tier is not None:
            floor = max(floor, tier.amount(interval, currency))
        if cents < floor:
            self.add_error(
                "amount",
                f"The minimum is {format_amount(floor, currency)} a {interval}"
                + (f" for {tier.name}." if tier else "."),
            )
            return data
        tier = tier or Tier.objects.for_custom_amount(interval, cents, currency)
        if tier is None:
            raise forms.ValidationError("Memberships are not open yet.")
        data["tier"], data["cents"] = tier, cents
        return data

    def choice(self) -> dict[str, str]:
        """The reader's (valid) choice as query parameters, to carry it
        through signing in: the same fields, so the confirm page re-checks it."""
        amount = self.cleaned_data.get("amount")
        values = {
            "tier": str(self.data.get("tier") or "").strip(),
            "interval": self.cleaned_data["interval"],
            # as given: without one the next step chooses it again, as this one did
            "currency": self.cleaned_data["currency"] if self.data.get("currency") else "",
            "amount": str(amount) if amount is not None else "",
            "article": str(self.cleaned_data.get("article") or ""),
            "appeal": self.cleaned_data.get("appeal") or "",
            "newsletter": str(self.cleaned_data.get("newsletter") or ""),
            "issue": str(self.cleaned_data.get("issue") or ""),
        }
        return {key: value for key, value in values.items() if value}


CHOICE_FIELDS = (
    "tier", "interval", "currency", "amount", "article", "appeal", "newsletter", "issue"
)  # fmt: skip


class JoinEmailForm(forms.Form):
    """The one thing a reader without a session gives us to join."""

    email = email_field()


class GiftForm(CurrencyMixin, AttributionMixin):
    amount = AmountField(label="Amount")
    cover_fees = forms.BooleanField(required=False)

    def clean(self) -> dict:
        data = super().clean()
        if "amount" not in data or "currency" not in data:
            return data
        cents, currency = to_cents(data["amount"]), data["currency"]
        floor = Currency.floors(currency)["gift"]
        try:
            check_ceiling(cents, currency)
        except forms.ValidationError as error:
            self.add_error("amount", error)
            return data
        if cents < floor:
            self.add_error("amount", f"The minimum gift is {format_amount(floor, currency)}.")
            return data
        data["amount"] = cents
        return data
