"""The signal handlers that purge the page cache (what each purges:
``articles.cache.purging``); connected by ``ArticlesConfig.ready``."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from articles import renditions
from articles.cache.generations import purge_all, purge_now_and_after_commit
from articles.cache.purging import article_scopes, purge_pages
from articles.models import ArticlePage, Author, SiteSettings


def on_article_pre_save(sender, instance, update_fields=None, **kwargs) -> None:
    """Before an article is saved in full (publishing), purge the listings of
    its *stored* state: an author or tag removed by this edit stops listing it."""
    if instance.pk is None or update_fields is not None or not instance.live:
        return
    purge_now_and_after_commit(article_scopes(instance))


def on_page_published(sender, instance, **kwargs) -> None:
    purge_pages([instance])
    if isinstance(instance, ArticlePage):
        renditions.warm_after_commit(instance)  # no reader waits for its card images


def on_page_removed(sender, instance, **kwargs) -> None:
    """Unpublished, moved or deleted: everything, so no card or menu keeps it."""
    purge_all()


def on_page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and getattr(instance, "live", False):
        purge_all()


def on_site_wide_change(sender, instance=None, created=False, raw=False, **kwargs) -> None:
    # The first request of a site creates its empty settings row: nothing shown changes.
    if raw or (created and sender is SiteSettings):
        return
    purge_all()


def on_site_settings_saved(sender, instance, raw=False, **kwargs) -> None:
    """The brand's renditions first, so pages rendered after the purge find them."""
    if not raw:
        renditions.warm_site_images(instance)
    on_site_wide_change(sender, instance, raw=raw, **kwargs)


def connect() -> None:
    uid = "articles.cache"
    pre_save.connect(on_article_pre_save, sender=ArticlePage, dispatch_uid=f"{uid}.pre_save")
    page_published.connect(on_page_published, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(on_page_removed, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(on_page_removed, dispatch_uid=f"{uid}.moved")
    pre_delete.connect(on_page_deleted, dispatch_uid=f"{uid}.deleted")
    for model in (Author, SiteSettings, Site, PageViewRestriction, CollectionViewRestriction):
        saved = on_site_settings_saved if model is SiteSettings else on_site_wide_change
        post_save.connect(saved, sender=model, dispatch_uid=f"{uid}.save.{model}")
        post_delete.connect(on_site_wide_change, sender=model, dispatch_uid=f"{uid}.del.{model}")
