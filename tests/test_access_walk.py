"""Every URL pattern, walked as an outsider and as an anonymous visitor.

Private partnerships and everything in them answer 404 to people outside them, on pages
and in the API, whatever the method; the private partnership's title never leaks."""

import re
from datetime import timedelta

from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from partnering.agreements import services as agreements
from partnering.assessments import services as assessments
from partnering.assessments.models import Instrument
from partnering.discovery import services as discovery
from partnering.governance import services as governance
from partnering.monitoring import services as monitoring
from partnering.partnerships.models import ChecklistItem
from tests.base import PartneringTestCase

PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
SKIPPED = ("admin/", "accounts/reset/", "static/")
# A URL with one of these is about something in the private partnership (the deliverable
# endpoints find it by its own id, without the partnership's).
PRIVATE_PARAMETERS = {"partnership_id", "deliverable_id"}


def all_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from all_patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


class AccessWalkTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.item = ChecklistItem.objects.filter(partnership=cls.private).first()
        cls.rep = cls.ministry_membership.representatives.first()
        cls.agreement_version = agreements.start_from_template(cls.alice, cls.private)
        cls.agreement_commitment = agreements.add_commitment(
            cls.alice, cls.agreement_version, organisation=cls.trust, kind="cash",
            description="Borehole fund", amount=1000, currency="USD")
        cls.deliverable = agreements.create_deliverable(
            cls.alice, cls.private, title="Forty boreholes repaired",
            responsible_organisation=cls.ministry, due_date=timezone.localdate())
        cls.proposal = governance.create_proposal(
            cls.alice, cls.private, title="Adopt the map", text="One shared map.",
            proposed_by_organisation=cls.trust,
            closes_at=timezone.now() + timedelta(days=7, hours=1))
        cls.action = governance.create_action(
            cls.alice, cls.private, title="Share the map", owner_organisation=cls.ministry,
            due_date=timezone.localdate())
        cls.stakeholder = discovery.add_stakeholder(cls.alice, cls.private, name="Schools")
        cls.call = discovery.publish_call(cls.alice, cls.private, title="Drillers wanted",
                                          needs="Boreholes", deadline=timezone.localdate())
        cls.call_response = discovery.invite(cls.alice, cls.call, cls.bottler)

        cls.result = monitoring.create_result(cls.alice, cls.private, title="Water at home")
        cls.indicator = monitoring.create_indicator(
            cls.alice, cls.private, name="Households served", baseline_value=1,
            baseline_date="2026-01-01", targets=[{"value": 9, "date": "2027-12-31"}])
        cls.target = cls.indicator.targets.get()
        cls.measurement = monitoring.report_measurement(
            cls.alice, cls.indicator, period_start="2026-01-01", period_end="2026-03-31",
            value=2, evidence_file=ContentFile(b"households,2\n", name="tally.csv"))
        cls.report = monitoring.submit_report(cls.alice, cls.private, period_start="2026-01-01",
                                              period_end="2026-06-30", narrative="Progress")
        cls.risk = monitoring.create_risk(cls.alice, cls.private, title="Funding gap",
                                          category="underinvestment", likelihood=3, impact=4)

        cls.assessment_round = assessments.create_round(
            cls.alice, Instrument.objects.get(key="partnership-health-check"),
            partnership=cls.private, title="Health check", opens_at=timezone.now(),
            closes_at=timezone.now() + timedelta(days=7))
        cls.invitation, _ = assessments.invite(
            cls.alice, cls.assessment_round, group=cls.assessment_round.groups.first(),
            email="respondent@example.org", send=False)

    def values(self) -> dict:
        return {
            "round_id": self.assessment_round.pk, "invitation_id": self.invitation.pk,
            "instrument_id": Instrument.objects.first().pk, "token": "no-such-token" * 3,
            "partnership_id": self.private.pk, "member_id": self.ministry_membership.pk,
            "representative_id": self.rep.pk, "broker_id": self.broker_assignment.pk,
            "meeting_id": self.meeting.pk, "item_id": self.item.pk,
            "organisation_id": self.trust.pk, "person_id": self.alice_person.pk,
            "token_id": 1, "number": 6, "code": "6.1", "name": "Sector",
            "unknown": "no-such-thing",
            "indicator_id": self.indicator.pk, "measurement_id": self.measurement.pk,
            "result_id": self.result.pk, "target_id": self.target.pk,
            "report_id": self.report.pk, "risk_id": self.risk.pk,
            "version_number": self.agreement_version.number,
            "terms_id": self.agreement_version.member_terms.first().pk,
            "commitment_id": self.agreement_commitment.pk,
            "deliverable_id": self.deliverable.pk,
            "proposal_id": self.proposal.pk, "action_id": self.action.pk,
            "stakeholder_id": self.stakeholder.pk, "call_id": self.call.pk,
            "response_id": self.call_response.pk,
            "job_id": 1, "notification_id": 1,
        }

    def urls(self):
        values = self.values()
        for raw in sorted(set(all_patterns())):
            route = raw.lstrip("^").rstrip("$")
            if route.startswith(SKIPPED):
                continue
            names = [m.group("name") for m in PLACEHOLDER.finditer(route)]
            if any(name not in values for name in names):
                raise AssertionError(f"the walker does not know how to fill {route}")
            url = "/" + PLACEHOLDER.sub(lambda m: str(values[m.group("name")]), route)
            yield url, bool(PRIVATE_PARAMETERS & set(names))

    def assert_hidden(self, response, url, method):
        self.assertIn(response.status_code, (404, 405),
                      f"{method} {url} answered {response.status_code} to an outsider")
        self.assertNotIn(self.private.title.encode(), response.content, f"{method} {url}")

    def test_it_knows_every_url_pattern(self):
        walked = list(self.urls())
        self.assertGreater(len(walked), 60)

    def test_it_hides_private_partnerships_from_outsiders_everywhere(self):
        self.sign_in(self.olga)
        for url, private in self.urls():
            if not private:
                continue
            for method in ("get", "post", "patch", "delete"):
                if method == "get":
                    response = self.client.get(url)
                else:
                    response = getattr(self.client, method)(
                        url, data="{}", content_type="application/json")
                if url.startswith("/api/") and method != "get":
                    # The API validates a body before it looks anything up; an empty body
                    # is refused the same way for every id, so nothing leaks.
                    self.assertIn(response.status_code, (404, 405, 422), f"{method} {url}")
                    self.assertNotIn(self.private.title.encode(), response.content)
                else:
                    self.assert_hidden(response, url, method.upper())

    def test_it_hides_private_partnerships_from_anonymous_visitors(self):
        for url, private in self.urls():
            if not private:
                continue
            response = self.client.get(url)
            self.assertNotEqual(response.status_code, 200, url)
            self.assertNotIn(self.private.title.encode(), response.content, url)

    def test_it_never_fails_with_a_server_error_for_an_outsider(self):
        self.sign_in(self.olga)
        for url, _ in self.urls():
            response = self.client.get(url)
            self.assertLess(response.status_code, 500, url)

    def test_it_shows_public_partnerships_to_everyone(self):
        for user in (None, self.olga):
            if user:
                self.sign_in(user)
            for page in ("", "members/", "lifecycle/", "meetings/", "history/"):
                response = self.client.get(f"/partnerships/{self.public.pk}/{page}")
                self.assertEqual(response.status_code, 200, page)
            response = self.client.get(f"/api/v1/partnerships/{self.public.pk}/phase")
            self.assertEqual(response.status_code, 200)

    def test_it_shows_the_private_partnership_to_members_brokers_and_admins(self):
        for user in (self.alice, self.carol, self.bob, self.admin):
            self.sign_in(user)
            for url, private in self.urls():
                if not private or url.startswith("/api/"):
                    continue
                response = self.client.get(url)
                self.assertIn(response.status_code, (200, 403, 405),
                              f"{user} GET {url}: {response.status_code}")
            response = self.client.get(f"/api/v1/partnerships/{self.private.pk}/members")
            self.assertEqual(response.status_code, 200, user)

    def test_it_lets_an_organisation_admin_see_their_organisations_partnerships(self):
        self.olga_person.user = None
        self.olga_person.save()
        staff = self.ministry_staff
        staff.user = self.olga
        staff.is_organisation_admin = True
        staff.save()
        self.sign_in(self.olga)
        response = self.client.get(f"/partnerships/{self.private.pk}/")
        self.assertEqual(response.status_code, 200)
