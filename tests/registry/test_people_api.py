"""/api/v1/people: the people who partner for organisations (signed-in users only)."""

from partnering.registry.models import Person
from tests.apitest import ApiTestCase

NEW = {"name": "Aïcha Moussa", "email": "aicha@example.org", "job_title": "Engineer",
       "partnering_role": "representative", "skills": ["facilitation", "Facilitation"]}


class ReadingPeople(ApiTestCase):
    def test_it_lists_people_to_signed_in_users(self):
        self.sign_in(self.olga)
        items = self.assert_list(self.get("/people"), count=5)
        alice = next(p for p in items if p["id"] == self.alice_person.pk)
        assert alice["organisation_id"] == self.trust.pk
        assert alice["has_account"] is True

    def test_it_hides_people_from_anonymous_visitors(self):
        self.assert_error(self.get("/people"), 401)
        self.assert_error(self.get(f"/people/{self.alice_person.pk}"), 401)

    def test_it_filters_by_name_and_organisation(self):
        self.sign_in(self.olga)
        found = self.assert_list(self.get("/people", q="carol"), count=1)
        assert found[0]["id"] == self.carol_person.pk
        ministry = self.assert_list(self.get("/people", organisation=self.ministry.pk), count=2)
        assert {p["name"] for p in ministry} == {"Carol Diallo", "Moussa Ibrahim"}

    def test_it_pages_people(self):
        self.sign_in(self.olga)
        assert len(self.assert_list(self.get("/people", limit=2, offset=4), count=5)) == 1
        self.assert_error(self.get("/people", limit=201), 422)

    def test_it_shows_one_person_or_answers_404(self):
        self.sign_in(self.olga)
        body = self.assert_status(self.get(f"/people/{self.ministry_staff.pk}"), 200)
        assert body["has_account"] is False
        self.assert_error(self.get("/people/999999"), 404)


class AddingPeople(ApiTestCase):
    def test_it_adds_a_person_and_audits_it(self):
        self.sign_in(self.carol)
        body = self.assert_status(
            self.post("/people", {**NEW, "organisation_id": self.ministry.pk}), 201)
        person = Person.objects.get(pk=body["id"])
        assert person.organisation == self.ministry
        assert body["skills"] == ["facilitation"]
        assert body["is_organisation_admin"] is False
        self.assert_audited(person, "create", actor=self.carol)

    def test_it_adds_a_person_without_an_organisation(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.post("/people", NEW), 201)
        assert body["organisation_id"] is None

    def test_it_needs_a_signed_in_user(self):
        with self.assert_nothing_saved():
            self.assert_error(self.post("/people", NEW), 401)

    def test_it_refuses_a_session_write_without_csrf_but_takes_a_token(self):
        client, _ = self.csrf_client(self.carol)
        with self.assert_nothing_saved():
            self.assert_error(client.post("/api/v1/people", NEW, content_type="application/json"),
                              403)
        response = self.post("/people", NEW, headers=self.bearer(self.carol))
        self.assert_status(response, 201)

    def test_it_refuses_bad_input_and_saves_nothing(self):
        self.sign_in(self.carol)
        bad = {
            "missing name": {k: v for k, v in NEW.items() if k != "name"},
            "empty name": {**NEW, "name": ""},
            "bad e-mail": {**NEW, "email": "not an address"},
            "unknown partnering role": {**NEW, "partnering_role": "overlord"},
            "overlong skill": {**NEW, "skills": ["s" * 81]},
            "skills not a list": {**NEW, "skills": "listening"},
            "organisation id of the wrong type": {**NEW, "organisation_id": "ministry"},
            "oversized job title": {**NEW, "job_title": "j" * 201},
        }
        for case, payload in bad.items():
            with self.subTest(case), self.assert_nothing_saved():
                self.assert_error(self.post("/people", payload), 422)

    def test_it_answers_404_for_an_unknown_organisation(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved():
            self.assert_error(self.post("/people", {**NEW, "organisation_id": 999999}), 404)

    def test_it_lets_only_organisation_admins_make_organisation_admins(self):
        self.sign_in(self.carol)
        payload = {**NEW, "organisation_id": self.ministry.pk, "is_organisation_admin": True}
        with self.assert_nothing_saved():
            body = self.assert_error(self.post("/people", payload), 422)
        assert "is_organisation_admin" in body["detail"]
        self.carol_person.is_organisation_admin = True
        self.carol_person.save()
        self.assert_status(self.post("/people", payload), 201)


class ChangingPeople(ApiTestCase):
    def test_it_lets_people_edit_their_own_entry(self):
        self.sign_in(self.carol)
        body = self.assert_status(
            self.patch(f"/people/{self.carol_person.pk}", {"job_title": "Director"}), 200)
        assert body["job_title"] == "Director"
        assert body["name"] == "Carol Diallo"
        event = self.assert_audited(self.carol_person, "update", actor=self.carol)
        assert event.changes == {"job_title": ["", "Director"]}

    def test_it_lets_an_organisation_admin_edit_their_colleagues(self):
        self.carol_person.is_organisation_admin = True
        self.carol_person.save()
        self.sign_in(self.carol)
        self.assert_status(
            self.patch(f"/people/{self.ministry_staff.pk}", {"job_title": "Hydrologist"}), 200)

    def test_it_forbids_editing_someone_else(self):
        self.sign_in(self.carol)
        for person in (self.alice_person, self.ministry_staff):
            with self.subTest(person=person.name), self.assert_nothing_saved(person):
                self.assert_error(self.patch(f"/people/{person.pk}", {"name": "X"}), 403)

    def test_it_refuses_a_bad_edit_and_changes_nothing(self):
        self.sign_in(self.carol)
        for payload in ({"email": "nope"}, {"name": ""}, {"partnering_role": "boss"},
                        {"is_organisation_admin": True}, {"skills": ["k" * 81]}):
            with self.subTest(payload=payload), self.assert_nothing_saved(self.carol_person):
                self.assert_error(self.patch(f"/people/{self.carol_person.pk}", payload), 422)

    def test_it_can_take_someone_off_their_organisation(self):
        self.sign_in(self.admin)
        body = self.assert_status(
            self.patch(f"/people/{self.olga_person.pk}", {"organisation_id": None}), 200)
        assert body["organisation_id"] is None

    def test_it_answers_404_for_an_unknown_person(self):
        self.sign_in(self.admin)
        self.assert_error(self.patch("/people/999999", {"name": "X"}), 404)


class DeletingPeople(ApiTestCase):
    def test_it_deletes_a_person_and_audits_it(self):
        self.sign_in(self.admin)
        self.assert_status(self.delete(f"/people/{self.ministry_staff.pk}"), 204)
        assert not Person.objects.filter(pk=self.ministry_staff.pk).exists()
        self.assert_audited(self.ministry_staff, "delete", actor=self.admin)

    def test_it_refuses_to_delete_a_representative_or_broker(self):
        self.sign_in(self.admin)
        for person in (self.carol_person, self.bob_person):
            with self.subTest(person=person.name), self.assert_nothing_saved(person):
                self.assert_error(self.delete(f"/people/{person.pk}"), 422)

    def test_it_forbids_deleting_someone_else(self):
        self.sign_in(self.olga)
        with self.assert_nothing_saved():
            self.assert_error(self.delete(f"/people/{self.ministry_staff.pk}"), 403)
        self.client.logout()
        self.assert_error(self.delete(f"/people/{self.ministry_staff.pk}"), 401)
