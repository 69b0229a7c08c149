"""Gift memberships: a reader pays once (Checkout ``mode=payment``) for 1, 3,
6 or 12 months of a tier for someone else. docs/memberships.md has the story.

- ``models``: :class:`GiftMembership` and its queries;
- ``forms``, ``checkout``: the purchase form and its Checkout Session;
- ``records``: the webhooks' side (paid → recorded, refunded → cancelled);
- ``delivery``, ``emails``: the claim email, on the day, and its reminder;
- ``claiming``: a claim becomes a Stripe subscription (a trial that ends on
  the prepaid date) or moves a paying member's next charge;
- ``views``, ``reports``: the pages.
"""
