"""A case's life: received → acknowledged → under review (questions by the case code) →
resolved with an outcome and remedy → closed when the complainant confirms or after logged
attempts; an appeal opens a linked case; each step an audit event and a timeline entry."""

import datetime as dt

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from partnering.audit.models import AuditEvent
from partnering.grievances import services
from partnering.grievances.models import Grievance, Holiday
from tests.grievances.base import NOW, GrievanceTestCase


@time_machine.travel(NOW, tick=False)
class FilingTest(GrievanceTestCase):
    def test_it_files_with_a_code_a_secret_and_three_clocks(self):
        filed = self.file()
        case = filed.grievance
        self.assertRegex(case.code, r"^GR-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$")
        self.assertNotIn(filed.secret.replace("-", ""), case.secret_hash)
        self.assertEqual(case.state, "received")
        self.assertEqual(case.acknowledge_due.date(), dt.date(2026, 12, 14))  # 5 days
        self.assertEqual(case.respond_due.date(), dt.date(2026, 12, 21))
        self.assertEqual(case.resolve_due.date(), dt.date(2027, 1, 18))
        event = AuditEvent.objects.get(action="grievance.received")
        self.assertIsNone(event.partnership_id)
        self.assertEqual(event.object_repr, case.code)

    def test_safeguarding_is_restricted_and_answered_first(self):
        case = self.file(category="safeguarding", severity="low").grievance
        self.assertTrue(case.restricted)
        self.assertEqual(case.severity, "safeguarding")
        self.assertEqual(case.acknowledge_due.date(), dt.date(2026, 12, 8))
        self.assertEqual(case.resolve_due.date(), dt.date(2026, 12, 25))

    def test_the_clocks_skip_the_partnerships_holidays(self):
        Holiday.objects.create(partnership=self.private, date=dt.date(2026, 12, 8),
                               name="Feast day")
        case = self.file(category="safeguarding").grievance
        self.assertEqual(case.acknowledge_due.date(), dt.date(2026, 12, 9))

    def test_an_anonymous_grievance_stores_no_identity(self):
        case = self.file(anonymous=True).grievance
        stored = Grievance.objects.filter(pk=case.pk).values()[0]
        self.assertEqual((stored["complainant_name"], stored["complainant_contact"]), ("", ""))
        self.assertIsNone(stored["entered_by_id"])
        self.assertNotIn("Amina", str(list(AuditEvent.objects.values())))

    def test_staff_entry_records_the_channel_and_is_for_handlers(self):
        case = self.file(actor=self.henry, channel="phone").grievance
        self.assertEqual((case.channel, case.entered_by), ("phone", self.henry))
        with self.assertRaises(PermissionDenied):
            self.file(actor=self.carol, channel="sms")


@time_machine.travel(NOW, tick=True)
class LifeOfACaseTest(GrievanceTestCase):
    def setUp(self):
        self.filed = self.file()
        self.case = self.filed.grievance

    def test_it_goes_from_received_to_closed_by_confirmation(self):
        services.acknowledge(self.henry, self.case)
        services.ask(self.henry, self.case, text="Which office did you visit?")
        self.assertEqual(self.case.state, "under_review")
        found = services.find_case(self.case.code, self.filed.secret)
        services.complainant_reply(found, text="The one in Tillabéri.")
        services.resolve(self.henry, self.reload(self.case), outcome="upheld",
                         remedy="The referral is made this week.")
        services.confirm_closure(self.reload(self.case))
        case = self.reload(self.case)
        self.assertEqual((case.state, case.closure, case.outcome),
                         ("closed", "confirmed", "upheld"))
        self.assertEqual(list(case.events.values_list("action", flat=True)), [
            "grievance.received", "grievance.acknowledged", "grievance.question_asked",
            "grievance.replied", "grievance.resolved", "grievance.closed"])

    def test_a_first_message_stops_the_acknowledge_and_respond_clocks(self):
        services.ask(self.henry, self.case, text="We have your complaint.", is_question=False)
        case = self.reload(self.case)
        self.assertIsNotNone(case.acknowledged_at)
        self.assertIsNotNone(case.responded_at)

    def test_an_upheld_case_needs_a_remedy(self):
        with self.assertRaises(ValidationError):
            services.resolve(self.henry, self.case, outcome="upheld", remedy=" ")

    def test_it_closes_without_confirmation_only_after_enough_attempts(self):
        services.resolve(self.henry, self.case, outcome="not_upheld")
        for _n in range(2):
            services.log_attempt(self.henry, self.case, channel="phone", note="No answer")
        with self.assertRaises(ValidationError):
            services.close_after_attempts(self.henry, self.case)
        services.log_attempt(self.henry, self.case, channel="sms")
        services.close_after_attempts(self.henry, self.case)
        self.assertEqual(self.reload(self.case).closure, "attempts")

    def test_it_refuses_actions_out_of_order(self):
        with self.assertRaises(ValidationError):
            services.confirm_closure(self.case)
        with self.assertRaises(ValidationError):
            services.appeal(self.case, reason="Too slow")

    def test_an_appeal_opens_a_linked_case_for_someone_else(self):
        services.assign(self.henry, self.case, self.henry)
        services.resolve(self.henry, self.case, outcome="not_upheld")
        appeal = services.appeal(self.reload(self.case), reason="Nobody called me back.")
        self.assertEqual(appeal.appeal_of, self.case)
        self.assertIsNotNone(services.find_case(appeal.code, self.filed.secret))
        with self.assertRaises(ValidationError):
            services.assign(self.fatima, appeal, self.henry)
        with self.assertRaises(PermissionDenied):
            services.acknowledge(self.henry, appeal)
        services.assign(self.fatima, appeal, self.fatima)
        with self.assertRaises(ValidationError):
            services.appeal(self.reload(self.case), reason="Again")

    def test_escalation_reaches_the_governance_body(self):
        from partnering.grievances.access import may_handle

        self.assertFalse(may_handle(self.gina, self.case))
        services.escalate(self.henry, self.case, to="governance_body",
                          reason="The partner does not answer.")
        self.assertTrue(may_handle(self.gina, self.reload(self.case)))
        self.assertTrue(AuditEvent.objects.filter(action="grievance.escalated").exists())

    def test_only_handlers_act(self):
        for user in (self.alice, self.carol, self.bob, self.olga):
            with self.assertRaises(PermissionDenied):
                services.acknowledge(user, self.case)
