from membership.models.events import SentNotice, StripeEvent
from membership.models.members import Contribution, Member, Membership
from membership.models.pages import JoinPageSettings
from membership.models.tiers import Tier, format_amount
from membership.models.users import User, UserManager, normalize_email_address

__all__ = [
    "Contribution",
    "JoinPageSettings",
    "Member",
    "Membership",
    "SentNotice",
    "StripeEvent",
    "Tier",
    "User",
    "UserManager",
    "format_amount",
    "normalize_email_address",
]
