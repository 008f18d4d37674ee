"""/api/v1/tokens and /api/v1/me: personal API tokens and Bearer authentication."""

import datetime as dt

import time_machine

from partnering.accounts.models import ApiToken, hash_token
from partnering.accounts.services import MAX_TOKENS_PER_USER, create_token
from tests.apitest import ApiTestCase

NOON = dt.datetime(2026, 11, 3, 12, 0, tzinfo=dt.UTC)


class CreatingTokens(ApiTestCase):
    def test_it_creates_a_token_and_shows_it_only_once(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post("/tokens", {"name": "  Reporting script "}), 201)
        raw = body["token"]
        assert raw.startswith("pt_") and len(raw) > 40
        assert body["prefix"] == raw[:10]
        assert body["name"] == "Reporting script"
        assert body["last_used"] is None
        token = ApiToken.objects.get(pk=body["id"])
        assert token.key_hash == hash_token(raw)
        assert raw not in {token.key_hash, token.prefix, token.name}, "only a hash is kept"
        self.assert_audited(token, "create", actor=self.alice)
        (listed,) = self.assert_list(self.get("/tokens"), count=1)
        assert "token" not in listed
        assert raw not in str(listed)
        assert listed["prefix"] == raw[:10]

    def test_it_lists_only_your_own_tokens(self):
        create_token(self.bob, "Bob's")
        self.sign_in(self.alice)
        self.assert_list(self.get("/tokens"), count=0)
        self.post("/tokens", {"name": "Mine"})
        (mine,) = self.assert_list(self.get("/tokens"), count=1)
        assert mine["name"] == "Mine"

    def test_it_refuses_a_token_without_a_proper_name(self):
        self.sign_in(self.alice)
        for payload in ({}, {"name": ""}, {"name": "   "}, {"name": "n" * 101},
                        {"name": ["a", "list"]}):
            with self.subTest(payload=payload), self.assert_nothing_saved():
                self.assert_error(self.post("/tokens", payload), 422)

    def test_it_limits_the_number_of_tokens(self):
        for number in range(MAX_TOKENS_PER_USER):
            create_token(self.alice, f"Token {number}")
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            body = self.assert_error(self.post("/tokens", {"name": "One more"}), 422)
        assert "revoke one" in body["detail"]

    def test_it_needs_a_signed_in_user(self):
        with self.assert_nothing_saved():
            self.assert_error(self.post("/tokens", {"name": "Anon"}), 401)
        self.assert_error(self.get("/tokens"), 401)

    def test_it_refuses_a_session_write_without_a_csrf_token(self):
        client, token = self.csrf_client(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(client.post("/api/v1/tokens", {"name": "Sneaky"},
                                          content_type="application/json"), 403)
        self.assert_status(client.post("/api/v1/tokens", {"name": "Mine"},
                                       content_type="application/json",
                                       headers={"X-CSRFToken": token}), 201)


class BearerAuthentication(ApiTestCase):
    def test_it_knows_who_you_are_by_your_token(self):
        body = self.assert_status(self.get("/me", headers=self.bearer(self.alice)), 200)
        assert body["username"] == "alice"
        assert body["name"] == "Alice Mensah"
        assert body["person_id"] == self.alice_person.pk
        assert body["organisation_id"] == self.trust.pk
        assert body["is_platform_admin"] is False

    def test_it_knows_who_you_are_by_your_session(self):
        self.sign_in(self.admin)
        body = self.assert_status(self.get("/me"), 200)
        assert (body["username"], body["is_platform_admin"], body["person_id"]) == (
            "admin", True, None)

    def test_it_answers_401_to_anonymous_visitors_of_me(self):
        self.assert_error(self.get("/me"), 401)

    def test_it_shows_a_token_holder_what_the_user_may_see(self):
        items = self.assert_list(self.get("/partnerships", headers=self.bearer(self.carol)),
                                 count=2)
        assert {p["visibility"] for p in items} == {"private", "public"}

    def test_it_accepts_a_token_write_without_csrf_and_acts_as_the_token_holder(self):
        client, _ = self.csrf_client(self.olga)  # a browser session of someone else, too
        response = client.post(f"/api/v1/partnerships/{self.private.pk}/phase",
                               {"to_phase": "building", "reason": "Ready",
                                "confirm_open_items": True},
                               content_type="application/json", headers=self.bearer(self.bob))
        body = self.assert_status(response, 201)
        assert body["actor_name"] == "Bob Broker"
        self.assert_audited(self.private, "partnership.phase_moved", actor=self.bob)

    def test_it_refuses_a_wrong_or_malformed_token_with_401(self):
        for header in ("Bearer pt_not-a-real-token", "Bearer ", "bearer nonsense",
                       "Bearer " + "x" * 5000):
            with self.subTest(header=header[:30]):
                headers = {"Authorization": header}
                self.assert_error(self.get("/me", headers=headers), 401)
                self.assert_error(self.get("/partnerships", headers=headers), 401)
                with self.assert_nothing_saved():
                    self.assert_error(self.post("/organisations", {
                        "name": "Forged", "sector": "public"}, headers=headers), 401)

    def test_it_refuses_the_token_of_a_deactivated_user(self):
        headers = self.bearer(self.carol)
        self.carol.is_active = False
        self.carol.save()
        self.assert_error(self.get("/me", headers=headers), 401)

    def test_it_notes_when_a_token_was_last_used_at_most_once_a_minute(self):
        token, raw = create_token(self.alice, "Script")
        headers = {"Authorization": f"Bearer {raw}"}
        with time_machine.travel(NOON, tick=False):
            self.get("/me", headers=headers)
        assert self.reload(token).last_used == NOON
        with time_machine.travel(NOON + dt.timedelta(seconds=30), tick=False):
            self.get("/me", headers=headers)
        assert self.reload(token).last_used == NOON
        with time_machine.travel(NOON + dt.timedelta(minutes=5), tick=False):
            self.get("/me", headers=headers)
        assert self.reload(token).last_used == NOON + dt.timedelta(minutes=5)
        self.sign_in(self.alice)
        (listed,) = self.assert_list(self.get("/tokens"))
        assert listed["last_used"] == "2026-11-03T12:05:00Z"


class RevokingTokens(ApiTestCase):
    def test_it_revokes_a_token_which_then_stops_working(self):
        token, raw = create_token(self.alice, "Old laptop")
        headers = {"Authorization": f"Bearer {raw}"}
        self.assert_status(self.get("/me", headers=headers), 200)
        self.sign_in(self.alice)
        self.assert_status(self.delete(f"/tokens/{token.pk}"), 204)
        assert not ApiToken.objects.filter(pk=token.pk).exists()
        self.assert_audited(token, "delete", actor=self.alice)
        self.client.logout()
        self.assert_error(self.get("/me", headers=headers), 401)
        self.assert_error(self.get("/partnerships", headers=headers), 401)
        self.assert_error(self.post("/tokens", {"name": "Again"}, headers=headers), 401)

    def test_it_revokes_a_token_with_a_token(self):
        token, raw = create_token(self.alice, "Self-destruct")
        headers = {"Authorization": f"Bearer {raw}"}
        self.assert_status(self.delete(f"/tokens/{token.pk}", headers=headers), 204)
        self.assert_error(self.get("/me", headers=headers), 401)

    def test_it_answers_404_for_someone_elses_token(self):
        token, raw = create_token(self.bob, "Bob's")
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.delete(f"/tokens/{token.pk}"), 404)
            self.assert_error(self.delete("/tokens/999999"), 404)
        self.assert_status(self.get("/me", headers={"Authorization": f"Bearer {raw}"}), 200)

    def test_it_needs_a_signed_in_user_to_revoke(self):
        token, _ = create_token(self.alice, "Kept")
        with self.assert_nothing_saved():
            self.assert_error(self.delete(f"/tokens/{token.pk}"), 401)
