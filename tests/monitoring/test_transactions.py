"""The monitoring services that stand alone (edits and deletions a person makes from a page
or the API) run in their own transaction: called inside another, they refuse, so a caller
cannot roll back a change whose audit event and follow-ups were meant to be final. Those the
demo and importers build on (create_*, report_measurement, validate_measurement, ...) nest."""

from django.db import transaction

from partnering.monitoring import services
from partnering.monitoring.models import Risk
from tests.monitoring.base import MonitoringTestCase


class DurableServicesTest(MonitoringTestCase):
    def test_a_standalone_service_refuses_to_run_inside_another_transaction(self):
        risk = services.create_risk(self.alice, self.private, title="Drought",
                                    category="misalignment", likelihood=2, impact=3)
        with self.assertRaisesMessage(RuntimeError, "durable"), transaction.atomic():
            services.delete_risk(self.alice, risk)
        self.assertTrue(Risk.objects.filter(pk=risk.pk).exists())

    def test_the_services_the_demo_builds_on_nest(self):
        with transaction.atomic():
            result = services.create_result(self.alice, self.private, title="Pumps repaired")
            services.submit_report(self.carol, self.private, period_start="2026-01-01",
                                   period_end="2026-06-30", narrative="Pumps repaired.")
        self.assertEqual(result.partnership_id, self.private.pk)

    def test_a_standalone_service_runs_on_its_own(self):
        services.update_result(self.alice, self.output, title="Boreholes drilled and working")
        self.output.refresh_from_db()
        self.assertEqual(self.output.title, "Boreholes drilled and working")
