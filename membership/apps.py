from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = "Membership"

    def ready(self) -> None:
        # Imported here: these modules use the models, loaded only once apps are ready.
        from membership import privacy  # noqa: F401  (connects the account data hooks)
        from membership.accounts import (
            checks,  # noqa: F401  (registers the deploy check)
            ownership,  # noqa: F401  (account pre-hijacking)
        )
        from membership.appeals import selection
        from membership.newsletters import (
            privacy as newsletter_privacy,  # noqa: F401  (export and deletion)
        )
        from membership.newsletters import (
            tracking,  # noqa: F401  (bounces and complaints)
        )

        selection.connect_signals()
