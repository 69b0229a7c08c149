"""Two requests every admin page makes, cached by the browser.

Wagtail marks every admin URL ``never_cache``, so each admin page fetched its
JavaScript translation catalogue again (a blocking ``<script>`` in the page's
head: one more round trip through the whole middleware stack before the page
can run) and its 65 KB icon sprite. These routes come before Wagtail's in
``newsroom/urls.py`` and serve the same views with cache headers:

- the sprite's URL carries the icons' hash (``?h=``), so it is cached for a
  year and a new Wagtail asks for a new URL;
- the catalogue is in the editor's own admin language, so it is private,
  varies with the session cookie and is kept ten minutes (a changed admin
  language shows within them).
"""

from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_cookie

from wagtail.admin.views.home import sprite
from wagtail.admin.views.i18n import localized_js_catalog

CATALOG_MAX_AGE = 10 * 60
SPRITE_MAX_AGE = 365 * 24 * 60 * 60

javascript_catalog = cache_control(private=True, max_age=CATALOG_MAX_AGE)(
    vary_on_cookie(localized_js_catalog)
)
icon_sprite = cache_control(private=True, max_age=SPRITE_MAX_AGE, immutable=True)(sprite)
