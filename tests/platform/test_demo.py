from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase

from partnering.audit.models import AuditEvent
from partnering.partnerships.access import access_for
from partnering.partnerships.models import (
    BrokerAssignment,
    ChecklistItem,
    Meeting,
    Membership,
    Partnership,
    PhaseTransition,
    Representative,
)
from partnering.platform import demo
from partnering.platform.demo.data import DATA
from partnering.registry.models import Organisation, Person
from partnering.registry.vocabulary import Sector

MODELS = (get_user_model(), Organisation, Person, Partnership, Membership, Representative,
          BrokerAssignment, ChecklistItem, Meeting, PhaseTransition, AuditEvent)


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


class DemoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.accounts = demo.load_demo()
        users = get_user_model().objects
        cls.users = {name: users.get(username=name) for name in demo.persona_usernames()}
        # The same files that feed the demo name its cases and personas here.
        cls.connectivity = Partnership.objects.get(title=demo.case("connectivity").title)
        cls.safe_childhoods = Partnership.objects.get(title=demo.case("safe-childhoods").title)

    def test_it_loads_the_portfolio(self):
        assert Partnership.objects.count() >= 6
        assert Person.objects.count() >= 30
        assert Meeting.objects.count() >= 10
        assert BrokerAssignment.objects.filter(kind="internal").exists()
        assert BrokerAssignment.objects.filter(kind="external").exists()
        assert [account.username for account in self.accounts] == demo.persona_usernames()

    def test_it_loads_every_case_and_persona_of_the_data_files(self):
        titles = set(Partnership.objects.values_list("title", flat=True))
        assert {case.title for case in demo.cases()} <= titles
        for persona in demo.personas():
            user = self.users[persona.username]
            assert (user.first_name, user.last_name) == (persona.first_name, persona.last_name)
            if persona.person:
                assert user.person.name == demo.shared()["people"][persona.person]["name"]

    def test_it_registers_30_organisations_across_all_sectors(self):
        assert Organisation.objects.count() >= 30
        sectors = set(Organisation.objects.values_list("sector", flat=True))
        assert sectors == set(Sector.values)
        assert len(set(Organisation.objects.values_list("country", flat=True))) >= 6
        assert Organisation.objects.filter(identifier="XM-DAC-41122").exists()

    def test_it_is_idempotent(self):
        before = counts()
        demo.load_demo()
        call_command("demo", stdout=StringIO())
        call_command("demo", "--if-empty", stdout=StringIO())
        assert counts() == before

    def test_it_lets_every_persona_sign_in(self):
        for username in demo.persona_usernames():
            response = self.client.post("/accounts/login/", {
                "username": username, "password": demo.DEMO_PASSWORD})
            assert response.status_code == 302, username
            assert int(self.client.session["_auth_user_id"]) == self.users[username].pk
            self.client.logout()

    def test_it_puts_each_partnership_in_a_different_phase(self):
        # The seeds' portfolio; the partnerships imported from the IATI demo file all run.
        phases = list(Partnership.objects.filter(iati__isnull=True)
                      .values_list("phase", flat=True))
        assert len(phases) == len(set(phases))
        assert self.connectivity.path == "innovation"
        assert self.connectivity.phase == "agreement"
        assert self.safe_childhoods.phase == "running"
        assert Partnership.objects.filter(status="moved_on").exclude(status_reason="").exists()
        assert Partnership.objects.filter(phase="exploration", status="active").exists()

    def test_it_walks_the_lifecycle_with_reasons(self):
        assert PhaseTransition.objects.count() >= 10
        assert not PhaseTransition.objects.filter(reason="").exists()
        not_applicable = self.safe_childhoods.checklist.filter(status="not_applicable")
        assert not_applicable.count() >= 2
        assert all(item.note for item in not_applicable)
        assert self.safe_childhoods.checklist.filter(phase="exploration", status="done").exists()
        assert self.safe_childhoods.meetings.exclude(minutes="").exclude(follow_ups="").exists()

    def test_it_hides_private_partnerships_from_the_outsider(self):
        private = Partnership.objects.filter(visibility="private")
        assert private.count() >= 3
        visible = Partnership.objects.visible_to(self.users["outsider"])
        assert not visible.filter(visibility="private").exists()
        assert visible.filter(pk=self.connectivity.pk).exists()
        for username in ("broker", "lead", "member", "admin"):
            assert Partnership.objects.visible_to(self.users[username]).filter(
                pk=self.safe_childhoods.pk).exists(), username

    def test_it_gives_each_persona_their_role(self):
        lead = access_for(self.users["lead"], self.safe_childhoods)
        member = access_for(self.users["member"], self.safe_childhoods)
        broker = access_for(self.users["broker"], self.safe_childhoods)
        assert lead.can_manage and lead.is_lead and all(lead.represents.values())
        assert member.can_contribute and not member.can_manage
        assert not any(member.represents.values())
        assert broker.is_broker and access_for(self.users["broker"],
                                               self.connectivity).is_broker
        assert self.users["lead"].person.is_organisation_admin
        assert self.users["admin"].is_superuser

    def test_it_prints_the_accounts(self):
        out = StringIO()
        call_command("demo", stdout=out)
        text = out.getvalue()
        assert "already loaded" in text
        assert demo.DEMO_PASSWORD in text
        for username in demo.persona_usernames():
            assert f"\n  {username} " in text

    def test_it_renders_the_demo_partnerships(self):
        self.client.force_login(self.users["admin"])
        for partnership in Partnership.objects.all():
            response = self.client.get(f"/partnerships/{partnership.pk}/")
            assert response.status_code == 200, partnership.title


class DemoIfEmptyTest(TestCase):
    def test_it_loads_into_an_empty_database(self):
        out = StringIO()
        call_command("demo", "--if-empty", stdout=out)
        assert (f"Loaded the demo data: {Organisation.objects.count()} organisations, "
                f"{Person.objects.count()} people, {Partnership.objects.count()} "
                "partnerships.") in out.getvalue()
        assert demo.is_loaded()

    def test_it_skips_a_database_that_has_users(self):
        get_user_model().objects.create_user("someone", "someone@example.org", "x" * 12)
        out = StringIO()
        call_command("demo", "--if-empty", stdout=out)
        assert "not loaded" in out.getvalue()
        assert not Partnership.objects.exists()
        assert not demo.is_loaded()

    def test_it_refuses_when_a_demo_username_is_taken(self):
        get_user_model().objects.create_user("broker", "b@example.org", "x" * 12)
        with self.assertRaises(CommandError) as caught:
            call_command("demo", stdout=StringIO())
        assert caught.exception.returncode == 2
        assert "broker" in str(caught.exception)
        assert not Partnership.objects.exists()
        assert not Organisation.objects.exists()

    def test_it_reuses_organisations_already_registered(self):
        Organisation.objects.create(name="WHO", identifier="xm-dac-928", sector="multilateral")
        Organisation.objects.create(name="University of Cape Town", sector="academia")
        call_command("demo", stdout=StringIO())
        assert Organisation.objects.filter(identifier__iexact="XM-DAC-928").count() == 1
        assert Organisation.objects.filter(name="University of Cape Town").count() == 1
        assert demo.is_loaded()


class DemoDataTest(SimpleTestCase):
    """The data files: every case file is listed in shared.yaml and holds only sections the
    loader reads (a misspelt section would silently not load)."""

    def test_every_case_file_is_listed_once(self):
        files = {path.stem for path in DATA.glob("*.yaml")} - {"shared", "people-power"}
        keys = [case.key for case in demo.cases()]
        assert sorted(keys) == sorted(files)

    def test_every_section_is_one_the_loader_reads(self):
        known = {"partnership", "agreement", "power_balance", "decisions", "discovery",
                 "monitoring", "assessments", "translations", "grievances", "platform"}
        for case in demo.cases():
            assert set(case.data) <= known, case.key
            assert case.title, case.key

    def test_every_organisation_and_person_key_is_in_shared(self):
        people, orgs = demo.shared()["people"], demo.shared()["organisations"]
        assert all(person["organisation"] in orgs for person in people.values())
        for case in demo.cases():
            spec = case.section("partnership")
            assert spec["lead"] in orgs, case.key
            for member in spec.get("members", []):
                assert member["org"] in orgs, (case.key, member["org"])
                assert all(rep["person"] in people for rep in member["reps"]), case.key
            for meeting in spec.get("meetings", []):
                assert set(meeting["orgs"]) <= set(orgs), (case.key, meeting["purpose"])
                assert set(meeting["people"]) <= set(people), (case.key, meeting["purpose"])


class DemoPeoplePowerTest(TestCase):
    """people-power.yaml: the broker roster, Ruth Achieng's assignments and log book, and
    World Vision Malawi's partnerships office, as each persona may see them."""

    @classmethod
    def setUpTestData(cls):
        demo.load_demo()
        users = get_user_model().objects
        cls.users = {name: users.get(username=name) for name in demo.persona_usernames()}
        cls.ruth = Person.objects.get(name="Ruth Achieng").broker_profile

    def test_it_puts_ruth_on_the_public_roster_with_two_assignments(self):
        from partnering.brokers.access import listed_profiles

        ruth = self.ruth
        assert ruth.kind == "external" and ruth.listed and ruth.is_accredited
        accreditation = ruth.accreditations.get()
        assert accreditation.body == "Partnership Brokers Association"
        assert accreditation.status == "active"
        assert (accreditation.expires - accreditation.awarded).days > 365
        titles = {a.partnership.title for a in ruth.assignments.filter(ended_on__isnull=True)}
        assert titles == {demo.case("connectivity").title, demo.case("safe-childhoods").title}
        assert all(a.terms_of_reference and a.seat_id for a in ruth.assignments.all())
        assert ruth.committed_days == 9
        public = {p.person.name for p in listed_profiles(self.users["outsider"])}
        assert {"Ruth Achieng", "Kofi Boateng", "Jasmina Alić"} <= public
        assert not public & {"Selma Mujić", "Lucía Herrera", "Luis Ortega"}
        selma = Person.objects.get(name="Selma Mujić").broker_profile
        assert selma.kind == "internal" and selma.organisation.name.startswith("World Vision")

    def test_it_keeps_a_log_book_in_progress_that_only_its_readers_see(self):
        from partnering.brokers.access import visible_logbooks

        book = self.ruth.logbook
        entries = list(book.entries.all())
        assert sum(e.locked for e in entries) == 5 and sum(not e.locked for e in entries) == 1
        assert book.entries.filter(addenda__isnull=False).exists()
        kinds = set(book.entries.values_list("citations__kind", flat=True)) - {None}
        assert kinds == {"meeting", "decision", "agreement_version"}
        assert set(book.entries.values_list("comments__role", flat=True)) - {None} == {"mentor"}
        assert book.marks.count() == 2 and book.examiner.name == "Kofi Boateng"
        for username, sees in (("broker", True), ("admin", True), ("lead", False),
                               ("member", False), ("outsider", False)):
            assert visible_logbooks(self.users[username]).filter(pk=book.pk).exists() is sees
        self.client.force_login(self.users["broker"])
        assert self.client.get(f"/logbooks/{book.pk}/").status_code == 200
        self.client.force_login(self.users["lead"])
        assert self.client.get(f"/logbooks/{book.pk}/").status_code == 404

    def test_it_flags_a_conflict_of_interest_when_a_steward_finds_a_broker(self):
        safe = Partnership.objects.get(title=demo.case("safe-childhoods").title)
        self.client.force_login(self.users["lead"])
        page = self.client.get(f"/partnerships/{safe.pk}/broker-assignments/find/")
        text = page.content.decode()
        assert page.status_code == 200
        assert "Conflict of interest:" in text and "works in Bosnia and Herzegovina" in text

    def test_it_shows_the_malawi_office_with_groups_of_five_and_two_rounds(self):
        from partnering.capabilities.development.models import GoalState
        from partnering.capabilities.offices import queries
        from partnering.capabilities.offices.models import Office

        office = Office.objects.get(organisation__name="World Vision Malawi")
        assert office.members.count() >= 6
        heat = queries.heat_map(office)
        assert heat["assessed"] >= 5
        assert any(not row["suppressed"] for row in heat["rows"])
        trends = queries.trends(office)
        assert len(trends) == 2 and not any(t["suppressed"] for t in trends)
        cohorts = queries.enrolments(office)
        assert any(c["completed"] >= 4 and "Partnering2030" in c["course__title"]
                   for c in cohorts)
        states = set(office.members.values_list(
            "person__development_plans__goals__state", flat=True)) - {None}
        assert states == set(GoalState.values)
        assert office.role_profiles.filter(based_on__isnull=False).exists()
        self.client.force_login(self.users["admin"])
        assert self.client.get(f"/offices/{office.pk}/").status_code == 200
        for username in ("lead", "member", "outsider", "broker"):
            self.client.force_login(self.users[username])
            assert self.client.get(f"/offices/{office.pk}/").status_code == 404, username
