"""Importing people: matched by e-mail, then by name within their organisation."""

from partnering.audit.models import AuditEvent
from partnering.interop.registry.services import confirm_upload
from partnering.registry.models import Organisation, Person
from tests.interop.registry_files import PEOPLE_HEADER, RegistryFilesTestCase, person_row


class PeopleImportTest(RegistryFilesTestCase):
    def test_it_matches_people_by_email_then_by_name_within_their_organisation(self):
        self.ministry.identifier = "XM-DAC-41114"
        self.ministry.save()
        Person.objects.filter(pk=self.ministry_staff.pk).update(email="")
        rows = [PEOPLE_HEADER,
                person_row(name="Carol Diallo", email="CAROL@example.org",
                           job_title="Director of Water Resources"),
                person_row(name="Moussa Ibrahim", organisation_identifier="xm-dac-41114",
                           email="m.ibrahim@eau.gouv.ne", partnering_role="Relationship manager"),
                person_row(name="Moussa Ibrahim", organisation_name="Sahel Water Trust",
                           skills="facilitation; negotiation"),
                person_row(name="Halima Sani", organisation_name="sahel water trust",
                           partnering_role="broker")]
        _, plan = self.preview(self.admin, rows, kind="people")
        rows = self.by_row(plan)
        assert (rows[2]["action"], rows[2]["object_id"]) == ("update", self.carol_person.pk)
        assert rows[2]["changes"] == [{"field": "job_title", "old": "",
                                       "new": "Director of Water Resources"}]
        assert (rows[3]["action"], rows[3]["object_id"]) == ("update", self.ministry_staff.pk)
        assert {c["field"] for c in rows[3]["changes"]} == {"email", "partnering_role"}
        assert rows[4]["action"] == "create"  # another Moussa Ibrahim, at the trust
        assert rows[5]["action"] == "create"
        # A namesake with another e-mail address is another person.
        _, plan = self.preview(self.admin, [PEOPLE_HEADER, person_row(
            name="Carol Diallo", email="carol.diallo@gmail.com", organisation_name="Ministry "
            "of Water")], kind="people")
        assert plan.rows[0].action == "create"
        token, _ = self.preview(self.admin, [PEOPLE_HEADER, *[
            person_row(name="Halima Sani", organisation_name="Sahel Water Trust",
                       partnering_role="broker", skills="facilitation | negotiation")]],
            kind="people")
        confirm_upload(self.admin, token)
        halima = Person.objects.get(name="Halima Sani")
        assert (halima.organisation, halima.partnering_role, halima.skills) == (
            self.trust, "broker", ["facilitation", "negotiation"])
        assert AuditEvent.objects.for_object(halima).get().action == "person.created"

    def test_it_rejects_people_of_unknown_or_ambiguous_organisations(self):
        Organisation.objects.create(name="Ministry of Water", sector="public", country="ML")
        rows = [PEOPLE_HEADER,
                person_row(name="A", organisation_identifier="GB-CHC-99999"),
                person_row(name="B", organisation_name="Nowhere Institute"),
                person_row(name="C", organisation_name="Ministry of Water"),
                person_row(name="D", email="not-an-address"),
                person_row(name="E", partnering_role="mascot")]
        _, plan = self.preview(self.admin, rows, kind="people")
        reasons = {n: row["reasons"] for n, row in self.by_row(plan).items()}
        assert reasons[2] == [{"field": "organisation", "message":
                               "No organisation with the identifier “GB-CHC-99999” in the "
                               "registry: import or add it first, or correct the identifier."}]
        assert "No organisation called “Nowhere Institute”" in reasons[3][0]["message"]
        assert "2 organisations in the registry are called" in reasons[4][0]["message"]
        assert reasons[5] == [{"field": "email", "message": "Enter a valid email address."}]
        assert reasons[6][0]["field"] == "partnering_role"

    def test_it_rejects_two_rows_with_one_email(self):
        rows = [PEOPLE_HEADER, person_row(name="Awa", email="awa@example.org"),
                person_row(name="Awa Traoré", email="AWA@example.org")]
        _, plan = self.preview(self.admin, rows, kind="people")
        assert [row.action for row in plan.rows] == ["rejected", "rejected"]
        assert "the person with the e-mail address awa@example.org" in plan.rows[1].reasons[0][1]

    def test_it_lets_people_update_only_whom_the_registry_lets_them_edit(self):
        rows = [PEOPLE_HEADER,
                person_row(name="Carol Diallo", email="carol@example.org", job_title="Minister"),
                person_row(name="Moussa Ibrahim", organisation_name="Ministry of Water",
                           job_title="Engineer")]
        _, plan = self.preview(self.carol, rows, kind="people")
        assert [row.action for row in plan.rows] == ["update", "rejected"]  # herself only
        assert "You may not change “Moussa Ibrahim”" in plan.rows[1].reasons[0][1]
        self.carol_person.is_organisation_admin = True
        self.carol_person.save()
        token, plan = self.preview(self.reload(self.carol), rows, kind="people")
        assert [row.action for row in plan.rows] == ["update", "update"]
        confirm_upload(self.reload(self.carol), token)
        assert self.reload(self.ministry_staff).job_title == "Engineer"

    def test_it_exports_and_imports_people_unchanged(self):
        self.alice_person.skills = ["negotiation", "facilitation"]
        self.alice_person.job_title = "=Director"
        self.alice_person.save()
        Person.objects.create(name="No Organisation Person")
        response = self.client.get("/people/export.csv") if self.sign_in(self.olga) else None
        data = b"".join(response.streaming_content)
        _, plan = self.preview(self.olga, None, kind="people", data=data)
        assert plan.counts == {"create": 0, "update": 0, "unchanged": 6, "rejected": 0}
