"""The demo newsroom that `make run` serves: The Meridian Ledger.

Everything here is data and builders for ``manage.py load_demo_content``:
``newsroom`` (identity, sections, authors), ``stories`` (the hand-written
pieces), ``templated`` (more stories built from paragraph templates with a
fixed seed), ``standing`` (About, Ethics, Corrections, Contact), ``images``
(Pillow-drawn portraits and illustrations), ``build`` (the idempotent loader)
and ``synthetic`` (bulk articles for load testing). The people, places and
events are fictional; no text or image comes from elsewhere.
"""
