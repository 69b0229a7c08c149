from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = "Membership"

    def ready(self) -> None:
        from membership.accounts import checks  # noqa: F401  (registers the deploy check)
