"""Unsubscribing from an e-mail: a signed token per person and category, a page that asks
before it acts (GET) and the one-click POST of RFC 8058, no sign-in needed."""

from partnering.notifications import services, tokens
from partnering.notifications.ledger import settings_of
from tests.base import PartneringTestCase


class Unsubscribe(PartneringTestCase):
    def url(self, user, category):
        return f"/notifications/unsubscribe/{tokens.make(user.pk, category)}/"

    def test_it_asks_before_turning_a_category_off(self):
        response = self.client.get(self.url(self.carol, "phase_changed"))
        self.assertContains(response, "Stop e-mails for")
        assert settings_of(self.carol).frequency("phase_changed") == "daily"

    def test_it_turns_the_category_off_with_one_click(self):
        response = self.client.post(self.url(self.carol, "phase_changed"),
                                    {"List-Unsubscribe": "One-Click"})
        self.assertContains(response, "you will no longer receive")
        assert self.reload(self.carol).notification_settings.frequency("phase_changed") == \
            "off"

    def test_it_refuses_a_forged_or_altered_token(self):
        token = tokens.make(self.carol.pk, "phase_changed")
        response = self.client.post(f"/notifications/unsubscribe/{token[:-2]}xx/")
        assert response.status_code == 404
        assert tokens.read(token) == (self.carol.pk, "phase_changed")

    def test_it_cannot_turn_off_a_signature_request(self):
        response = self.client.post(self.url(self.alice, "signature_awaited"))
        self.assertContains(response, "cannot be turned off")
        assert settings_of(self.alice).frequency("signature_awaited") == "immediately"
        assert services.unsubscribe(self.alice.pk, "signature_awaited") is False

    def test_it_turns_off_what_the_digest_collects(self):
        self.client.post(self.url(self.carol, tokens.DIGEST))
        current = self.reload(self.carol).notification_settings
        assert current.frequency("phase_changed") == "off"
        assert current.frequency("position_needed") == "immediately"
