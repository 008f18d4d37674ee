"""/api/v1/organisations: the public registry of organisations."""

from django.test import Client

from partnering.registry.models import Organisation
from tests.apitest import TOO_LONG, ApiTestCase

NEW = {"name": "Niamey Water Cooperative", "acronym": "NWC", "iati_type": "22",
       "country": "ne", "mission": "Water kiosks run by the neighbourhood",
       "competencies": ["kiosk management", " Kiosk  Management ", "billing"],
       "sdg_goals": [6, 11], "identifier": "GB-CHC-202918"}


class ReadingOrganisations(ApiTestCase):
    def test_it_lists_the_registry_to_anyone_with_items_and_count(self):
        items = self.assert_list(self.get("/organisations"), count=5)
        assert [o["name"] for o in items] == sorted(o["name"] for o in items)
        trust = next(o for o in items if o["id"] == self.trust.pk)
        assert trust["acronym"] == "SWT"
        assert trust["sector"] == "civil_society"

    def test_it_pages_with_limit_and_offset(self):
        first = self.assert_list(self.get("/organisations", limit=2), count=5)
        rest = self.assert_list(self.get("/organisations", limit=2, offset=2), count=5)
        assert len(first) == len(rest) == 2
        assert not {o["id"] for o in first} & {o["id"] for o in rest}

    def test_it_refuses_a_page_bigger_than_200_or_a_bad_offset(self):
        for query in ({"limit": 201}, {"limit": 0}, {"offset": -1}, {"limit": "many"},
                      {"offset": str(10**30)}):
            with self.subTest(query=query):
                self.assert_error(self.get("/organisations", **query), 422)

    def test_it_filters_by_words_sector_country_and_sdg(self):
        self.trust.sdg_goals.set([6])
        by_words = self.assert_list(self.get("/organisations", q="sahel water"), count=1)
        assert by_words[0]["id"] == self.trust.pk
        by_sector = self.assert_list(self.get("/organisations", sector="public"), count=1)
        assert by_sector[0]["id"] == self.ministry.pk
        self.assert_list(self.get("/organisations", country="ne"), count=3)
        by_sdg = self.assert_list(self.get("/organisations", sdg=6), count=1)
        assert by_sdg[0]["sdg_goals"] == [6]

    def test_it_refuses_unknown_filter_values(self):
        for query in ({"sector": "aliens"}, {"sdg": 18}, {"sdg": "six"}, {"country": "NER"}):
            with self.subTest(query=query):
                self.assert_error(self.get("/organisations", **query), 422)

    def test_it_refuses_a_nul_character_in_a_filter(self):
        body = self.assert_error(self.get("/organisations", q="water\x00"), 400)
        assert "NUL" in body["detail"]

    def test_it_shows_one_organisation(self):
        body = self.assert_status(self.get(f"/organisations/{self.ministry.pk}"), 200)
        assert body["name"] == "Ministry of Water"
        assert body["iati_type"] == "10"

    def test_it_answers_404_for_an_unknown_organisation(self):
        self.assert_error(self.get("/organisations/999999"), 404)
        self.assert_error(self.get("/organisations/99999999999999999999"), 404)


class AddingOrganisations(ApiTestCase):
    def test_it_adds_an_organisation_and_audits_it(self):
        self.sign_in(self.olga)
        body = self.assert_status(self.post("/organisations", NEW), 201)
        organisation = Organisation.objects.get(pk=body["id"])
        assert organisation.name == "Niamey Water Cooperative"
        assert body["country"] == "NE"
        assert body["sector"] == "civil_society", "derived from IATI type 22"
        assert body["competencies"] == ["kiosk management", "billing"]
        assert body["sdg_goals"] == [6, 11]
        event = self.assert_audited(organisation, "create", actor=self.olga)
        assert event.changes["name"] == [None, "Niamey Water Cooperative"]

    def test_it_needs_a_signed_in_user(self):
        with self.assert_nothing_saved():
            self.assert_error(self.post("/organisations", NEW), 401)

    def test_it_refuses_a_session_write_without_a_csrf_token(self):
        client, _ = self.csrf_client(self.olga)
        with self.assert_nothing_saved():
            response = client.post("/api/v1/organisations", NEW, content_type="application/json")
        self.assert_error(response, 403)

    def test_it_accepts_a_session_write_with_a_csrf_token(self):
        client, token = self.csrf_client(self.olga)
        response = client.post("/api/v1/organisations", NEW, content_type="application/json",
                               headers={"X-CSRFToken": token})
        self.assert_status(response, 201)

    def test_it_accepts_a_bearer_token_write_without_csrf(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post("/api/v1/organisations", NEW, content_type="application/json",
                               headers=self.bearer(self.olga))
        body = self.assert_status(response, 201)
        self.assert_audited(Organisation.objects.get(pk=body["id"]), "create", actor=self.olga)

    def test_it_refuses_bad_input_and_saves_nothing(self):
        self.sign_in(self.olga)
        bad = {
            "missing name": {k: v for k, v in NEW.items() if k != "name"},
            "empty name": {**NEW, "name": ""},
            "name of the wrong type": {**NEW, "name": 42},
            "unknown registration agency": {**NEW, "identifier": "ZZ-NOPE-1"},
            "identifier without agency": {**NEW, "identifier": "hello"},
            "unknown IATI type": {**NEW, "iati_type": "99"},
            "no sector and no IATI type": {**NEW, "iati_type": ""},
            "unknown sector": {**NEW, "sector": "aliens"},
            "unknown country": {**NEW, "country": "ZZ"},
            "three-letter country": {**NEW, "country": "NER"},
            "website that is not a URL": {**NEW, "website": "not a website"},
            "oversized mission": {**NEW, "mission": TOO_LONG},
            "oversized interests note": {**NEW, "interests_note": TOO_LONG},
            "unknown SDG goal": {**NEW, "sdg_goals": [18]},
            "SDG goal zero": {**NEW, "sdg_goals": [0]},
            "SDG goals of the wrong type": {**NEW, "sdg_goals": "six"},
            "unknown motivation": {**NEW, "motivations": ["greed"]},
            "unknown interest": {**NEW, "interests": ["world domination"]},
            "competencies not a list": {**NEW, "competencies": "plumbing"},
            "overlong competency": {**NEW, "competencies": ["x" * 81]},
        }
        for case, payload in bad.items():
            with self.subTest(case), self.assert_nothing_saved():
                self.assert_error(self.post("/organisations", payload), 422)

    def test_it_refuses_text_with_a_nul_character_which_postgresql_cannot_store(self):
        self.sign_in(self.olga)
        for payload in ({**NEW, "name": "Niamey\x00Water"}, {**NEW, "competencies": ["\x00"]}):
            with self.assert_nothing_saved():
                body = self.assert_error(self.post("/organisations", payload), 400)
            assert "NUL" in body["detail"]

    def test_it_refuses_a_body_that_is_not_json(self):
        self.sign_in(self.olga)
        with self.assert_nothing_saved():
            self.assert_error(self.post("/organisations", "name=Niamey"), 400)
            self.assert_error(self.post("/organisations", [NEW]), 422)

    def test_it_says_which_field_is_wrong(self):
        self.sign_in(self.olga)
        body = self.assert_error(self.post("/organisations", {**NEW, "country": "ZZ"}), 422)
        assert "country" in body["detail"]
        assert body["errors"][0]["loc"] == ["country"]


class ChangingOrganisations(ApiTestCase):
    def make_alice_an_organisation_admin(self):
        self.alice_person.is_organisation_admin = True
        self.alice_person.save()

    def test_it_lets_an_organisation_admin_edit_their_organisation(self):
        self.make_alice_an_organisation_admin()
        self.sign_in(self.alice)
        response = self.patch(f"/organisations/{self.trust.pk}",
                              {"mission": "Safe water for every village", "sdg_goals": [6]})
        body = self.assert_status(response, 200)
        assert body["mission"] == "Safe water for every village"
        assert body["name"] == "Sahel Water Trust", "fields left out stay as they were"
        event = self.assert_audited(self.trust, "update", actor=self.alice)
        assert event.changes["mission"] == ["Safe water for rural communities",
                                            "Safe water for every village"]

    def test_it_lets_a_platform_admin_edit_any_organisation(self):
        self.sign_in(self.admin)
        self.assert_status(self.patch(f"/organisations/{self.bottler.pk}", {"acronym": "CWB"}),
                           200)
        assert self.reload(self.bottler).acronym == "CWB"

    def test_it_forbids_others_to_edit_an_organisation(self):
        for user in (self.alice, self.carol, self.olga):
            self.sign_in(user)
            with self.subTest(user=user.username), self.assert_nothing_saved(self.trust):
                self.assert_error(self.patch(f"/organisations/{self.trust.pk}",
                                             {"name": "Taken over"}), 403)

    def test_it_needs_a_signed_in_user_to_edit(self):
        with self.assert_nothing_saved(self.trust):
            self.assert_error(self.patch(f"/organisations/{self.trust.pk}", {"name": "X"}), 401)

    def test_it_answers_404_when_editing_an_unknown_organisation(self):
        self.sign_in(self.admin)
        self.assert_error(self.patch("/organisations/999999", {"name": "X"}), 404)

    def test_it_refuses_a_bad_edit_and_changes_nothing(self):
        self.make_alice_an_organisation_admin()
        self.trust.sdg_goals.set([6])
        self.sign_in(self.alice)
        for payload in ({"identifier": "hello"}, {"country": "ZZ"}, {"name": ""},
                        {"mission": TOO_LONG}, {"sdg_goals": [6, 99]},
                        {"name": "Renamed", "identifier": "ZZ-NOPE-1"}):
            with self.subTest(payload=payload), self.assert_nothing_saved(self.trust):
                self.assert_error(self.patch(f"/organisations/{self.trust.pk}", payload), 422)
        assert list(self.trust.sdg_goals.values_list("number", flat=True)) == [6]


class DeletingOrganisations(ApiTestCase):
    def test_it_lets_a_platform_admin_delete_an_organisation_and_audits_it(self):
        self.sign_in(self.admin)
        self.assert_status(self.delete(f"/organisations/{self.bottler.pk}"), 204)
        assert not Organisation.objects.filter(pk=self.bottler.pk).exists()
        assert self.audit_for(self.bottler, "delete").get().actor_id == self.admin.pk

    def test_it_refuses_to_delete_a_member_of_a_partnership(self):
        self.sign_in(self.admin)
        with self.assert_nothing_saved(self.ministry):
            body = self.assert_error(self.delete(f"/organisations/{self.ministry.pk}"), 422)
        assert "member" in body["detail"]

    def test_it_forbids_others_to_delete(self):
        self.alice_person.is_organisation_admin = True
        self.alice_person.save()
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.delete(f"/organisations/{self.bottler.pk}"), 403)
        self.client.logout()
        self.assert_error(self.delete(f"/organisations/{self.bottler.pk}"), 401)
