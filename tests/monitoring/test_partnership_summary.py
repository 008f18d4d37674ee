"""The summary of a partnership (health index, power balance, progress): recomputed once
each change commits, read in one query, computed on the spot when outdated."""

import io
from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from partnering.governance.decisions import services as governance
from partnering.governance.power.data import compute_power_balance, power_balance
from partnering.monitoring import services
from partnering.monitoring.health import scoring
from partnering.monitoring.models import PartnershipSummary
from partnering.partnerships import services as partnerships
from partnering.registry import services as registry
from tests.base import add_represented_member
from tests.monitoring.base import NOW, MonitoringTestCase


@time_machine.travel(NOW, tick=False)
class SummaryFollowsChangesTest(MonitoringTestCase):
    def setUp(self):
        self.commit()  # the class's data, as if committed
        call_command("rebuild_summaries", stdout=io.StringIO())

    def commit(self) -> None:
        """What a commit does to the recomputes waiting in this test's transaction: they run
        (the job runs at once in tests) and no longer wait. A recompute already waiting is
        not asked for twice."""
        waiting = [pending for pending in connection.run_on_commit
                   if getattr(pending[1], "summary_key", None)]
        connection.run_on_commit[:] = [pending for pending in connection.run_on_commit
                                       if pending not in waiting]
        return waiting

    def summary(self) -> PartnershipSummary:
        return PartnershipSummary.objects.get(partnership=self.private)

    def changed(self, write):
        """Run the service call as a request would (its transaction commits, the job
        runs) and return the summary before and after."""
        before = self.summary()
        write()
        for _ids, callback, _robust in self.commit():
            callback()
        return before, self.summary()

    def test_it_follows_an_overdue_action(self):
        before, after = self.changed(lambda: governance.create_action(
            self.alice, self.private, title="Share the map", owner_organisation=self.ministry,
            due_date=timezone.localdate() - timedelta(days=3)))
        self.assertEqual(before.health["actions"], [0, 0])
        self.assertEqual(after.health["actions"], [1, 1])
        self.assertEqual(after.power["amounts"]["actions"], {str(self.ministry.pk): 1})

    def test_it_follows_a_high_risk(self):
        before, after = self.changed(lambda: services.create_risk(
            self.alice, self.private, title="Drillers leave", category="trust", likelihood=5,
            impact=4))
        self.assertEqual(before.health["risks"], [0, 0])
        self.assertEqual(after.health["risks"], [1, 1])

    def test_it_follows_a_progress_report(self):
        _, after = self.changed(lambda: services.submit_report(
            self.alice, self.private, period_start="2026-01-01", period_end="2026-06-30",
            narrative="Progress"))
        self.assertEqual(after.health["last_report"], timezone.localdate().isoformat())

    def test_it_follows_a_value_reported(self):
        before, after = self.changed(lambda: services.report_measurement(
            self.alice, self.trust_kpi, period_start="2026-07-01", period_end="2026-09-30",
            value=10))
        self.assertEqual(before.indicators_with_progress, 1)
        self.assertEqual(after.indicators_with_progress, 2)
        self.assertNotEqual(before.average_progress, after.average_progress)

    def test_it_follows_a_new_member_and_a_meeting(self):
        before, after = self.changed(lambda: add_represented_member(self.alice, self.private,
                                                                    "Niger Drillers"))
        self.assertEqual(len(after.power["members"]), len(before.power["members"]) + 1)
        _, after = self.changed(lambda: partnerships.record_meeting(
            self.alice, self.private, date="2026-11-01", purpose="Review", minutes="m",
            organisations=[self.trust], attendees=[self.alice_person]))
        self.assertEqual(after.power["meetings"], 2)

    def test_it_follows_a_proposal(self):
        _, after = self.changed(lambda: governance.create_proposal(
            self.alice, self.private, title="Adopt the map", text="t",
            proposed_by_organisation=self.trust, closes_at=NOW + timedelta(days=10)))
        self.assertEqual(after.power["amounts"]["proposals"], {str(self.trust.pk): 1})

    def test_it_flags_the_summaries_of_a_renamed_member_stale(self):
        _, after = self.changed(lambda: registry.update_organisation(
            self.admin, self.ministry, name="Ministry of Water and Sanitation"))
        self.assertTrue(after.stale)
        self.assertIn("Ministry of Water and Sanitation",
                      [m.name for m in power_balance(self.private).members])
        self.assertFalse(self.summary().stale)

    def test_it_asks_for_one_recompute_per_partnership_and_transaction(self):
        with transaction.atomic():
            for i in range(3):
                services.create_risk(self.alice, self.private, title=f"Risk {i}",
                                     category="trust", likelihood=1, impact=1)
            services.create_risk(self.alice, self.public, title="Another", category="trust",
                                 likelihood=1, impact=1)
        self.assertEqual(sorted(callback.summary_key for _ids, callback, _r in self.commit()),
                         [("partnership", self.private.pk), ("partnership", self.public.pk)])


@time_machine.travel(NOW, tick=False)
class SummaryReadTest(MonitoringTestCase):
    def test_it_reads_a_fresh_summary_in_one_query(self):
        live = scoring.compute_health(self.private)
        first = scoring.partnership_health(self.private)  # computed and kept
        self.assertEqual(first.as_dict(), live.as_dict())
        with self.assertNumQueries(1):
            again = scoring.partnership_health(self.private)
        self.assertEqual(again.as_dict(), live.as_dict())
        with self.assertNumQueries(1):
            kept = power_balance(self.private)
        self.assertEqual(kept.as_dict(), compute_power_balance(self.private).as_dict())

    def test_it_computes_an_outdated_summary_on_the_spot(self):
        scoring.partnership_health(self.private)
        # No commit in this test: the job never ran, yet the page is never behind.
        services.create_risk(self.alice, self.private, title="Drillers leave",
                             category="trust", likelihood=5, impact=4)
        part = {p.key: p for p in scoring.partnership_health(self.private).parts}
        self.assertEqual(part["high_risks"].score, 65)
        self.assertEqual(PartnershipSummary.objects.get(partnership=self.private)
                         .health["risks"], [1, 1])

    def test_it_recounts_the_day_at_midnight(self):
        governance.create_action(self.alice, self.private, title="Share the map",
                                 owner_organisation=self.ministry,
                                 due_date=timezone.localdate() + timedelta(days=1))
        self.assertEqual(scoring.partnership_health(self.private).as_dict()["parts"][2]
                         ["score"], 100)
        with time_machine.travel(NOW + timedelta(days=2), tick=False):
            parts = {p.key: p for p in scoring.partnership_health(self.private).parts}
            self.assertEqual(parts["overdue_actions"].score, 0)

    def test_it_rebuilds_every_summary_on_demand(self):
        out = io.StringIO()
        call_command("rebuild_summaries", stdout=out)
        self.assertIn("Recomputed the summaries of 2 partnerships", out.getvalue())
        self.assertEqual(PartnershipSummary.objects.count(), 2)
