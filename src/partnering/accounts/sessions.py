"""The database session store, reading the session of each signed-in request with SQL
written once (accounts/lookups.py): building the ORM query cost more than running it.

Same table, same expiry rule (a session whose `expire_date` has passed is not read), same
everything else: writes, flushes and cleanup are Django's own. The row is read on every
request, so a session flushed at sign-out (or after a password change) ends at once.

What a row's `session_data` decodes to is kept in the process, by the stored text itself:
checking its signature and parsing it gave the same answer on every page of a session. The
text is the key, so a session written anew (a sign-in, a message kept for the next page) is
decoded anew; only sessions whose values are all plain (text, numbers) are kept, and each
request gets its own copy."""

import functools

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from partnering.accounts.lookups import PreparedRows
from partnering.fragments import Memo

_PLAIN = (str, int, float, bool, type(None))
_DECODED = Memo(4096)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        session = _by_key(self.model).get(self.session_key) if self.session_key else None
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session

    def decode(self, session_data):
        found = _DECODED.get(session_data)
        if found is None:
            found = super().decode(session_data)
            if not found or not all(type(value) in _PLAIN for value in found.values()):
                return found
            _DECODED.set(session_data, found)
        return dict(found)


@functools.cache
def _by_key(model) -> PreparedRows:
    return PreparedRows(model, model._meta.pk.column)
