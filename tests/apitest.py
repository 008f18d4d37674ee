"""A JSON API client and assertions shared by the API specifications.

`ApiTestCase` derives from the persona world in tests.base. Requests are made as whoever
is signed in on `self.client` (see `sign_in`), or with explicit headers (`bearer`).
"""

import json
from contextlib import contextmanager

from django.conf import settings
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from partnering.accounts.models import ApiToken
from partnering.audit.actions import typed
from partnering.audit.models import AuditEvent
from partnering.partnerships.models import (
    BrokerAssignment,
    ChecklistItem,
    Meeting,
    Membership,
    Partnership,
    PhaseTransition,
    Representative,
)
from partnering.registry.models import Organisation, Person
from tests.base import PartneringTestCase

API = "/api/v1"
COUNTED = (Organisation, Person, Partnership, Membership, Representative, BrokerAssignment,
           ChecklistItem, PhaseTransition, Meeting, ApiToken, AuditEvent)
TOO_LONG = "x" * 20_001


class ApiTestCase(PartneringTestCase):
    # -- requests ---------------------------------------------------------------------------
    def get(self, path, headers=None, **query):
        return self.client.get(API + path, query, headers=headers or {})

    def post(self, path, data=None, headers=None):
        return self._send("post", path, data, headers)

    def patch(self, path, data=None, headers=None):
        return self._send("patch", path, data, headers)

    def delete(self, path, headers=None):
        return self.client.delete(API + path, headers=headers or {})

    def _send(self, method, path, data, headers):
        body = data if isinstance(data, str | bytes) else json.dumps(data or {})
        return getattr(self.client, method)(API + path, body, content_type="application/json",
                                            headers=headers or {})

    @staticmethod
    def csrf_client(user) -> tuple[Client, str]:
        """A browser-like client that checks CSRF, signed in as `user`, and its CSRF token."""
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        request = RequestFactory().get("/")
        token = get_token(request)
        client.cookies[settings.CSRF_COOKIE_NAME] = request.META["CSRF_COOKIE"]
        return client, token

    # -- assertions -------------------------------------------------------------------------
    def assert_status(self, response, status: int) -> dict:
        body = response.json() if response.content else None
        assert response.status_code == status, (response.status_code, body)
        return body

    def assert_error(self, response, status: int) -> dict:
        """A refusal: the given 4xx status and a JSON body that says why."""
        assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
        body = self.assert_status(response, status)
        assert body.get("detail"), body
        return body

    def assert_list(self, response, count: int | None = None) -> list:
        body = self.assert_status(response, 200)
        assert set(body) == {"items", "count"}, body
        if count is not None:
            assert body["count"] == count, body
        return body["items"]

    @staticmethod
    def counts() -> dict:
        return {model._meta.label: model.objects.count() for model in COUNTED}

    @contextmanager
    def assert_nothing_saved(self, *objects):
        """Nothing created or deleted, no audit event, and `objects` unchanged in the DB."""
        before = self.counts()
        states = [self._state(obj) for obj in objects]
        yield
        assert self.counts() == before
        assert [self._state(obj) for obj in objects] == states

    @staticmethod
    def _state(obj):
        fresh = type(obj).objects.get(pk=obj.pk)
        return {field.attname: getattr(fresh, field.attname) for field in obj._meta.concrete_fields}

    @staticmethod
    def audit_for(obj, action: str | None = None):
        """`action` is a typed action or a generic verb (create → `<model>.created`)."""
        events = AuditEvent.objects.for_object(obj)
        return events.filter(action=typed(action, obj)) if action else events

    def assert_audited(self, obj, action: str, actor=None) -> AuditEvent:
        event = self.audit_for(obj, action).first()
        assert event is not None, f"no {action!r} audit event for {obj!r}"
        if actor is not None:
            assert event.actor_id == actor.pk
        return event
