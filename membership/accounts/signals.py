"""Hooks for the rest of ``membership`` (and any later app) into the account pages.

Two signals, both sent with ``sender=User`` and ``user=<the reader>``:

``collect_personal_data``
    Sent while building "download my data". Each receiver returns a dict of
    ``{section name: JSON-serialisable data}`` about *that* user only; the
    sections are merged into the export. Example::

        @receiver(collect_personal_data)
        def membership_data(sender, user, **kwargs):
            return {"memberships": [m.as_export() for m in user.memberships.all()]}

``account_deleting``
    Sent inside the deletion transaction, *before* the user row and the
    allauth records are deleted, so the user and related rows still exist.
    Receivers act on what they own: cancel a Stripe subscription at period
    end, detach accounting records (contributions, invoices) from the user and
    blank their personal fields so they stay for the books without naming
    anyone. Raising an exception aborts the deletion and rolls everything
    back; the reader sees an error and nothing changes.
"""

from django.dispatch import Signal

collect_personal_data = Signal()
account_deleting = Signal()
