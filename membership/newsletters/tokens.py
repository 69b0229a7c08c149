"""Signed tokens for links in emails: no account, no database lookup to forge.

* confirm: which address and which lists to confirm; expires (7 days).
* manage: an address's page of every list; no expiry (old emails keep working).
* unsubscribe: one address off one list (the List-Unsubscribe URL); no expiry.
* offer: the welcome email's lists for one member's account and address;
  expires (30 days).
"""

from django.core import signing

CONFIRM_MAX_AGE = 7 * 24 * 3600
_CONFIRM = "newsletters.confirm"
_MANAGE = "newsletters.manage"
_UNSUBSCRIBE = "newsletters.unsubscribe"
_OFFER = "newsletters.offer"
OFFER_MAX_AGE = 30 * 24 * 3600


class BadToken(Exception):
    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def confirm_token(subscriber_id: int, newsletter_ids: list[int], source: str = "") -> str:
    return signing.dumps(
        {"s": subscriber_id, "n": sorted(newsletter_ids), "p": source[:200]}, salt=_CONFIRM
    )


def _load(token: str, salt: str, max_age: int) -> dict:
    """The token's data; BadToken (saying whether it expired) when it is not ours."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadToken(expired=True) from error
    except signing.BadSignature as error:
        raise BadToken() from error


def read_confirm_token(token: str) -> tuple[int, list[int], str]:
    data = _load(token, _CONFIRM, CONFIRM_MAX_AGE)
    try:
        ids = [int(n) for n in data["n"]]
        return int(data["s"]), ids, str(data.get("p", ""))
    except (KeyError, TypeError, ValueError) as error:
        raise BadToken() from error


def offer_token(user_id: int, email: str, newsletter_ids: list[int]) -> str:
    return signing.dumps({"u": user_id, "e": email, "n": sorted(newsletter_ids)}, salt=_OFFER)


def read_offer_token(token: str) -> tuple[int, str, list[int]]:
    data = _load(token, _OFFER, OFFER_MAX_AGE)
    try:
        return int(data["u"]), str(data["e"]), [int(n) for n in data["n"]]
    except (KeyError, TypeError, ValueError) as error:
        raise BadToken() from error


def _sign(salt: str, value: str) -> str:
    return signing.Signer(salt=salt).sign(value)


def _unsign(salt: str, token: str) -> list[int]:
    try:
        value = signing.Signer(salt=salt).unsign(token)
        return [int(part) for part in value.split("-")]
    except (signing.BadSignature, ValueError) as error:
        raise BadToken() from error


def manage_token(subscriber_id: int) -> str:
    return _sign(_MANAGE, str(subscriber_id))


def read_manage_token(token: str) -> int:
    parts = _unsign(_MANAGE, token)
    if len(parts) != 1:
        raise BadToken()
    return parts[0]


def unsubscribe_token(subscriber_id: int, newsletter_id: int) -> str:
    return _sign(_UNSUBSCRIBE, f"{subscriber_id}-{newsletter_id}")


def read_unsubscribe_token(token: str) -> tuple[int, int]:
    parts = _unsign(_UNSUBSCRIBE, token)
    if len(parts) != 2:
        raise BadToken()
    return parts[0], parts[1]
