from django.urls import path

from membership.views import account, appeals, demo, join, join_email, remind, webhook

app_name = "membership"

urlpatterns = [
    path("membership/", join.join, name="join"),
    path("membership/join/", join.join_confirm, name="join_confirm"),
    path("membership/join/email/", join_email.join_email, name="join_email"),
    path("membership/join/code/", join_email.join_code, name="join_code"),
    path("membership/give/", join.give, name="give"),
    path("membership/thanks/", join.thanks, name="thanks"),
    path("membership/checkout-canceled/", join.checkout_canceled, name="checkout_canceled"),
    path("membership/remind/", remind.remind, name="remind"),
    path("membership/appeals/beacon/", appeals.beacon, name="appeal_beacon"),
    path("membership/stripe/webhook/", webhook.stripe_webhook, name="stripe_webhook"),
    path("membership/demo/<str:session_id>/", demo.checkout, name="demo_checkout"),
    path("membership/demo/portal/<str:session_id>/", demo.portal, name="demo_portal"),
    path("account/membership/", account.account, name="account"),
    path("account/membership/billing/", account.billing_portal, name="billing_portal"),
]
