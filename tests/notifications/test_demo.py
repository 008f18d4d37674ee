"""The demo's inboxes come from the demo's own history, without mailing anyone."""

import time_machine
from django.core import mail

from partnering.notifications import demo
from partnering.notifications.models import Delivery, Notification
from tests.governance.base import NOW, GovernanceTestCase


@time_machine.travel(NOW, tick=False)
class Demo(GovernanceTestCase):
    def test_it_fills_inboxes_from_past_events_without_mailing(self):
        self.propose()
        counts = demo.load()
        assert counts["dan"] >= 1 and counts["eve"] >= 1, counts
        assert "olga" not in counts, "an outsider is never told about a private partnership"
        assert mail.outbox == []
        assert not Delivery.objects.filter(status="queued", frequency="immediately").exists()
        again = Notification.objects.count()
        demo.load()
        assert Notification.objects.count() == again
