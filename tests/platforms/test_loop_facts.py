"""The loop facts the metrics read: one row per origin, kept up to date by the services
that submit, merge, answer, deliver and record "heard"; rebuilt from the records, they are
the same rows."""

import datetime as dt
from io import StringIO

import time_machine
from django.core.management import call_command

from partnering.platforms.loops import facts, services
from partnering.platforms.models import LoopFact
from tests.platforms.loops import LoopWorld
from tests.platforms.world import TODAY

FIELDS = ["consultation_id", "submission_id", "forum_id", "level_id", "sector", "language",
          "submitted_at", "item_id", "answer_id", "answered_at", "outcome", "days_to_answer",
          "delivery", "delivered_at", "feeling", "answer_first", "answer_pending"]


def at(day: str, hour: int = 15) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.UTC)


def snapshot() -> list[tuple]:
    return sorted(LoopFact.objects.values_list(*FIELDS))


class LoopFactTests(LoopWorld):
    def world(self):
        with time_machine.travel(TODAY, tick=False):
            merged = self.merged_world()
            self.c1 = self.submit("Ministry input", user=self.carol, forum=self.pdc)
            self.a1 = self.submit("Input 1")
            self.a2 = self.submit("Input 2")
        with time_machine.travel(at("2027-02-13"), tick=False):
            services.answer_item(self.sam, merged, outcome="accepted")
            services.answer_item(self.sam, self.item_of(self.c1), outcome="not_accepted",
                                 reason="Funded already", deliver=False)
            services.answer_item(self.sam, self.item_of(self.a1), outcome="partly_accepted")
        with time_machine.travel(at("2027-02-20"), tick=False):
            services.say_heard(self.alice, self.a1, feeling="partly")
            services.say_heard_by_receipt(self.receipt, feeling="yes")

    def test_it_keeps_one_fact_per_origin_as_the_services_write(self):
        self.world()
        rows = {f.submission_id: f for f in LoopFact.objects.all()}
        assert len(rows) == LoopFact.objects.count() == 6
        merged = rows[self.s_anonymous.pk]
        assert (merged.outcome, merged.days_to_answer, merged.delivery) == ("accepted", 3,
                                                                            True)
        assert merged.delivered_at is not None and merged.feeling == "yes"
        assert merged.item_id == rows[self.s_carol.pk].item_id  # the merged item
        waiting = rows[self.c1.pk]
        assert (waiting.delivery, waiting.delivered_at) == (True, None)
        assert rows[self.a1.pk].feeling == "partly"
        assert (rows[self.a2.pk].answer_id, rows[self.a2.pk].outcome) == (None, "")

    def test_it_counts_each_answer_once_on_its_first_origin_with_its_pending_deliveries(self):
        with time_machine.travel(TODAY, tick=False):
            merged = self.merged_world()
        with time_machine.travel(at("2027-02-13"), tick=False):
            answer = services.answer_item(self.sam, merged, outcome="accepted", deliver=False)
        first = min(self.s_alice.pk, self.s_anonymous.pk, self.s_carol.pk)
        marked = set(LoopFact.objects.filter(answer_first=True).values_list(
            "submission_id", "answer_pending"))
        assert marked == {(first, True)}
        maintained = snapshot()
        LoopFact.objects.all().delete()
        facts.rebuild(self.mtf)
        assert snapshot() == maintained
        with time_machine.travel(at("2027-02-14"), tick=False):
            services.queue_deliveries(answer, inline=True)
        assert set(LoopFact.objects.filter(answer_first=True).values_list(
            "submission_id", "answer_pending")) == {(first, False)}
        maintained = snapshot()
        facts.rebuild(self.mtf)
        assert snapshot() == maintained

    def test_it_rewrites_the_first_origin_when_another_origin_is_refreshed(self):
        with time_machine.travel(TODAY, tick=False):
            merged = self.merged_world()
        answer = services.answer_item(self.sam, merged, outcome="accepted", deliver=False)
        answer.deliveries.update(delivered_at=TODAY)  # sent, outside the services
        last = max(self.s_alice.pk, self.s_anonymous.pk, self.s_carol.pk)
        facts.refresh([last])  # rewrites every origin of the item that carries it
        assert not LoopFact.objects.filter(answer_pending=True).exists()
        assert LoopFact.objects.filter(answer_first=True).count() == 1

    def test_it_rebuilds_the_same_facts_from_the_records(self):
        self.world()
        maintained = snapshot()
        LoopFact.objects.all().delete()
        assert facts.rebuild(self.mtf) == 6
        assert snapshot() == maintained
        out = StringIO()
        LoopFact.objects.all().delete()
        call_command("platforms", "rebuild-loop-facts", stdout=out)
        assert "6 loop facts written" in out.getvalue()
        assert snapshot() == maintained
        call_command("platforms", "rebuild-loop-facts", str(self.mtf.pk), stdout=out)
        assert snapshot() == maintained
