"""Newsletters: lists, consent, issues and their delivery (docs/newsletters.md).

The models live in ``membership.newsletters.models`` and belong to the
``membership`` app (``membership.models`` imports them)."""
