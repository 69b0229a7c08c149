from django.urls import path

from membership.gifts import views as gifts
from membership.views import (
    account,
    appeals,
    cancel,
    care,
    demo,
    join,
    join_email,
    receipts,
    remind,
    webhook,
)

app_name = "membership"

urlpatterns = [
    path("membership/", join.join, name="join"),
    path("membership/join/", join.join_confirm, name="join_confirm"),
    path("membership/join/email/", join_email.join_email, name="join_email"),
    path("membership/join/code/", join_email.join_code, name="join_code"),
    path("membership/give/", join.give, name="give"),
    path("membership/gift/", gifts.gift, name="gift"),
    path("membership/gift/thanks/", gifts.thanks, name="gift_thanks"),
    path("membership/gift/claim/<slug:token>/", gifts.claim_gift, name="gift_claim"),
    path("membership/thanks/", join.thanks, name="thanks"),
    path("membership/checkout-canceled/", join.checkout_canceled, name="checkout_canceled"),
    path("membership/remind/", remind.remind, name="remind"),
    path("membership/appeals/beacon/", appeals.beacon, name="appeal_beacon"),
    path("membership/stripe/webhook/", webhook.stripe_webhook, name="stripe_webhook"),
    path("membership/demo/<str:session_id>/", demo.checkout, name="demo_checkout"),
    path("membership/demo/portal/<str:session_id>/", demo.portal, name="demo_portal"),
    path("account/membership/", account.account, name="account"),
    path("account/membership/billing/", account.billing_portal, name="billing_portal"),
    path("account/membership/pause/", care.pause, name="pause"),
    path("account/membership/resume/", care.resume, name="resume"),
    path("account/membership/cancel/", cancel.cancel, name="cancel"),
    path("account/membership/receipts/", receipts.receipt_list, name="receipts"),
    path(
        "account/membership/receipts/<str:invoice_id>/",
        receipts.invoice_receipt,
        name="invoice_receipt",
    ),
    path(
        "account/membership/gifts/<int:gift_id>/receipt/",
        receipts.gift_receipt,
        name="gift_receipt",
    ),
    path("account/membership/statement/<int:year>/", receipts.statement, name="statement"),
]
