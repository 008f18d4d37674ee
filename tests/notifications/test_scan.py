"""The hourly scan: a proposal closing within 48 hours, an action due in 3 days or overdue, a
KPI value and a progress report due; each told once however often the scan runs."""

import datetime as dt

import time_machine
from django.core import mail

from partnering.governance.decisions import services as governance
from partnering.governance.models import Action
from partnering.monitoring import services as monitoring
from partnering.notifications import scan
from partnering.notifications.models import Notification
from tests.governance.base import NOW, GovernanceTestCase
from tests.notifications.base import Notified


@time_machine.travel(NOW, tick=False)
class Scan(Notified, GovernanceTestCase):
    def action(self, due: dt.date) -> Action:
        return governance.create_action(self.alice, self.private, title="Share the map",
                                        owner_organisation=self.ministry,
                                        owner_person=self.carol_person, due_date=due)

    def test_it_reminds_who_has_not_taken_a_position_before_a_proposal_closes(self):
        proposal = self.propose(closes_at=NOW + dt.timedelta(hours=30))
        self.position(self.eve, proposal, self.bottler, stance="agree")
        scan.run()
        assert self.told("proposal_closing") == {"alice", "dan"}

    def test_it_reminds_the_owner_three_days_ahead_and_once_overdue(self):
        self.action(NOW.date() + dt.timedelta(days=3))
        late = self.action(NOW.date() + dt.timedelta(days=10))
        Action.objects.filter(pk=late.pk).update(due_date=NOW.date() - dt.timedelta(days=1))
        scan.run()
        assert self.told("action_due") == {"carol"}
        assert self.told("action_overdue") == {"carol"}
        sent = len(mail.outbox)
        assert sent == 2
        scan.run()
        assert len(mail.outbox) == sent, "the next scan tells nobody again"

    def test_it_tells_the_responsible_organisation_a_value_is_due(self):
        monitoring.create_indicator(
            self.alice, self.private, name="Water committees trained", unit="committees",
            baseline_value=0, baseline_date="2026-01-01", frequency="quarterly",
            responsible_organisation=self.trust.pk)
        scan.run()
        assert self.told("value_due") == {"alice"}

    def test_it_tells_the_stewards_a_progress_report_is_due(self):
        self.private.__class__.objects.filter(pk=self.private.pk).update(
            start_date=NOW.date() - dt.timedelta(days=350))
        scan.run()
        assert self.told("report_due") == {"alice", "bob"}
        assert Notification.objects.filter(category="report_due",
                                           needs_action=True).count() == 2
