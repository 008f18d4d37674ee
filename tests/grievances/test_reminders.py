"""Clocks in motion: the hourly job reminds the assigned handler of a clock at risk and
escalates a breached case to the governance body (or the secretariat) and the stewards,
through the notifications ledger; never to people of the organisation complained about;
a restricted case only to its named handlers and admins, in words that say nothing of it."""

import datetime as dt

import time_machine

from partnering.grievances import reminders, services
from partnering.grievances.models import Grievance, GrievanceHandler
from partnering.jobs.schedule import SCHEDULE
from partnering.notifications.models import Notification
from tests.base import make_person, make_user
from tests.grievances.base import NOW, GrievanceTestCase

# Standard severity: acknowledge within 5 business days (due Monday 14 December).
AT_RISK = dt.datetime(2026, 12, 11, 9, 0, tzinfo=dt.UTC)  # Friday: one business day left
BREACHED = dt.datetime(2026, 12, 15, 9, 0, tzinfo=dt.UTC)  # Tuesday


class ClockJobTest(GrievanceTestCase):
    def setUp(self):
        with time_machine.travel(NOW, tick=False):
            self.case = self.file(about_organisation=self.ministry).grievance
            services.assign(self.henry, self.case, self.henry)

    def told(self, category):
        return set(Notification.objects.filter(category=category).values_list(
            "recipient__username", flat=True))

    def run_at(self, moment):
        with time_machine.travel(moment, tick=False):
            return reminders.run()

    def test_it_is_scheduled_hourly(self):
        entry = next(e for e in SCHEDULE if e.name == "grievance-clocks")
        assert entry.task == "partnering.grievances.tasks.check_clocks"

    def test_nothing_is_sent_while_every_clock_is_on_track(self):
        assert self.run_at(NOW + dt.timedelta(hours=2))["at_risk"] == 0
        assert not Notification.objects.exists()

    def test_a_clock_at_risk_reminds_the_assigned_handler_once(self):
        self.run_at(AT_RISK)
        self.run_at(AT_RISK + dt.timedelta(hours=1))
        assert self.told("grievance_at_risk") == {"henry"}
        note = Notification.objects.get(category="grievance_at_risk")
        assert self.case.code in note.title and note.url == f"/grievances/{self.case.pk}/"

    def test_a_breach_escalates_to_the_governance_body_and_the_stewards(self):
        self.run_at(BREACHED)
        case = self.reload(self.case)
        assert (case.escalated_to, case.escalated_at) == ("governance_body", BREACHED)
        assert self.told("grievance_breached") == {"gina", "bob", "henry"}
        assert "grievance.escalated" in case.events.values_list("action", flat=True)

    def test_it_escalates_once_however_often_it_runs(self):
        self.run_at(BREACHED)
        self.run_at(BREACHED + dt.timedelta(hours=1))
        assert self.reload(self.case).events.filter(action="grievance.escalated").count() == 1
        assert Notification.objects.filter(recipient=self.gina).count() == 1

    def test_without_a_governance_body_it_goes_to_the_secretariat(self):
        GrievanceHandler.objects.filter(user=self.gina).delete()
        self.run_at(BREACHED)
        assert self.reload(self.case).escalated_to == "secretariat"
        assert "admin" in self.told("grievance_breached")

    def test_nobody_of_the_organisation_complained_about_is_told(self):
        # Carol represents the ministry; an admin of the ministry is left out too.
        ministry_admin = make_user("mina", is_superuser=True)
        make_person("Mina Ministry", self.ministry, ministry_admin)
        GrievanceHandler.objects.create(partnership=self.private, user=self.carol)
        self.run_at(BREACHED)
        told = self.told("grievance_breached") | self.told("grievance_at_risk")
        assert not told & {"carol", "mina", "fatima"}
        assert not told & {"alice", "olga"}


class RestrictedCaseTest(GrievanceTestCase):
    def setUp(self):
        with time_machine.travel(NOW, tick=False):
            self.case = self.file(category="safeguarding",
                                  description="A volunteer takes boys away from the space."
                                  ).grievance

    def test_only_named_handlers_and_admins_are_told(self):
        with time_machine.travel(dt.datetime(2026, 12, 9, 9, tzinfo=dt.UTC), tick=False):
            reminders.run()
        told = set(Notification.objects.values_list("recipient__username", flat=True))
        assert told, "the breach of a restricted case is told to someone"
        assert told <= {"henry", "fatima", "gina", "admin"}
        assert "bob" not in told, "a steward does not see restricted cases"

    def test_the_words_say_only_that_a_restricted_case_needs_attention(self):
        with time_machine.travel(dt.datetime(2026, 12, 9, 9, tzinfo=dt.UTC), tick=False):
            reminders.run()
        for note in Notification.objects.all():
            assert note.title == "A restricted case needs attention"
            assert note.summary == "" and note.url == f"/grievances/{self.case.pk}/"
            assert note.partnership_title == "" and note.partnership_id is None
            for secret in ("Safeguarding", "safeguarding", "volunteer", self.case.code):
                assert secret not in note.title + note.summary

    def test_the_e_mail_of_a_restricted_case_says_no_more(self):
        from django.core import mail

        from partnering.notifications.mail import send_deliveries
        from partnering.notifications.models import Delivery

        with time_machine.travel(dt.datetime(2026, 12, 9, 9, tzinfo=dt.UTC), tick=False):
            reminders.run()
            send_deliveries(list(Delivery.objects.filter(channel="email").values_list(
                "pk", flat=True)))
        assert mail.outbox
        for message in mail.outbox:
            assert "volunteer" not in message.body and "afeguarding" not in message.body
            assert self.case.code not in message.subject + message.body


class ClosedCasesTest(GrievanceTestCase):
    def test_resolved_cases_are_left_alone(self):
        with time_machine.travel(NOW, tick=False):
            case = self.file().grievance
            services.resolve(self.henry, case, outcome="not_upheld")
        with time_machine.travel(BREACHED, tick=False):
            assert reminders.run() == {"at_risk": 0, "breached": 0, "emails": 0}
        assert not Grievance.objects.filter(escalated_to__gt="").exists()
