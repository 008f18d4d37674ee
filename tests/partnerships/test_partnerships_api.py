"""/api/v1/partnerships: starting, finding and editing partnerships."""

import datetime as dt

import time_machine

from partnering.partnerships.models import Partnership
from tests.apitest import TOO_LONG, ApiTestCase

NEW = {"title": "Clean Wells for Dosso", "problem_statement": "Half the wells are polluted.",
       "sdg_codes": ["6.1", "SDG 3"], "countries": ["ne"], "visibility": "private",
       "level": "coordination"}


class ReadingPartnerships(ApiTestCase):
    def titles(self, response) -> set[str]:
        return {p["title"] for p in self.assert_list(response)}

    def test_it_shows_anonymous_visitors_only_public_partnerships(self):
        items = self.assert_list(self.get("/partnerships"), count=1)
        assert items[0]["id"] == self.public.pk
        assert items[0]["visibility"] == "public"

    def test_it_shows_outsiders_only_public_partnerships(self):
        self.sign_in(self.olga)
        assert self.titles(self.get("/partnerships")) == {"Open Sahel Water Data"}

    def test_it_shows_members_brokers_and_admins_the_private_ones_too(self):
        for user in (self.alice, self.bob, self.carol, self.admin):
            self.sign_in(user)
            with self.subTest(user=user.username):
                assert self.titles(self.get("/partnerships")) == {
                    "Water for Tillabéri", "Open Sahel Water Data"}

    def test_it_answers_404_for_a_partnership_you_may_not_see(self):
        self.assert_error(self.get(f"/partnerships/{self.private.pk}"), 404)
        self.sign_in(self.olga)
        self.assert_error(self.get(f"/partnerships/{self.private.pk}"), 404)
        self.assert_error(self.get("/partnerships/999999"), 404)

    def test_it_shows_one_partnership(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.get(f"/partnerships/{self.private.pk}"), 200)
        assert body["title"] == "Water for Tillabéri"
        assert body["sdg_goals"] == [6]
        assert body["sdg_targets"] == ["6.1"]
        assert body["countries"] == ["NE"]
        assert body["phase"] == "exploration"
        assert body["phase_name"] == "Exploration & consultation"
        assert body["status"] == "active"

    def test_it_filters_by_words_sdg_phase_status_and_mine(self):
        self.sign_in(self.olga)
        assert self.titles(self.get("/partnerships", q="data")) == {"Open Sahel Water Data"}
        assert self.titles(self.get("/partnerships", sdg=4)) == set()
        assert self.titles(self.get("/partnerships", phase="building")) == set()
        assert self.titles(self.get("/partnerships", status="active")) == {
            "Open Sahel Water Data"}
        assert self.titles(self.get("/partnerships", mine="true")) == set()
        self.sign_in(self.carol)
        assert self.titles(self.get("/partnerships", mine="true")) == {"Water for Tillabéri"}

    def test_it_pages_and_refuses_bad_paging(self):
        self.sign_in(self.alice)
        assert len(self.assert_list(self.get("/partnerships", limit=1), count=2)) == 1
        assert len(self.assert_list(self.get("/partnerships", offset=2), count=2)) == 0
        for query in ({"limit": 201}, {"offset": -1}, {"sdg": 18}, {"mine": "perhaps"}):
            with self.subTest(query=query):
                self.assert_error(self.get("/partnerships", **query), 422)


class StartingPartnerships(ApiTestCase):
    def payload(self, **extra) -> dict:
        return {**NEW, "lead_organisation_id": self.trust.pk, **extra}

    @time_machine.travel(dt.datetime(2026, 11, 3, 9, 30, tzinfo=dt.UTC), tick=False)
    def test_it_starts_a_partnership_with_its_lead_checklist_and_audit_trail(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post("/partnerships", self.payload()), 201)
        partnership = Partnership.objects.get(pk=body["id"])
        assert body["sdg_goals"] == [3, 6], "a target brings its goal"
        assert body["sdg_targets"] == ["6.1"]
        assert body["countries"] == ["NE"]
        assert body["path"] == "generic"
        assert body["phase"] == "exploration"
        assert body["created"].startswith("2026-11-03T09:30:00")
        lead = partnership.memberships.get()
        assert (lead.organisation, lead.role, lead.joined) == (self.trust, "lead",
                                                               dt.date(2026, 11, 3))
        assert lead.representatives.get().person == self.alice_person
        assert lead.representatives.get().has_mandate
        assert partnership.checklist.filter(phase="exploration").count() == 9
        self.assert_audited(partnership, "create", actor=self.alice)
        history = self.assert_list(self.get(f"/partnerships/{partnership.pk}/history"), count=3)
        assert {e["object_type"] for e in history} == {
            "partnerships.partnership", "partnerships.membership",
            "partnerships.representative"}

    def test_it_starts_an_innovation_partnership(self):
        self.sign_in(self.alice)
        body = self.assert_status(
            self.post("/partnerships", self.payload(path="innovation")), 201)
        assert body["phase"] == "lead_scope"

    def test_it_lets_you_start_one_only_for_your_own_organisation(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            body = self.assert_error(
                self.post("/partnerships", self.payload(lead_organisation_id=self.ministry.pk)),
                422)
        assert "own organisation" in body["detail"]

    def test_it_lets_a_platform_admin_start_one_for_any_organisation(self):
        self.sign_in(self.admin)
        body = self.assert_status(
            self.post("/partnerships", self.payload(lead_organisation_id=self.bottler.pk)), 201)
        partnership = Partnership.objects.get(pk=body["id"])
        assert not partnership.memberships.get().representatives.exists()

    def test_it_needs_a_signed_in_user(self):
        with self.assert_nothing_saved():
            self.assert_error(self.post("/partnerships", self.payload()), 401)

    def test_it_refuses_a_session_write_without_csrf_but_takes_a_token(self):
        client, _ = self.csrf_client(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(client.post("/api/v1/partnerships", self.payload(),
                                          content_type="application/json"), 403)
        self.assert_status(client.post("/api/v1/partnerships", self.payload(),
                                       content_type="application/json",
                                       headers=self.bearer(self.alice)), 201)

    def test_it_refuses_bad_input_and_saves_nothing(self):
        self.sign_in(self.alice)
        bad = {
            "missing title": {k: v for k, v in self.payload().items() if k != "title"},
            "missing problem statement": {k: v for k, v in self.payload().items()
                                          if k != "problem_statement"},
            "empty title": self.payload(title=""),
            "title of the wrong type": self.payload(title=["a", "list"]),
            "oversized problem statement": self.payload(problem_statement=TOO_LONG),
            "oversized scope": self.payload(scope=TOO_LONG),
            "unknown SDG goal": self.payload(sdg_codes=["18"]),
            "unknown SDG target": self.payload(sdg_codes=["6.99"]),
            "SDG nonsense": self.payload(sdg_codes=["water"]),
            "SDG codes not a list": self.payload(sdg_codes="6"),
            "unknown country": self.payload(countries=["ZZ"]),
            "country name instead of code": self.payload(countries=["Niger"]),
            "unknown path": self.payload(path="waterfall"),
            "unknown visibility": self.payload(visibility="secret"),
            "unknown level": self.payload(level="fusion"),
            "lead organisation of the wrong type": self.payload(lead_organisation_id="trust"),
            "end before start": self.payload(start_date="2026-06-01", end_date="2026-01-01"),
            "not a date": self.payload(start_date="next spring"),
        }
        for case, payload in bad.items():
            with self.subTest(case), self.assert_nothing_saved():
                self.assert_error(self.post("/partnerships", payload), 422)

    def test_it_names_every_unknown_sdg_code(self):
        self.sign_in(self.alice)
        body = self.assert_error(
            self.post("/partnerships", self.payload(sdg_codes=["6", "18", "4.99"])), 422)
        assert "18" in body["detail"]
        assert "4.99" in body["detail"]

    def test_it_answers_404_for_an_unknown_lead_organisation(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.post("/partnerships",
                                        self.payload(lead_organisation_id=999999)), 404)


class EditingPartnerships(ApiTestCase):
    def url(self, partnership=None) -> str:
        return f"/partnerships/{(partnership or self.private).pk}"

    def test_it_lets_the_lead_edit_and_audits_the_change(self):
        self.sign_in(self.alice)
        body = self.assert_status(
            self.patch(self.url(), {"scope": "Ten villages", "sdg_codes": ["6.2"]}), 200)
        assert body["scope"] == "Ten villages"
        assert body["sdg_targets"] == ["6.2"]
        assert body["title"] == "Water for Tillabéri", "fields left out stay as they were"
        event = self.assert_audited(self.private, "update", actor=self.alice)
        assert event.partnership_id == self.private.pk
        assert event.changes["scope"] == ["", "Ten villages"]

    def test_it_lets_the_broker_and_a_platform_admin_edit(self):
        for user in (self.bob, self.admin):
            self.sign_in(user)
            with self.subTest(user=user.username):
                self.assert_status(self.patch(self.url(), {"geography": user.username}), 200)

    def test_it_forbids_a_member_without_a_lead_role(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.private):
            self.assert_error(self.patch(self.url(), {"title": "Carol's now"}), 403)

    def test_it_answers_404_to_an_outsider_and_403_when_the_partnership_is_public(self):
        self.sign_in(self.olga)
        with self.assert_nothing_saved(self.private, self.public):
            self.assert_error(self.patch(self.url(), {"title": "Mine"}), 404)
            self.assert_error(self.patch(self.url(self.public), {"title": "Mine"}), 403)

    def test_it_needs_a_signed_in_user(self):
        with self.assert_nothing_saved(self.public):
            self.assert_error(self.patch(self.url(self.public), {"title": "Anon"}), 401)

    def test_it_refuses_a_bad_edit_and_changes_nothing(self):
        self.sign_in(self.alice)
        for payload in ({"title": ""}, {"sdg_codes": ["6", "99"]}, {"countries": ["XX"]},
                        {"problem_statement": TOO_LONG}, {"visibility": "hidden"},
                        {"end_date": "2020-01-01", "start_date": "2021-01-01"},
                        {"title": "Renamed", "countries": ["ZZ"]}):
            with self.subTest(payload=payload), self.assert_nothing_saved(self.private):
                self.assert_error(self.patch(self.url(), payload), 422)
        assert sorted(self.private.sdg_targets.values_list("code", flat=True)) == ["6.1"]

    def test_it_can_clear_the_dates(self):
        self.sign_in(self.alice)
        self.assert_status(self.patch(self.url(), {"start_date": "2026-01-01"}), 200)
        body = self.assert_status(self.patch(self.url(), {"start_date": None}), 200)
        assert body["start_date"] is None

    def test_it_makes_a_partnership_public(self):
        self.sign_in(self.alice)
        self.assert_status(self.patch(self.url(), {"visibility": "public"}), 200)
        self.client.logout()
        self.assert_status(self.get(self.url()), 200)
