from django.urls import path

from membership.accounts import views

app_name = "account"

urlpatterns = [
    path("", views.index, name="index"),
    path("data/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
]
