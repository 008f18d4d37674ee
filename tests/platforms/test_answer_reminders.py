"""The daily reminder: the secretariat hears through the ledger of items unanswered as the
published answer deadline (30 March 2027) nears or passes, in the platform's time zone."""

import datetime as dt

import time_machine

from partnering.jobs.schedule import SCHEDULE
from partnering.notifications.models import Notification
from partnering.platforms.loops import reminders, services
from tests.platforms.loops import LoopWorld
from tests.platforms.world import TODAY


def at(day: str, hour: int) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.UTC)


class ReminderTests(LoopWorld):
    def told(self):
        return list(Notification.objects.filter(category="answer_due").values_list(
            "recipient__username", "cause"))

    def test_it_tells_the_secretariat_once_near_and_once_past_the_deadline(self):
        with time_machine.travel(TODAY, tick=False):
            self.submit("Fix the drains")
            reminders.run()
        assert self.told() == []  # weeks before the deadline
        with time_machine.travel(at("2027-03-25", 12), tick=False):
            reminders.run()
            reminders.run()
        assert self.told() == [("sam", f"answer-due:{self.mtf.pk}")]
        # 31 March 03:00 UTC is still 30 March in Jamaica: not overdue yet
        with time_machine.travel(at("2027-03-31", 3), tick=False):
            reminders.run()
        assert len(self.told()) == 1
        with time_machine.travel(at("2027-03-31", 6), tick=False):
            reminders.run()
        assert ("sam", f"answer-overdue:{self.mtf.pk}") in self.told()
        assert not any(user == "olga" for user, _cause in self.told())

    def test_it_says_nothing_once_every_item_is_answered(self):
        with time_machine.travel(TODAY, tick=False):
            services.answer_item(self.sam, self.item_of(self.submit("Fix")), outcome="accepted")
        with time_machine.travel(at("2027-04-02", 12), tick=False):
            assert reminders.run() == {"consultations": 0}

    def test_it_is_scheduled_daily(self):
        assert "answer-deadlines" in {entry.name for entry in SCHEDULE}
