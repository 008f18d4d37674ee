"""Organisation identifiers: org-id / IATI AGENCY-ID, unique in the registry."""

from django.core.exceptions import ValidationError

from partnering.registry.models import Organisation
from partnering.registry.validators import validate_org_identifier
from tests.apitest import ApiTestCase


class ValidatingIdentifiers(ApiTestCase):
    def test_it_accepts_identifiers_of_known_registration_agencies(self):
        for identifier in ("GB-CHC-202918", "XM-DAC-928", "XM-DAC-41301", "US-EIN-13-1623829",
                           "gb-chc-202918", ""):
            with self.subTest(identifier=identifier):
                validate_org_identifier(identifier)

    def test_it_refuses_an_unknown_registration_agency(self):
        with self.assertRaises(ValidationError) as raised:
            validate_org_identifier("ZZ-NOPE-1")
        assert raised.exception.code == "unknown_agency"
        assert "ZZ-NOPE" in raised.exception.messages[0]

    def test_it_refuses_malformed_identifiers(self):
        for identifier in ("hello", "GB-CHC", "GB-CHC-", "-CHC-202918", "GB CHC 202918",
                           "GB-CHC-20 2918", "GB-CHC-" + "9" * 100):
            with self.subTest(identifier=identifier), self.assertRaises(ValidationError):
                validate_org_identifier(identifier)


class UniqueIdentifiers(ApiTestCase):
    payload = {"name": "Save the Water", "sector": "civil_society"}

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.trust.identifier = "GB-CHC-202918"
        cls.trust.save()

    def test_it_refuses_an_identifier_another_organisation_has_in_any_case(self):
        self.sign_in(self.olga)
        for identifier in ("GB-CHC-202918", "gb-chc-202918", " Gb-Chc-202918 "):
            with self.subTest(identifier=identifier), self.assert_nothing_saved():
                body = self.assert_error(
                    self.post("/organisations", {**self.payload, "identifier": identifier}), 422)
                assert "already has this identifier" in body["detail"]

    def test_it_refuses_to_give_an_organisation_a_taken_identifier(self):
        self.sign_in(self.admin)
        with self.assert_nothing_saved(self.bottler):
            self.assert_error(self.patch(f"/organisations/{self.bottler.pk}",
                                         {"identifier": "GB-chc-202918"}), 422)

    def test_it_lets_an_organisation_keep_its_own_identifier(self):
        self.sign_in(self.admin)
        self.assert_status(self.patch(f"/organisations/{self.trust.pk}",
                                      {"identifier": "GB-CHC-202918", "acronym": "SWaT"}), 200)

    def test_it_allows_many_organisations_without_an_identifier(self):
        self.sign_in(self.olga)
        for name in ("First", "Second"):
            self.assert_status(self.post("/organisations", {**self.payload, "name": name}), 201)
        assert Organisation.objects.filter(identifier="").count() == 6

    def test_it_refuses_bad_identifiers_through_the_api(self):
        self.sign_in(self.olga)
        for identifier in ("ZZ-NOPE-1", "hello"):
            with self.subTest(identifier=identifier), self.assert_nothing_saved():
                body = self.assert_error(
                    self.post("/organisations", {**self.payload, "identifier": identifier}), 422)
                assert body["errors"][0]["loc"] == ["identifier"]

    def test_it_finds_an_organisation_by_its_identifier(self):
        found = self.assert_list(self.get("/organisations", q="gb-chc-202918"), count=1)
        assert found[0]["id"] == self.trust.pk
