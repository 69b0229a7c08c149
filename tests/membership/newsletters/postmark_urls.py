"""The site's URLs with Postmark as the configured ESP (the test settings name Mailgun)."""

from django.urls import include, path

from membership.newsletters import tracking
from newsroom.urls import urlpatterns as site_urlpatterns

postmark = (tracking.urlpatterns("postmark"), "postmark_tracking")
urlpatterns = [path("newsletters/", include(postmark)), *site_urlpatterns]
