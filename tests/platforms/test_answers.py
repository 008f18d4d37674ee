"""The secretariat answers an item; the answer goes back to every origin along the path,
merged ones included, and each origin says in one click whether they feel heard."""

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from partnering.audit.models import AuditEvent
from partnering.notifications.models import Notification
from partnering.platforms.loops import services
from partnering.platforms.models import AnswerDelivery, HeardResponse
from tests.platforms.loops import LoopWorld
from tests.platforms.world import TODAY


@time_machine.travel(TODAY, tick=False)
class AnswerTests(LoopWorld):
    def test_it_delivers_the_answer_to_every_origin_of_a_merged_item(self):
        item = self.merged_world()
        answer = services.answer_item(self.sam, item, outcome="accepted",
                                      change_in_plan="Chapter 1 adds a drainage programme")
        deliveries = {d.submission_id: d for d in AnswerDelivery.objects.filter(answer=answer)}
        assert set(deliveries) == {self.s_alice.pk, self.s_anonymous.pk, self.s_carol.pk}
        assert all(d.delivered_at is not None for d in deliveries.values())
        assert deliveries[self.s_anonymous.pk].channel == "forum"
        assert deliveries[self.s_alice.pk].channel == "ledger"
        told = set(Notification.objects.filter(category="answer_given").values_list(
            "recipient__username", flat=True))
        # the origins with an account, and the chairs of the forums on the path
        assert told == {"alice", "carol", "bob"}
        assert AuditEvent.objects.filter(action="answer.given").count() == 1
        assert AuditEvent.objects.filter(action="answer.delivered").count() == 1

    def test_it_can_leave_deliveries_waiting_for_the_job(self):
        item = self.item_of(self.submit("Fix the drains"))
        answer = services.answer_item(self.sam, item, outcome="partly_accepted",
                                      deliver=False)
        assert AnswerDelivery.objects.get(answer=answer).delivered_at is None
        assert not Notification.objects.filter(category="answer_given").exists()
        services.queue_deliveries(answer)
        assert AnswerDelivery.objects.get(answer=answer).delivered_at is not None

    def test_it_requires_a_reason_and_a_referral(self):
        item = self.item_of(self.submit("Fix the drains"))
        with self.assertRaises(ValidationError) as caught:
            services.answer_item(self.sam, item, outcome="not_accepted")
        assert "reason" in caught.exception.error_dict
        with self.assertRaises(ValidationError) as caught:
            services.answer_item(self.sam, item, outcome="outside_scope")
        assert "referred_to" in caught.exception.error_dict
        services.answer_item(self.sam, item, outcome="outside_scope",
                             referred_to="National Water Commission")
        with self.assertRaises(ValidationError):  # answered once
            services.answer_item(self.sam, item, outcome="accepted")

    def test_it_lets_only_the_secretariat_answer(self):
        item = self.item_of(self.submit("Fix the drains"))
        for user in (self.alice, self.carol, self.olga):
            with self.assertRaises(PermissionDenied):
                services.answer_item(user, item, outcome="accepted")

    def test_it_refuses_to_answer_an_item_merged_into_another(self):
        self.merged_world()
        with self.assertRaises(ValidationError):
            services.answer_item(self.sam, self.item_of(self.s_alice), outcome="accepted")

    def test_it_hears_in_one_click_signed_in_or_by_receipt(self):
        answer = services.answer_item(self.sam, self.merged_world(), outcome="accepted")
        services.say_heard(self.alice, self.s_alice, feeling="yes")
        services.say_heard(self.alice, self.s_alice, feeling="partly", comment="Slowly")
        services.say_heard_by_receipt(self.receipt, feeling="no", comment="Nothing changed")
        feelings = dict(HeardResponse.objects.filter(answer=answer).values_list(
            "submission_id", "feeling"))
        assert feelings == {self.s_alice.pk: "partly", self.s_anonymous.pk: "no"}
        with self.assertRaises(PermissionDenied):
            services.say_heard(self.olga, self.s_alice, feeling="yes")
        with self.assertRaises(ValidationError):
            services.say_heard_by_receipt("not-a-receipt", feeling="yes")
        with self.assertRaises(ValidationError):
            services.say_heard(self.carol, self.s_carol, feeling="maybe")
        assert AuditEvent.objects.filter(action="heard.said").count() == 3

    def test_it_refuses_heard_before_an_answer(self):
        submission = self.submit("Fix the drains")
        with self.assertRaises(ValidationError):
            services.say_heard(self.alice, submission, feeling="yes")
