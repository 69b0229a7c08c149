"""Mirror Stripe's state locally. Called by webhook handlers (``membership.handlers``),
the billing views and the reconcile command, always inside a transaction; every
function is idempotent and re-reads Stripe, so the order events arrive in does
not matter.

- ``ignore``: :class:`Ignore`, "not ours or nothing to do";
- ``timestamps``: Stripe's Unix times as aware datetimes;
- ``notices``: an email sent once per key, after commit;
- ``attribution``: the article and appeal that converted a reader;
- ``subscriptions``: a Stripe subscription → a :class:`Membership`;
- ``gifts``: a paid one-time Checkout Session → a :class:`Contribution`.
"""
