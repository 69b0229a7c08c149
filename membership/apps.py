from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = "Membership"

    def ready(self) -> None:
        # App loading: these modules use the models, importable only once apps are ready.
        from membership import privacy  # noqa: F401  (connects the account data hooks)

        # App loading: registers the deploy check and the account pre-hijacking guard.
        from membership.accounts import checks, ownership  # noqa: F401

        # App loading: the appeal cache receivers connect here, once (dispatch uids).
        from membership.appeals import selection

        # App loading: stored join pages are purged when tiers, prices or currencies change.
        from membership.currency import signals as currency_signals

        # App loading: anymail's inbound (unsubscribe by email) and tracking (bounces and
        # complaints) signal receivers.
        from membership.newsletters import inbound, tracking  # noqa: F401

        # App loading: newsletters' export/deletion hooks and bounce receivers connect on import.
        from membership.newsletters import privacy as newsletter_privacy  # noqa: F401

        selection.connect_signals()
        currency_signals.connect_signals()
