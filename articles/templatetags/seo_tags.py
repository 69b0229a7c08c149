from django import template

from articles import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context) -> seo.PageMeta | None:
    """The view's ``seo`` meta if it set one, else the current Wagtail page's,
    else the basics (canonical, Open Graph) for any other page of the site."""
    if context.get("seo") is not None:
        return context["seo"]
    page, request = context.get("page"), context.get("request")
    if request is None:
        return None
    if page is None or not hasattr(page, "get_full_url"):
        return seo.for_view(request)
    return seo.for_page_cached(request, page, context)
