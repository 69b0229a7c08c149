"""Stored join pages show tiers, prices, floors and the join page's words:
a change to any of them purges them (``membership.views.join.JOIN_SCOPE``)."""

from django.db.models.signals import post_delete, post_save

from articles.cache.generations import purge_now_and_after_commit
from membership.models import Currency, JoinPageSettings, Tier, TierPrice

JOIN_SCOPE = "membership-join"


def purge_join_pages(**kwargs) -> None:
    purge_now_and_after_commit({JOIN_SCOPE})


def connect_signals() -> None:
    for model in (Tier, TierPrice, Currency, JoinPageSettings):
        for signal in (post_save, post_delete):
            signal.connect(
                purge_join_pages, sender=model, dispatch_uid=f"join-purge-{model.__name__}"
            )
