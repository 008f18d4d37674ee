"""Feedback-loop closure, measured exactly on a small hand-made world, "overdue" in the
platform's time zone (America/Jamaica, UTC−5; the answer deadline is 30 March 2027)."""

import datetime as dt

import time_machine

from partnering.platforms.loops import services
from partnering.platforms.loops.metrics import MIN_HEARD, Row, loop_metrics
from tests.platforms.loops import LoopWorld
from tests.platforms.world import TODAY


def at(day: str, hour: int = 15) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.UTC)


AFTER = at("2027-04-05")


class LoopMetricsTests(LoopWorld):
    def answer(self, submission, when, outcome="accepted", **extra):
        with time_machine.travel(when, tick=False):
            return services.answer_item(self.sam, self.item_of(submission), outcome=outcome,
                                        **extra)

    def small_world(self):
        with time_machine.travel(TODAY, tick=False):  # 10 February, 15:00 UTC
            self.a1, self.a2, self.a3 = (self.submit(f"Input {n}") for n in (1, 2, 3))
            self.c1 = self.submit("Ministry input", user=self.carol, forum=self.pdc)
        self.answer(self.a1, at("2027-02-12"))  # 2 days
        self.answer(self.c1, at("2027-02-20"), "not_accepted", reason="Funded already",
                    deliver=False)  # 10 days, not delivered yet
        # 31 March 03:00 UTC is 30 March 22:00 in Jamaica: on the deadline's day
        self.answer(self.a2, at("2027-03-31", 3), "partly_accepted")  # 48.5 days
        with time_machine.travel(AFTER, tick=False):
            services.say_heard(self.alice, self.a1, feeling="yes")
            services.say_heard(self.alice, self.a2, feeling="no")

    def test_it_measures_the_whole_consultation(self):
        self.small_world()
        metrics = loop_metrics(self.mtf, now=AFTER)
        total = metrics.total
        assert total.counts["submissions"] == 4
        assert total.answered_share == 0.75
        assert total.median_days == 10
        assert abs(total.p90_days - (10 + 0.8 * 38.5)) < 1e-6
        assert total.overdue_share == 0.25  # a3, unanswered after the deadline
        assert (metrics.answers, metrics.answers_delivered) == (3, 2)
        assert total.delivered_share == 2 / 3
        assert total.counts["heard"] == 2
        assert total.heard_share() is None  # fewer than five responses show no share

    def test_it_gives_each_reader_rows_of_their_own_from_the_kept_metrics(self):
        self.small_world()
        first = loop_metrics(self.mtf, now=AFTER)
        first.total.heard_hidden = True  # as one reader's tables may hide or label a row
        first.by["sector"]["public"].label = "Public sector"
        again = loop_metrics(self.mtf, now=AFTER)
        assert not again.total.heard_hidden and again.by["sector"]["public"].label == ""
        assert again.total.counts == first.total.counts

    def test_it_counts_again_when_the_answer_deadline_moves(self):
        self.small_world()
        assert loop_metrics(self.mtf, now=AFTER).total.counts["overdue"] == 1
        self.mtf.answer_deadline = dt.date(2027, 4, 30)
        self.mtf.save(update_fields=["answer_deadline"])
        assert loop_metrics(self.mtf, now=AFTER).total.counts["overdue"] == 0

    def test_it_measures_by_sector_and_level_with_who_is_heard(self):
        self.small_world()
        metrics = loop_metrics(self.mtf, now=AFTER)
        civil, public = metrics.by["sector"]["civil_society"], metrics.by["sector"]["public"]
        assert (civil.counts["submissions"], civil.counts["answered"]) == (3, 2)
        assert civil.median_days == (2 + 48.5) / 2
        assert (public.counts["accepted"], public.median_days) == (0, 10)
        assert metrics.by["level"][self.parish.pk].counts["submissions"] == 1
        assert metrics.by["forum"][self.cdc.pk].answered_share == 2 / 3
        assert metrics.by["language"]["en"].counts["submissions"] == 4
        # accepted shares civil 1, public 0 against 3/4 and 1/4 of submissions
        assert metrics.equity["sector"] == 0.75
        assert metrics.equity["level"] == 0.75

    def test_it_counts_overdue_in_the_platforms_time_zone(self):
        with time_machine.travel(TODAY, tick=False):
            late, on_time = self.submit("Late"), self.submit("On time")
        self.answer(on_time, at("2027-03-31", 4))  # 23:00 on 30 March in Jamaica
        self.answer(late, at("2027-03-31", 6))  # 01:00 on 31 March in Jamaica
        metrics = loop_metrics(self.mtf, now=AFTER)
        assert metrics.total.counts["overdue"] == 1
        # an unanswered item is overdue only once the deadline's day ended in Jamaica
        with time_machine.travel(TODAY, tick=False):
            self.submit("Waiting")
        assert loop_metrics(self.mtf, now=at("2027-03-31", 4)).total.counts["overdue"] == 1
        assert loop_metrics(self.mtf, now=at("2027-03-31", 6)).total.counts["overdue"] == 2

    def test_it_counts_answers_of_merged_items_for_every_origin(self):
        with time_machine.travel(TODAY, tick=False):
            item = self.merged_world()
        with time_machine.travel(at("2027-02-13"), tick=False):
            services.answer_item(self.sam, item, outcome="accepted")
        metrics = loop_metrics(self.mtf, now=AFTER)
        assert metrics.total.counts["submissions"] == 3
        assert metrics.total.answered_share == 1
        assert metrics.total.median_days == 3
        assert metrics.by["sector"][""].counts["submissions"] == 1  # anonymous: no sector

    def test_it_counts_only_answers_to_input_among_answers_delivered_to_every_origin(self):
        from partnering.platforms.consultations import items as escalation

        self.small_world()
        with time_machine.travel(TODAY, tick=False):
            own = escalation.add_synthesis(self.carol, self.pdc, self.mtf, title="Our view",
                                           text="Roads first.")
        services.answer_item(self.sam, own, outcome="accepted")
        metrics = loop_metrics(self.mtf, now=AFTER)
        assert (metrics.answers, metrics.answers_delivered) == (3, 2)


class HeardShareTests(LoopWorld):
    def test_it_shows_a_heard_share_from_five_responses(self):
        row = Row()
        row.counts.update(heard=MIN_HEARD - 1, yes=MIN_HEARD - 1)
        assert row.heard_share() is None
        row.counts.update(heard=MIN_HEARD, yes=3, partly=2)
        assert (row.heard_share(), row.heard_share("partly")) == (0.6, 0.4)


class LoopMetricsCommandTests(LoopWorld):
    def test_it_prints_the_table(self):
        from io import StringIO

        from django.core.management import call_command
        from django.core.management.base import CommandError

        with time_machine.travel(TODAY, tick=False):
            services.answer_item(self.sam, self.merged_world(), outcome="accepted")
        out = StringIO()
        call_command("platforms", "loop-metrics", str(self.mtf.pk), stdout=out)
        text = out.getvalue()
        assert "MTF 2027–2030" in text and "By sector" in text and "Riverton CDC" in text
        out = StringIO()
        call_command("platforms", "loop-metrics", "MTF 2027–2030", "--json", stdout=out)
        assert '"submissions": 3' in out.getvalue()
        with self.assertRaises(CommandError):
            call_command("platforms", "loop-metrics", "nothing", stdout=out)


class CountedAgainTests(LoopWorld):
    """After a change of the loop facts is committed, the job worker counts the metrics
    again, so the next reader gets them kept (one query: the consultation's version)."""

    def test_it_counts_the_metrics_again_once_a_change_is_committed(self):
        with time_machine.travel(TODAY, tick=False), \
                self.captureOnCommitCallbacks(execute=True):
            self.submit("Fix the Riverton drains before the rains")
        with time_machine.travel(TODAY, tick=False), self.assertNumQueries(1):
            metrics = loop_metrics(self.mtf)
        assert metrics.total.counts["submissions"] == 1

    def test_it_counts_nothing_for_a_change_not_yet_committed(self):
        with time_machine.travel(TODAY, tick=False), \
                self.captureOnCommitCallbacks(execute=False) as waiting:
            self.submit("Fix the Riverton drains before the rains")
        assert waiting, "the count waits for the commit"
        with time_machine.travel(TODAY, tick=False), self.assertNumQueries(3):
            loop_metrics(self.mtf)  # the version, the counts, the percentiles
