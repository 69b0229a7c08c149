from django.urls import path

from membership.newsletters import inbound, tracking, views

app_name = "newsletters"

urlpatterns = [
    path("", views.index, name="index"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/thanks/", views.thanks, name="thanks"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("welcome/<str:token>/", views.welcome, name="welcome"),
    path("account/", views.account_update, name="account_update"),
    path("account/reconfirm/", views.reconfirm, name="reconfirm"),
    # The configured ESP's signed tracking webhook (bounces, complaints), e.g.
    # /newsletters/esp/mailgun/tracking/ (docs/newsletters.md).
    *tracking.urlpatterns(),
    # Its inbound route for the mailto: of List-Unsubscribe (membership/newsletters/inbound.py).
    *inbound.urlpatterns(),
    path("<slug:slug>/", views.detail, name="detail"),
]
