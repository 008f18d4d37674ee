"""The database session store, reading the session of each signed-in request with SQL
written once (accounts/lookups.py): building the ORM query cost more than running it.

Same table, same expiry rule (a session whose `expire_date` has passed is not read), same
everything else: writes, flushes and cleanup are Django's own."""

import functools

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from partnering.accounts.lookups import PreparedRows


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        session = _by_key(self.model).get(self.session_key) if self.session_key else None
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session


@functools.cache
def _by_key(model) -> PreparedRows:
    return PreparedRows(model, model._meta.pk.column)
