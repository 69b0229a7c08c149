from membership.gifts.models import GiftMembership
from membership.models.appeals import Appeal, AppealStat, Audience, Placement, Target
from membership.models.care import CancellationFeedback
from membership.models.contributions import Contribution
from membership.models.currencies import Currency, TierPrice
from membership.models.events import SentNotice, StripeEvent
from membership.models.invitations import StaffInvitation
from membership.models.members import Member, Membership
from membership.models.pages import JoinPageSettings
from membership.models.reminders import AppealReminder
from membership.models.tiers import Tier, format_amount
from membership.models.users import User, UserManager, normalize_email_address
from membership.newsletters.issues import Delivery, Issue
from membership.newsletters.models import Newsletter, Subscriber, Subscription

__all__ = [
    "Appeal",
    "AppealReminder",
    "AppealStat",
    "Audience",
    "CancellationFeedback",
    "Contribution",
    "Currency",
    "Delivery",
    "GiftMembership",
    "Issue",
    "JoinPageSettings",
    "Member",
    "Membership",
    "Newsletter",
    "Placement",
    "SentNotice",
    "StaffInvitation",
    "StripeEvent",
    "Subscriber",
    "Subscription",
    "Target",
    "Tier",
    "TierPrice",
    "User",
    "UserManager",
    "format_amount",
    "normalize_email_address",
]
