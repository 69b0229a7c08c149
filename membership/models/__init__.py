from membership.models.appeals import Appeal, AppealStat, Audience, Placement, Target
from membership.models.contributions import Contribution
from membership.models.events import SentNotice, StripeEvent
from membership.models.invitations import StaffInvitation
from membership.models.members import Member, Membership
from membership.models.pages import JoinPageSettings
from membership.models.tiers import Tier, format_amount
from membership.models.users import User, UserManager, normalize_email_address

__all__ = [
    "Appeal",
    "AppealStat",
    "Audience",
    "Contribution",
    "JoinPageSettings",
    "Member",
    "Membership",
    "Placement",
    "SentNotice",
    "StaffInvitation",
    "StripeEvent",
    "Target",
    "Tier",
    "User",
    "UserManager",
    "format_amount",
    "normalize_email_address",
]
