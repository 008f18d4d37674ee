"""The ledger: nobody is told about what they may not see (checked at send time), a job run
again tells nobody twice, and a fan-out costs the same queries for 3 or 30 recipients."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.audit.services import record
from partnering.governance.decisions import services as governance
from partnering.notifications import ledger
from partnering.notifications.models import Delivery, Notification, NotificationSettings
from partnering.notifications.rules import News
from partnering.notifications.tasks import fan_out
from partnering.partnerships.models import Membership, Representative
from partnering.registry.models import Organisation, Person
from tests.base import PartneringTestCase, make_user
from tests.notifications.base import Notified


def news(*users, category="position_needed") -> News:
    return News(category, {user.pk for user in users}, lambda: "Something happened", "/")


class Visibility(Notified, PartneringTestCase):
    def test_it_never_tells_an_outsider_about_a_private_partnership(self):
        ledger.write(news(self.olga, self.carol, self.bob), "test:1",
                     partnership_id=self.private.pk)
        assert set(Notification.objects.values_list("recipient__username", flat=True)) == \
            {"carol", "bob"}

    def test_it_tells_anyone_named_about_a_public_partnership(self):
        ledger.write(news(self.olga), "test:1", partnership_id=self.public.pk)
        assert Notification.objects.get().recipient == self.olga

    def test_it_checks_visibility_when_the_job_runs_not_when_the_event_happened(self):
        with self.captureOnCommitCallbacks() as callbacks:
            governance.create_action(self.alice, self.private, title="Share the map",
                                     owner_organisation=self.ministry,
                                     owner_person=self.carol_person, due_date="2026-12-01")
        Representative.objects.filter(person=self.carol_person).delete()
        for callback in callbacks:
            callback()
        assert not Notification.objects.exists(), "carol no longer takes part"
        assert mail.outbox == []


class NoDuplicates(Notified, PartneringTestCase):
    def test_it_tells_nobody_twice_when_a_job_runs_again(self):
        event = record(self.alice, "partnership.phase_moved", self.private,
                       partnership_id=self.private.pk)
        fan_out.func(event.pk)
        fan_out.func(event.pk)
        assert Notification.objects.filter(recipient=self.carol).count() == 1
        assert Delivery.objects.filter(notification__recipient=self.carol).count() == 2

    def test_it_completes_deliveries_a_stopped_run_left_out(self):
        Notification.objects.create(recipient=self.carol, category="phase_changed",
                                    cause="test:1", title="Old")
        ledger.write(news(self.carol, category="phase_changed"), "test:1",
                     partnership_id=self.private.pk)
        assert Delivery.objects.filter(notification__recipient=self.carol).count() == 2


class FanOutQueries(Notified, PartneringTestCase):
    def grow(self, n: int) -> None:
        for i in range(n):
            org = Organisation.objects.create(name=f"Org {i}", sector="private",
                                              iati_type="70")
            user = make_user(f"rep{len(self.users)}")
            person = Person.objects.create(name=f"Rep {i}", organisation=org, user=user)
            membership = Membership.objects.create(partnership=self.private, organisation=org)
            Representative.objects.create(membership=membership, person=person)
            self.users.append(user)
        NotificationSettings.objects.bulk_create(
            [NotificationSettings(user=user, frequencies={"phase_changed": "immediately"},
                                  language="fr" if i % 2 else "en")
             for i, user in enumerate(self.users)], ignore_conflicts=True)

    def count(self) -> int:
        event = record(self.alice, "partnership.phase_moved", self.private,
                       partnership_id=self.private.pk)
        with CaptureQueriesContext(connection) as queries:
            fan_out.func(event.pk)
        return len(queries)

    def test_it_costs_the_same_queries_for_many_recipients(self):
        self.users = []
        self.grow(3)
        small = self.count()
        self.grow(30)
        large = self.count()
        assert Notification.objects.filter(recipient__username="rep20").count() == 1
        assert len(mail.outbox) == 3 + 33
        assert large == small, (small, large)
