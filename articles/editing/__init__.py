"""What the admin adds for editors beyond Wagtail's own screens: the schedule
dialog's time zone, one-step corrections, authors made from the byline
chooser and the "published" message after approval (docs/editing.md).
The hooks that register them are in ``articles/wagtail_hooks.py``."""
