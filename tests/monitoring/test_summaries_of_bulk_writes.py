"""The events of a bulk write (an import) ask once for all of them: one job recomputes the
summaries of their partnerships, one query finds the partnerships that name their
organisations and one update flags those summaries stale; new organisations ask nothing."""

import io

import time_machine
from django.core.management import call_command
from django.db import connection

from partnering.audit.services import build_event, record_events
from partnering.monitoring.models import PartnershipSummary
from tests.monitoring.base import NOW, MonitoringTestCase


@time_machine.travel(NOW, tick=False)
class SummariesOfBulkWritesTest(MonitoringTestCase):
    def setUp(self):
        self.waiting()  # the class's data, as if committed
        call_command("rebuild_summaries", stdout=io.StringIO())

    def waiting(self) -> list:
        """The recomputes waiting for this test's transaction to commit, taken off."""
        waiting = [pending[1] for pending in connection.run_on_commit
                   if getattr(pending[1], "summary_key", None)]
        connection.run_on_commit[:] = [pending for pending in connection.run_on_commit
                                       if pending[1] not in waiting]
        return waiting

    def test_it_asks_once_for_the_partnerships_of_a_bulk_write(self):
        PartnershipSummary.objects.update(version=0)
        record_events([build_event(self.alice, "update", partnership,
                                   partnership_id=partnership.pk, summary="Imported")
                       for partnership in (self.private, self.public, self.private)])
        waiting = self.waiting()
        self.assertEqual([callback.summary_key for callback in waiting],
                         [("partnerships", tuple(sorted([self.private.pk, self.public.pk])))])
        waiting[0]()  # the commit: the job runs at once in tests
        versions = dict(PartnershipSummary.objects.values_list("partnership_id", "version"))
        self.assertGreater(versions[self.private.pk], 0)
        self.assertGreater(versions[self.public.pk], 0)

    def test_it_flags_the_summaries_of_a_bulk_write_s_organisations_stale(self):
        record_events([build_event(self.admin, "update", organisation, summary="Imported")
                       for organisation in (self.ministry, self.trust)])
        waiting = self.waiting()
        self.assertEqual(len(waiting), 1)
        # The partnerships that name them (members, brokers' employers, owners, funders...)
        # in one query, then one update.
        with self.assertNumQueries(2):
            waiting[0]()
        self.assertTrue(PartnershipSummary.objects.get(partnership=self.private).stale)

    def test_it_asks_nothing_for_organisations_a_bulk_write_creates(self):
        record_events([build_event(self.admin, "create", organisation, summary="Imported")
                       for organisation in (self.ministry, self.trust)])
        self.assertEqual(self.waiting(), [])
