"""A partnership's managers set up its mechanism: time zone, closing rule, published service
levels, holidays and named handlers; the page shows the filing link and e-mail address of
its own; members who do not manage it may not."""

import datetime as dt

import time_machine
from django.test import override_settings

from partnering.grievances.models import GrievanceHandler, GrievanceSettings, Holiday
from tests.grievances.base import NOW, GrievanceTestCase


@time_machine.travel(NOW, tick=True)
class SetupTest(GrievanceTestCase):
    def url(self, rest=""):
        return f"/partnerships/{self.private.pk}/grievances/setup/{rest}"

    def test_a_manager_publishes_levels_and_the_clocks_follow_them(self):
        self.sign_in(self.alice)
        self.assertEqual(self.client.get(self.url()).status_code, 200)
        self.client.post(self.url("settings/"), {"time_zone": "Africa/Johannesburg",
                                                 "closure_attempts": 2, "intake_open": "on"})
        self.client.post(self.url("levels/"), {"severity": "standard", "acknowledge_days": 1,
                                               "respond_days": 2, "resolve_days": 3})
        self.client.post(self.url("holidays/"), {"date": "2026-12-08", "name": "Feast"})
        settings = GrievanceSettings.objects.get(partnership=self.private)
        self.assertEqual((settings.time_zone, settings.closure_attempts),
                         ("Africa/Johannesburg", 2))
        self.assertTrue(Holiday.objects.filter(date=dt.date(2026, 12, 8)).exists())
        case = self.file().grievance
        self.assertEqual(case.acknowledge_due.date(), dt.date(2026, 12, 9))
        self.assertEqual(case.resolve_due.date(), dt.date(2026, 12, 11))

    def test_levels_must_come_in_order_and_zones_must_exist(self):
        self.sign_in(self.alice)
        response = self.client.post(self.url("levels/"), {
            "severity": "high", "acknowledge_days": 5, "respond_days": 2, "resolve_days": 3})
        self.assertEqual(response.status_code, 422)
        response = self.client.post(self.url("settings/"), {"time_zone": "Mars/Olympus",
                                                            "closure_attempts": 2})
        self.assertEqual(response.status_code, 422)

    def test_a_manager_names_and_removes_handlers(self):
        self.sign_in(self.bob)
        self.client.post(self.url("handlers/"), {"email": "carol@example.org",
                                                 "role": "focal_point"})
        handler = GrievanceHandler.objects.get(user=self.carol)
        self.client.post(self.url(f"handlers/{handler.pk}/remove/"))
        self.assertFalse(GrievanceHandler.objects.filter(user=self.carol).exists())

    def test_members_who_do_not_manage_may_not(self):
        self.sign_in(self.carol)
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.client.post(self.url("handlers/"), {"email": "carol@example.org",
                                                 "role": "focal_point"})
        self.assertFalse(GrievanceHandler.objects.filter(user=self.carol).exists())
        self.sign_in(self.olga)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    @override_settings(GRIEVANCE_MAIL_ADDRESS="grievances@partnering.example.org")
    def test_the_page_shows_the_partnerships_own_filing_link_and_address(self):
        key = GrievanceSettings.objects.create(partnership=self.private).intake_key
        self.sign_in(self.alice)
        page = self.client.get(self.url())
        assert f"grievances+{key}@partnering.example.org" in page.text
        assert f"/grievances/file/{key}/" in page.text
