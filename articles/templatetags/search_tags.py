from django import template
from django.utils.safestring import SafeString

from articles import search_terms

register = template.Library()


@register.simple_tag
def highlight(text: str, terms: str) -> SafeString:
    """``text`` escaped, the searched ``terms`` in ``<mark>`` (``articles.search_terms``)."""
    return search_terms.highlight(text, terms)
