"""Nothing of a case leaks through the platform's other surfaces: the partnership's history
(page and API) never lists grievance events, the audit trail names a case by its code only,
a signed-in person filing on the public form is not recorded, and the handlers' list costs
the same number of queries however many cases there are."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.audit.models import AuditEvent
from partnering.grievances import services
from tests.grievances.base import NOW, GrievanceTestCase


@time_machine.travel(NOW, tick=True)
class SurfacesTest(GrievanceTestCase):
    def test_the_partnership_history_api_lists_no_grievance_event(self):
        case = self.file(category="safeguarding", description="SECRET-STORY").grievance
        services.acknowledge(self.henry, case)
        self.sign_in(self.alice)
        body = self.client.get(f"/api/v1/partnerships/{self.private.pk}/history").json()
        self.assertNotIn("grievance", str(body))
        self.assertNotIn(case.code, str(body))

    def test_the_audit_trail_keeps_no_story_and_no_name(self):
        self.file(category="safeguarding", description="SECRET-STORY",
                  complainant_name="Named Person")
        trail = str(list(AuditEvent.objects.filter(action__startswith="grievance.").values()))
        self.assertNotIn("SECRET-STORY", trail)
        self.assertNotIn("Named Person", trail)

    def test_filing_on_the_public_form_while_signed_in_records_nobody(self):
        self.sign_in(self.carol)
        self.client.post(f"/partnerships/{self.public.pk}/grievances/new/", {
            "category": "conduct", "severity": "standard", "description": "Rude staff.",
            "anonymous": "on", "complainant_name": "Carol"})
        event = AuditEvent.objects.get(action="grievance.received")
        self.assertIsNone(event.actor_id)
        self.assertEqual(event.actor_name, "system")
        case = self.public.grievances.get()
        self.assertEqual((case.entered_by, case.complainant_name), (None, ""))

    def queries(self, url) -> int:
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(captured)

    def test_the_handlers_list_costs_the_same_with_more_cases(self):
        self.sign_in(self.henry)
        page = f"/partnerships/{self.private.pk}/grievances/"
        api = "/api/v1/grievances"
        for _n in range(3):
            services.assign(self.henry, self.file().grievance, self.henry)
        small = (self.queries(page), self.queries(api))
        for _n in range(12):
            services.assign(self.henry, self.file(category="safeguarding").grievance,
                            self.fatima)
        self.assertEqual(small, (self.queries(page), self.queries(api)))
