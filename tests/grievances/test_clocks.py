"""Business-day clocks: N business days after the local day a case was received, in the
partnership's time zone, skipping weekends and its holidays; due at the end of that day."""

import datetime as dt
import zoneinfo

import time_machine
from django.test import SimpleTestCase

from partnering.grievances.clocks import Calendar, due_dates, status, worst
from partnering.grievances.vocabulary import ClockStatus

UTC = dt.UTC
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
JOHANNESBURG = zoneinfo.ZoneInfo("Africa/Johannesburg")
LOS_ANGELES = zoneinfo.ZoneInfo("America/Los_Angeles")


def at(*args, tz=UTC) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)


class AddingBusinessDaysTest(SimpleTestCase):
    def test_it_skips_the_weekend(self):
        calendar = Calendar(zoneinfo.ZoneInfo("UTC"))
        friday_evening = at(2026, 12, 4, 18, 0)
        self.assertEqual(calendar.due(friday_evening, 1).date(), dt.date(2026, 12, 7))
        self.assertEqual(calendar.due(friday_evening, 5).date(), dt.date(2026, 12, 11))

    def test_it_is_due_at_the_end_of_the_local_day(self):
        calendar = Calendar(JOHANNESBURG)
        due = calendar.due(at(2026, 12, 7, 9, 0, tz=JOHANNESBURG), 1)
        self.assertEqual(due, dt.datetime(2026, 12, 8, 23, 59, 59, 999999, tzinfo=JOHANNESBURG))
        self.assertEqual(due.astimezone(UTC).hour, 21)

    def test_it_crosses_month_and_year_ends(self):
        calendar = Calendar(zoneinfo.ZoneInfo("UTC"))
        self.assertEqual(calendar.due(at(2026, 11, 30, 10), 3).date(), dt.date(2026, 12, 3))
        self.assertEqual(calendar.due(at(2026, 10, 30, 10), 1).date(), dt.date(2026, 11, 2))
        self.assertEqual(calendar.due(at(2026, 12, 31, 10), 1).date(), dt.date(2027, 1, 1))

    def test_it_skips_the_partnerships_holidays(self):
        calendar = Calendar(zoneinfo.ZoneInfo("UTC"),
                            frozenset({dt.date(2027, 1, 1), dt.date(2026, 12, 25)}))
        self.assertEqual(calendar.due(at(2026, 12, 31, 10), 1).date(), dt.date(2027, 1, 4))
        self.assertEqual(calendar.due(at(2026, 12, 24, 10), 1).date(), dt.date(2026, 12, 28))
        # Filed on a holiday: the count starts from the next business day.
        self.assertEqual(calendar.due(at(2026, 12, 25, 10), 1).date(), dt.date(2026, 12, 28))

    def test_it_counts_from_the_partnerships_local_day(self):
        friday_night_utc = at(2026, 12, 4, 23, 30)  # Saturday morning in Tokyo
        tokyo = Calendar(TOKYO).due(friday_night_utc, 1)
        self.assertEqual(tokyo.date(), dt.date(2026, 12, 7))
        self.assertEqual(tokyo.astimezone(UTC), at(2026, 12, 7, 14, 59, 59, 999999))
        los_angeles = Calendar(LOS_ANGELES).due(friday_night_utc, 1)  # Friday afternoon
        self.assertEqual(los_angeles.date(), dt.date(2026, 12, 7))
        saturday_tokyo = Calendar(TOKYO).due(at(2026, 12, 5, 16, 0), 1)  # Sunday 01:00
        self.assertEqual(saturday_tokyo.date(), dt.date(2026, 12, 7))
        monday_tokyo = Calendar(TOKYO).due(at(2026, 12, 6, 16, 0), 1)  # Monday 01:00
        self.assertEqual(monday_tokyo.date(), dt.date(2026, 12, 8))

    def test_it_gives_three_clocks_from_the_service_level(self):
        dues = due_dates(Calendar(zoneinfo.ZoneInfo("UTC")), at(2026, 12, 7, 9), (1, 3, 14))
        self.assertEqual({k: v.date() for k, v in dues.items()}, {
            "acknowledge": dt.date(2026, 12, 8), "respond": dt.date(2026, 12, 10),
            "resolve": dt.date(2026, 12, 25)})


class ClockStatusTest(SimpleTestCase):
    calendar = Calendar(zoneinfo.ZoneInfo("UTC"))
    received = at(2026, 12, 7, 9)  # Monday
    due = calendar.due(received, 10)  # Monday 21 December, end of day

    def status_at(self, moment, stopped=None):
        with time_machine.travel(moment, tick=False):
            return status(self.calendar, self.received, self.due, stopped)

    def test_it_is_on_track_early(self):
        self.assertEqual(self.status_at(at(2026, 12, 8, 12)), ClockStatus.ON_TRACK)

    def test_it_is_at_risk_past_three_quarters_of_the_time(self):
        self.assertEqual(self.status_at(at(2026, 12, 18, 9)), ClockStatus.AT_RISK)

    def test_it_is_at_risk_with_one_business_day_left(self):
        short = self.calendar.due(at(2026, 12, 4, 9), 5)  # Friday → Friday 11 December
        with time_machine.travel(at(2026, 12, 10, 8), tick=False):
            self.assertEqual(status(self.calendar, at(2026, 12, 4, 9), short),
                             ClockStatus.AT_RISK)
        with time_machine.travel(at(2026, 12, 7, 8), tick=False):
            self.assertEqual(status(self.calendar, at(2026, 12, 4, 9), short),
                             ClockStatus.ON_TRACK)

    def test_a_weekend_does_not_count_as_days_left(self):
        # Friday 18 December: the due Monday is the next business day.
        self.assertEqual(self.status_at(at(2026, 12, 18, 0, 5)), ClockStatus.AT_RISK)

    def test_it_is_breached_after_the_due_moment(self):
        self.assertEqual(self.status_at(at(2026, 12, 22, 0, 0, 1)), ClockStatus.BREACHED)
        self.assertEqual(self.status_at(at(2026, 12, 21, 23, 59)), ClockStatus.AT_RISK)

    def test_a_stopped_clock_is_met_or_met_late(self):
        self.assertEqual(self.status_at(at(2027, 1, 5), stopped=at(2026, 12, 21, 17)),
                         ClockStatus.MET)
        self.assertEqual(self.status_at(at(2027, 1, 5), stopped=at(2026, 12, 23, 9)),
                         ClockStatus.MISSED)

    def test_the_worst_running_clock_speaks_for_the_case(self):
        from partnering.grievances.clocks import ClockView

        views = [ClockView("a", "", None, None, ClockStatus.MET),
                 ClockView("b", "", None, None, ClockStatus.AT_RISK),
                 ClockView("c", "", None, None, ClockStatus.ON_TRACK)]
        self.assertEqual(worst(views), ClockStatus.AT_RISK)
        self.assertIsNone(worst(views[:1]))
