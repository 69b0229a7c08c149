"""The session engine: Django's database sessions, with one more check.

A session cookie is whatever the client sends. Django only checks a key's
length, so ``sessionid="abc\\000…"`` reached a query, and PostgreSQL's driver
refuses a NUL byte with an exception (a 500 on any page). A key that is not
shaped like the keys Django makes is treated as no session at all.
"""

import re

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

# Django makes 32 characters from [a-z0-9] (SessionBase._get_new_session_key).
SESSION_KEY = re.compile(r"[a-z0-9]{32,40}")


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return bool(key) and SESSION_KEY.fullmatch(key) is not None
