"""The one way a sync step says "not ours, nothing to do"."""


class Ignore(Exception):
    """Not ours or nothing to do: acknowledge the event and record why."""
