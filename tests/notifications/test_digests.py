"""Digests: at the person's hour in their time zone, "Needs your action" first, grouped by
partnership, never twice for one period; send-digests --dry-run only prints."""

import datetime as dt
from io import StringIO

import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.notifications import digests, ledger
from partnering.notifications.models import Delivery, Digest, NotificationSettings
from partnering.notifications.rules import News
from tests.base import PartneringTestCase, make_user

MORNING = dt.datetime(2026, 12, 7, 6, 30, tzinfo=dt.UTC)  # a Monday


class Digests(PartneringTestCase):
    def setUp(self):
        NotificationSettings.objects.create(user=self.carol, time_zone="Africa/Niamey",
                                            digest_hour=7)  # UTC+1
        with time_machine.travel(MORNING - dt.timedelta(hours=5), tick=False):
            self.tell("phase_changed", "The partnership moved on", "1")
        with time_machine.travel(MORNING - dt.timedelta(hours=4), tick=False):
            self.tell("proposal_decided", "A proposal was decided", "2")
            news = News("value_due", {self.carol.pk}, lambda: "A value is due", "/x/")
            delivery_ids = ledger.write(news, "test:3", partnership_id=self.private.pk)
            Delivery.objects.filter(pk__in=delivery_ids).update(frequency="daily")

    def tell(self, category, title, cause):
        ledger.write(News(category, {self.carol.pk}, lambda: title, "/x/"), f"test:{cause}",
                     partnership_id=self.private.pk)

    def test_it_waits_for_the_persons_hour_in_their_time_zone(self):
        with time_machine.travel(MORNING - dt.timedelta(hours=1), tick=False):  # 06:30 local
            digests.run()
        assert mail.outbox == []

    def test_it_sends_one_digest_with_needs_your_action_first(self):
        with time_machine.travel(MORNING, tick=False):  # 07:30 in Niamey
            digests.run()
        message, = mail.outbox
        assert message.subject == "[Partnering] Your daily digest: 3 updates"
        body = message.body
        assert body.index("Needs your action") < body.index("Water for Tillabéri")
        assert body.index("A proposal was decided") < body.index("The partnership moved on"), \
            "newest first"
        assert "http://127.0.0.1:8000/x/" in body
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Needs your action" in message.alternatives[0][0]
        assert not Delivery.objects.filter(channel="email", status="queued").exists()

    def test_it_never_sends_two_digests_for_one_period(self):
        with time_machine.travel(MORNING, tick=False):
            digests.run()
            self.tell("phase_changed", "Later news", "4")
            digests.run()
        assert len(mail.outbox) == 1
        assert Digest.objects.get().period_key == "2026-12-07"
        with time_machine.travel(MORNING + dt.timedelta(days=1), tick=False):
            digests.run()
        assert len(mail.outbox) == 2, "the next day's digest brings the later news"

    def test_it_prints_what_would_go_out_without_sending(self):
        out = StringIO()
        with time_machine.travel(MORNING, tick=False):
            call_command("send_digests", "--dry-run", stdout=out)
        assert "carol@example.org: daily digest 2026-12-07, 3 item(s)" in out.getvalue()
        assert "Subject: [Partnering] Your daily digest: 3 updates" in out.getvalue()
        assert mail.outbox == [] and not Digest.objects.exists()

    def test_it_shows_the_digests_of_another_hour(self):
        out = StringIO()
        with time_machine.travel(MORNING - dt.timedelta(hours=3), tick=False):
            call_command("send_digests", "--dry-run", stdout=out)
            assert "0 digest(s) would go out." in out.getvalue(), "before anyone's hour"
            call_command("send_digests", "--dry-run", "--at", "2026-12-07T18:00", stdout=out)
        assert "carol@example.org: daily digest 2026-12-07, 3 item(s)" in out.getvalue()
        with self.assertRaisesMessage(CommandError, "is not a date and time"):
            call_command("send_digests", "--dry-run", "--at", "tomorrow")


class DigestQueries(PartneringTestCase):
    """A digest run costs the same queries for 3 people as for 30."""

    def people(self, n: int) -> list:
        users = [make_user(f"reader{n}-{i}")
                 for i in range(n)]
        for i, user in enumerate(users):
            ledger.write(News("phase_changed", {user.pk}, lambda: "The partnership moved on",
                              "/x/"), f"test:{n}:{i}", partnership_id=self.public.pk)
        return users

    def run_digests(self) -> int:
        with time_machine.travel(MORNING + dt.timedelta(hours=12), tick=False), \
                CaptureQueriesContext(connection) as queries:
            digests.run()
        return len(queries)

    def test_it_costs_the_same_queries_for_many_people(self):
        self.people(3)
        few = self.run_digests()
        self.people(30)
        many = self.run_digests()
        assert len(mail.outbox) == 33
        assert many == few
        sent = Delivery.objects.filter(channel="email", status="sent")
        assert sent.count() == 33
        assert all(d.digest.user_id == d.notification.recipient_id
                   for d in sent.select_related("digest", "notification"))
