"""Local currencies: which ones the newsroom sells in, which one a reader
sees (``membership.currency.choice``), per-currency floors and the
operator's exchange rates (``membership.models.currencies``)."""
