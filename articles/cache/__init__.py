"""The page cache, in layers (each imports only those above it in this list):

* ``generations`` (with ``keys`` and ``cdn``): scopes, generations, marking a
  response public and purging by scope; imports no model. The public API for
  the rest of the project is re-exported here: ``mark_public``, ``purge``,
  ``purge_all``.
* ``lookups``: per-request look-ups (live sections, view restrictions) kept
  under the site-wide generation; the page models route through them.
* ``middleware`` (with ``signed_in`` and ``copies``): stores and serves whole pages for
  anonymous readers.
* ``purging`` and ``signals``: what a change purges (an article's scopes, CDN
  URLs), and the signal handlers; they import the models.

The Redis backend under it all is ``newsroom.caches`` (it knows only the key
prefixes); the site look-up is ``articles.site``. See docs/architecture.md.
"""

from articles.cache.generations import mark_public, purge, purge_all

__all__ = ["mark_public", "purge", "purge_all"]
