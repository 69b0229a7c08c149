from django.urls import path

from membership.accounts import invitation_views, views

app_name = "account"

urlpatterns = [
    path("", views.index, name="index"),
    path("data/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
    path("invitation/<str:token>/", invitation_views.accept, name="invitation"),
]
