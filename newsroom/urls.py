from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from membership.accounts import views as account_views
from newsroom import admin_assets, health, security_txt

# A database outage answers 503 with a calm page instead of a 500 (errors.py).
handler500 = "newsroom.errors.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(".well-known/security.txt", security_txt.security_txt, name="security_txt"),
    # Staff sign in through allauth (rate limits, MFA), not Django's login view.
    path("admin/login/", account_views.admin_login, name="admin_login"),
    # So do readers: Wagtail's front-end login (restricted pages, private
    # documents) is Django's plain LoginView; this shadows it.
    path("_util/login/", account_views.frontend_login, name="frontend_login"),
    # Wagtail's catalogue and icon sprite, with cache headers (admin_assets.py).
    path("admin/jsi18n/", admin_assets.javascript_catalog, name="admin_javascript_catalog"),
    path("admin/sprite/", admin_assets.icon_sprite, name="admin_icon_sprite"),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("account/", include("membership.accounts.urls")),
    path("newsletters/", include("membership.newsletters.urls")),
    # Wagtail's document view, which says private documents are not to be cached.
    path("documents/", include("newsroom.documents")),
    path("", include("articles.urls")),
    path("", include("membership.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches every remaining path, so it goes last.
urlpatterns += [path("", include(wagtail_urls))]
