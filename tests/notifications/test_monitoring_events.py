"""A reporter hears when another member queries or confirms the value they reported."""

import time_machine
from django.core import mail

from partnering.monitoring import services
from tests.monitoring.base import NOW, MonitoringTestCase
from tests.notifications.base import Notified


@time_machine.travel(NOW, tick=False)
class MonitoringEvents(Notified, MonitoringTestCase):
    def setUp(self):
        self.trained = services.report_measurement(
            self.alice, self.trust_kpi, period_start="2026-01-01", period_end="2026-06-30",
            value=6)

    def test_it_tells_the_reporter_that_their_value_was_queried(self):
        with self.fanned_out():
            services.validate_measurement(self.carol, self.trained, status="queried",
                                          comment="Our office counted five.")
        assert self.told("value_queried") == {"alice"}
        assert self.mailed() == {"alice"}
        assert "Water committees trained" in mail.outbox[0].subject
        assert "Our office counted five." in mail.outbox[0].body

    def test_it_tells_the_reporter_that_their_value_was_confirmed(self):
        with self.fanned_out():
            services.validate_measurement(self.carol, self.trained, status="confirmed")
        assert self.told("value_confirmed") == {"alice"}
        assert mail.outbox == [], "a confirmation waits for the digest"
