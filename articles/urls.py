from django.urls import path

from articles import feeds, icons, news_sitemap, sitemaps, views, webfonts

app_name = "articles"

urlpatterns = [
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    path("authors/<slug:slug>/feed/", feeds.AuthorFeed(), name="author_feed"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("tags/<slug:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("search/", views.search, name="search"),
    # Section feeds are routes of SectionPage (``<section>/feed/``).
    path("feed/", feeds.SiteFeed(), name="feed"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", news_sitemap.news_sitemap, name="news_sitemap"),
    path("favicon.ico", icons.favicon_ico, name="favicon"),
    path("site.webmanifest", icons.webmanifest, name="webmanifest"),
    path("fonts/<str:name>", webfonts.font, name="font"),
    path("robots.txt", news_sitemap.robots_txt, name="robots"),
]
