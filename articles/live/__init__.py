"""Live pages: a running file of short timestamped entries ("Ukraine war latest").

* ``models``: ``LiveBlogPage`` (a Wagtail page type) and its entries
  (``LiveEntry``, their own rows, not page revisions) with the record of every
  change to them (``LiveEntryChange``: who, when, what).
* ``blocks``: the restricted body of an entry.
* ``entries``: posting, editing and deleting an entry (records the change and
  purges the page cache through ``articles.cache.purging.purge_pages``).
* ``reading``: what readers get (pages of entries, permalinks, the poll fragment).
* ``admin_views``: the fast posting screen in the Wagtail admin.

See docs/live.md.
"""
