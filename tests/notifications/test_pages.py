"""In the app: the bell on every page, the inbox (filter, mark read, mark all read, without
JavaScript), the settings page, and the dashboard's "Needs your action" from the ledger."""

from partnering.notifications import ledger
from partnering.notifications.models import Notification
from partnering.notifications.rules import News
from tests.base import PartneringTestCase


class Pages(PartneringTestCase):
    def setUp(self):
        ledger.write(News("position_needed", {self.carol.pk}, lambda: "Your position please",
                          "/x/"), "test:1", partnership_id=self.private.pk)
        ledger.write(News("phase_changed", {self.carol.pk}, lambda: "Open data moved on",
                          "/y/"), "test:2", partnership_id=self.public.pk)

    def test_it_shows_the_unread_count_on_every_page(self):
        self.sign_in(self.carol)
        self.assertContains(self.client.get("/partnerships/"), 'class="count"')
        self.assertContains(self.client.get("/partnerships/"), "2 unread")

    def test_it_costs_visitors_no_query(self):
        response = self.client.get("/sources/")
        self.assertNotContains(response, 'class="bell"')

    def test_it_filters_marks_read_and_marks_all_read(self):
        self.sign_in(self.carol)
        response = self.client.get(f"/notifications/?partnership={self.public.pk}")
        self.assertContains(response, "Open data moved on")
        self.assertNotContains(response, "Your position please")
        first = Notification.objects.get(cause="test:1")
        self.client.post(f"/notifications/{first.pk}/read/")
        assert self.reload(first).read_at is not None
        self.client.post("/notifications/read-all/")
        assert not Notification.objects.filter(read_at=None).exists()

    def test_it_keeps_another_persons_notifications_untouched(self):
        first = Notification.objects.get(cause="test:1")
        self.sign_in(self.olga)
        self.client.post(f"/notifications/{first.pk}/read/")
        self.client.post("/notifications/read-all/")
        assert self.reload(first).read_at is None
        self.assertNotContains(self.client.get("/notifications/"), "Your position please")

    def test_it_feeds_the_dashboards_needs_your_action_block(self):
        self.sign_in(self.carol)
        response = self.client.get("/")
        self.assertContains(response, "Needs your action")
        self.assertContains(response, "Your position please")

    def test_it_saves_the_settings_but_never_turns_off_a_signature_request(self):
        self.sign_in(self.carol)
        data = {"category-phase_changed": "weekly", "time_zone": "Africa/Niamey",
                "digest_hour": "8", "language": "fr"}
        response = self.client.post("/notifications/settings/", data)
        assert response.status_code == 302
        current = self.reload(self.carol).notification_settings
        assert (current.frequency("phase_changed"), current.time_zone) == \
            ("weekly", "Africa/Niamey")
        response = self.client.post("/notifications/settings/",
                                     {**data, "category-signature_awaited": "off"})
        assert response.status_code == 422
        self.assertContains(response, "cannot be turned off", status_code=422)
