"""The API: one's own notifications (read one, read all) and settings, never another's."""

from partnering.notifications import ledger
from partnering.notifications.models import Notification
from partnering.notifications.rules import News
from tests.apitest import ApiTestCase


class NotificationsApi(ApiTestCase):
    def setUp(self):
        for cause in ("1", "2"):
            ledger.write(News("position_needed", {self.carol.pk, self.alice.pk},
                              lambda: "Your position is needed", "/x/"), f"test:{cause}",
                         partnership_id=self.private.pk)

    def test_it_lists_and_marks_ones_own_notifications(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.get("/notifications"), 200)
        assert (body["count"], body["unread"]) == (2, 2)
        assert body["items"][0]["needs_action"] is True
        first = body["items"][0]["id"]
        read = self.assert_status(self.post(f"/notifications/{first}/read"), 200)
        assert read["read_at"] is not None
        assert self.assert_status(self.post("/notifications/read-all"), 200) == {"marked": 1}
        assert Notification.objects.filter(recipient=self.alice, read_at=None).count() == 2

    def test_it_hides_another_persons_notification(self):
        theirs = Notification.objects.filter(recipient=self.alice).first()
        self.sign_in(self.carol)
        self.assert_status(self.post(f"/notifications/{theirs.pk}/read"), 404)

    def test_it_needs_a_signed_in_user(self):
        self.assert_status(self.get("/notifications"), 401)

    def test_it_reads_and_changes_settings_strictly(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.get("/me/notification-settings"), 200)
        assert body["frequencies"]["position_needed"] == "immediately"
        assert body["frequencies"]["phase_changed"] == "daily"
        changed = {"frequencies": {"phase_changed": "weekly"}, "time_zone": "Africa/Niamey",
                   "digest_hour": 8, "language": "fr"}
        body = self.assert_status(self.client.put(
            "/api/v1/me/notification-settings", changed, content_type="application/json"), 200)
        assert (body["frequencies"]["phase_changed"], body["language"]) == ("weekly", "fr")
        for wrong in ({**changed, "frequencies": {"signature_awaited": "off"}},
                      {**changed, "digest_hour": 24}, {**changed, "colour": "red"}):
            self.assert_status(self.client.put("/api/v1/me/notification-settings", wrong,
                                               content_type="application/json"), 422)
