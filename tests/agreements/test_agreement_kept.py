"""The agreement page's sections (the agreement in force, the version in progress, the
deliverables, the versions) are rendered once per data version and reused for every reader
who may see the partnership (partnering.kept): a change through a service shows at once,
stewards and members each get their own forms, and each steward's forms carry their own
CSRF token.

Tests run inside a transaction, where sections are always built afresh; here they are kept
as outside one."""

import re
from unittest import mock

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from partnering.agreements import services
from partnering.kept import MARK
from tests.agreements.test_deliverables import WORLD_BUILT, DeliverableTestCase

# The session, the user, the partnership, what ties the reader to it, the unread
# notifications, and the data's version.
KEPT_QUERIES = 6
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@time_machine.travel(WORLD_BUILT, tick=False)
@mock.patch("partnering.kept.inside_transaction", return_value=False)
class KeptAgreementSectionsTest(DeliverableTestCase):
    def path(self) -> str:
        return f"/partnerships/{self.private.pk}/agreement/"

    def agreement(self, user=None, client=None) -> str:
        client = client or self.client
        if user is not None:
            client.force_login(user)
        response = client.get(self.path())
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_it_reads_the_page_again_in_six_queries_whatever_it_shows(self, _):
        for i in range(3):
            self.indicator(self.deliverable(title=f"Deliverable {i}"), name=f"Indicator {i}")
        self.start()
        self.agreement(self.alice)
        with CaptureQueriesContext(connection) as queries:
            page = self.agreement()
        self.assertEqual(len(queries), KEPT_QUERIES)
        self.assertIn("Deliverable 2", page)
        self.assertIn("Indicator 2", page)

    def test_it_shows_a_deliverable_delivered_at_once(self, _):
        made = self.deliverable(title="Borehole map published")
        self.assertIn("0 of 1 delivered", self.agreement(self.alice))
        services.set_deliverable_status(self.alice, made, status="delivered")
        self.assertIn("1 of 1 delivered", self.agreement())

    def test_it_shows_a_draft_started_at_once_and_stops_offering_to_start_one(self, _):
        self.assertIn("Start the agreement", self.agreement(self.alice))
        self.start()
        page = self.agreement()
        self.assertIn("Draft in progress: version 1", page)
        self.assertNotIn("Start a draft", page)

    def test_it_gives_the_status_forms_to_stewards_only(self, _):
        self.deliverable(title="Borehole map published")
        self.assertIn('name="status"', self.agreement(self.alice))
        member = self.agreement(self.carol)
        self.assertNotIn('name="status"', member)
        self.assertIn("Borehole map published", member)

    def test_it_puts_each_stewards_own_token_in_the_kept_forms(self, _):
        made = self.deliverable(title="Borehole map published")
        for user in (self.alice, self.bob):
            client = Client(enforce_csrf_checks=True)
            page = self.agreement(user, client)
            self.assertNotIn(MARK, page)
            token = TOKEN.findall(page)[-1]
            response = client.post(
                f"/partnerships/{self.private.pk}/agreement/deliverables/{made.pk}/status/",
                {"csrfmiddlewaretoken": token, "status": "in_progress"})
            self.assertEqual(response.status_code, 302, user)
