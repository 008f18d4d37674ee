"""Assignments: stewards assign a broker from the roster with terms of reference, and end
the assignment; both are audited and told to the broker through the ledger; at the end the
partners are asked to rate the broker's fairness and support through the survey engine."""

from decimal import Decimal

import time_machine

from partnering.assessments.models import Round
from partnering.assessments.results import min_group
from partnering.audit.models import AuditEvent
from partnering.brokers.assignments import services
from partnering.brokers.assignments.instrument import KEY
from partnering.notifications.models import Notification
from partnering.partnerships.access import access_for
from partnering.partnerships.models import BrokerAssignment
from tests.brokers.base import BrokersTestCase
from tests.notifications.base import Notified


@time_machine.travel("2026-12-07 10:00Z", tick=False)
class AssignmentTests(Notified, BrokersTestCase):
    def assign(self, **extra):
        return services.assign(self.alice, self.private, self.ruth_profile,
                               terms_of_reference="Facilitate the agreement negotiation.",
                               start="2026-12-01", days_per_month=Decimal("2"), **extra)

    def test_it_assigns_a_broker_with_a_seat_an_audit_event_and_a_notice(self):
        with self.fanned_out():
            assignment = self.assign()
        assert access_for(self.ruth, self.private).is_broker
        event = AuditEvent.objects.filter(action="broker.assigned").latest("pk")
        assert event.changes["terms_of_reference"][1].startswith("Facilitate")
        assert Notification.objects.filter(recipient=self.ruth, category="added").exists()
        self.ruth_profile.refresh_from_db()
        assert self.ruth_profile.committed_days == Decimal("2")
        assert assignment.seat.person == self.ruth_person

    def test_it_lets_only_stewards_assign_through_the_api(self):
        body = {"partnership_id": self.private.pk, "broker_id": self.ruth_profile.pk,
                "terms_of_reference": "ToR", "start": "2026-12-01", "days_per_month": "2"}
        self.sign_in(self.carol)
        self.assert_status(self.post("/broker-assignments", body), 403)
        self.sign_in(self.olga)
        self.assert_status(self.post("/broker-assignments", body), 404)
        self.sign_in(self.alice)
        created = self.assert_status(self.post("/broker-assignments", body), 201)
        assert created["current"] is True
        self.assert_status(self.post("/broker-assignments", {**body, "fee": 1}), 422)
        self.sign_in(self.olga)
        self.assert_status(self.get(f"/broker-assignments/{created['id']}"), 404)
        assert self.get("/broker-assignments").json()["count"] == 0

    def test_it_ends_an_assignment_and_opens_a_rating_round_for_the_partners(self):
        assignment = self.assign()
        with self.fanned_out():
            services.end(self.alice, assignment, note="Agreement signed")
        assignment.refresh_from_db()
        assert assignment.ended_on is not None and assignment.seat is None
        assert not BrokerAssignment.objects.filter(partnership=self.private,
                                                   person=self.ruth_person).exists()
        assert AuditEvent.objects.filter(action="broker.assignment_ended").exists()
        notice = Notification.objects.get(recipient=self.ruth, cause__startswith="event:",
                                          title__contains="has ended")
        assert "Water for Tillabéri" in notice.title
        round_ = Round.objects.get(pk=assignment.rating_round_id)
        assert round_.instrument.key == KEY and round_.partnership == self.private
        assert set(round_.invitations.values_list("email", flat=True)) == {
            "alice@example.org", "carol@example.org"}
        self.ruth_profile.refresh_from_db()
        assert self.ruth_profile.committed_days == 0

    def test_it_keeps_the_engine_anonymity_rules_for_the_rating(self):
        from partnering.assessments.results import round_results
        from tests.assessments.helpers import answer

        assignment = self.assign()
        services.end(self.alice, assignment)
        round_ = assignment.rating_round
        group = round_.groups.get(organisation=self.ministry)
        answer(self.alice, round_, group, {"fair_voice": 5, "support_process": 4},
               count=min_group() - 1)
        assert round_results(round_)["visible"] is False  # nothing while it is open
        with time_machine.travel("2027-01-10 10:00Z"):
            results = round_results(round_)
        assert results["respondents"] is None  # fewer than the engine's minimum
        assert all(row.get("mean") is None for row in results["dimensions"])

    def test_it_refuses_to_end_twice_and_outsiders_cannot_end(self):
        assignment = self.assign()
        self.sign_in(self.olga)
        self.assert_status(self.post(f"/broker-assignments/{assignment.pk}/end", {}), 404)
        self.sign_in(self.alice)
        self.assert_status(self.post(f"/broker-assignments/{assignment.pk}/end",
                                     {"note": "Done", "rate": False}), 200)
        body = self.assert_status(self.post(f"/broker-assignments/{assignment.pk}/end", {}),
                                  422)
        assert "already ended" in body["detail"]

    def test_it_shows_assignments_and_finds_a_broker_on_pages(self):
        self.assign()
        self.sign_in(self.alice)
        page = self.client.get(f"/partnerships/{self.private.pk}/broker-assignments/")
        self.assertContains(page, "Facilitate the agreement negotiation.")
        page = self.client.get(f"/partnerships/{self.bosnia.pk}/broker-assignments/find/")
        self.assertContains(page, "speaks Bosnian")
        response = self.client.post(
            f"/partnerships/{self.bosnia.pk}/broker-assignments/assign/{self.ruth_profile.pk}/",
            {"terms_of_reference": "Health check", "start": "2026-12-07",
             "days_per_month": "1"})
        assert response.status_code == 302
        self.sign_in(self.carol)
        assert self.client.get(
            f"/partnerships/{self.private.pk}/broker-assignments/find/").status_code == 403
        self.sign_in(self.olga)
        assert self.client.get(
            f"/partnerships/{self.private.pk}/broker-assignments/").status_code == 404
