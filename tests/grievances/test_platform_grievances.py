"""Grievances about a platform (or an organisation in it): filed from the platform's public
form without an account, clocks in the platform's time zone, handled by its named handlers
(its secretariat people by default) and never by the people of the organisation complained
about; restricted cases seen by the handlers and admins only; a private platform's pages
answer 404 to outsiders; a breached case of a partnership working under a platform's forum
escalates to that platform's secretariat; the platform's register suppresses small counts.

The world is tests/platforms/world.py: Vision 2030 Jamaica (public, America/Jamaica, its
secretariat the Planning Institute with sam), Riverton CDC (private forum: alice, the
Ministry; the private partnership works under it)."""

import datetime as dt

import time_machine

from partnering.grievances import access, reminders, services
from partnering.grievances import register as reg
from partnering.grievances.models import Grievance, GrievanceHandler, ServiceLevel
from partnering.grievances.services import setup
from partnering.notifications.models import Notification
from partnering.platforms.forums import services as forums
from tests.base import make_person, make_user
from tests.platforms.world import PlatformWorld

FRIDAY_NIGHT = dt.datetime(2027, 2, 13, 3, 0, tzinfo=dt.UTC)  # Friday 22:00 in Jamaica


class PlatformGrievanceWorld(PlatformWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pam = make_user("pam", first_name="Pam", last_name="Private")
        cls.pam_person = make_person("Pam Private", cls.elsewhere, cls.pam)
        cls.closed = forums.create_platform(cls.admin, title="Closed platform",
                                            secretariat_people=[cls.pam_person])
        level = forums.add_level(cls.admin, cls.closed, name="Only", rank=1)
        cls.closed_forum = forums.create_forum(cls.admin, cls.closed, level=level,
                                               title="Closed forum", visibility="private")
        forums.add_forum_member(cls.admin, cls.closed_forum, person=cls.alice_person)

    def file(self, platform=None, **data):
        fields = {"category": "service", "severity": "standard", "language": "en",
                  "description": "Nobody answered our parish's submission.", **data}
        return services.file_grievance(platform=platform or self.platform, **fields)


class FilingTest(PlatformGrievanceWorld):
    def test_it_files_anonymously_about_a_platform_from_its_public_form(self):
        page = self.client.get(f"/platforms/{self.platform.pk}/grievances/new/")
        assert page.status_code == 200 and "Published service levels" in page.text
        response = self.client.post(f"/platforms/{self.platform.pk}/grievances/new/", {
            "category": "conduct", "severity": "standard", "language": "en",
            "description": "A facilitator shouted at us.", "anonymous": "on",
            "complainant_name": "Kemar", "complainant_contact": "876 555 0100"})
        assert response.status_code == 302
        case = Grievance.objects.get()
        assert (case.platform, case.partnership, case.anonymous) == (self.platform, None, True)
        assert (case.complainant_name, case.complainant_contact) == ("", "")

    def test_its_handlers_enter_a_grievance_received_by_phone_from_a_page(self):
        url = f"/platforms/{self.platform.pk}/grievances/enter/"
        self.sign_in(self.olga)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.client.get(
            f"/platforms/{self.closed.pk}/grievances/enter/").status_code, 404)
        self.sign_in(self.sam)
        self.assertContains(self.client.get(f"/platforms/{self.platform.pk}/grievances/"),
                            url)
        response = self.client.post(url, {
            "channel": "phone", "category": "service", "severity": "standard",
            "language": "en", "description": "A caller from Clarendon had no answer."})
        self.assertRedirects(response, "/grievances/filed/", fetch_redirect_response=False)
        case = Grievance.objects.get()
        assert (case.platform, case.channel, case.entered_by) == (self.platform, "phone",
                                                                 self.sam)

    def test_the_api_takes_a_platform_instead_of_a_partnership_and_exactly_one(self):
        body = {"category": "service", "description": "No answer.", "anonymous": True}
        response = self.client.post("/api/v1/grievances", {**body, "platform_id":
                                                           self.platform.pk},
                                    content_type="application/json")
        assert response.status_code == 201, response.content
        assert Grievance.objects.get().platform_id == self.platform.pk
        both = self.client.post("/api/v1/grievances", {
            **body, "platform_id": self.platform.pk, "partnership_id": self.public.pk},
            content_type="application/json")
        assert both.status_code == 422
        unknown = self.client.post("/api/v1/grievances", {**body, "platform": 1},
                                   content_type="application/json")
        assert unknown.status_code == 422

    def test_a_grievance_may_be_about_a_forum_member_or_the_secretariat_only(self):
        about = set(access.platform_organisations(self.platform))
        assert {self.ministry, self.pioj} <= about and self.bottler not in about
        response = self.client.post("/api/v1/grievances", {
            "category": "service", "description": "x", "platform_id": self.platform.pk,
            "about_organisation_id": self.bottler.pk}, content_type="application/json")
        assert response.status_code == 422

    def test_the_platform_page_links_raising_a_grievance_and_the_register(self):
        page = self.client.get(f"/platforms/{self.platform.pk}/").text
        assert f"/platforms/{self.platform.pk}/grievances/new/" in page
        assert f"/platforms/{self.platform.pk}/grievances/register/" in page


class ClockTest(PlatformGrievanceWorld):
    def test_service_levels_run_in_the_platforms_time_zone(self):
        setup.set_service_level(self.sam, self.platform, severity="standard",
                                   acknowledge_days=1, respond_days=2, resolve_days=5)
        with time_machine.travel(FRIDAY_NIGHT, tick=False):
            case = self.file().grievance
        local = case.acknowledge_due.astimezone(self.platform.zone)
        # Received on Friday evening in Kingston (already Saturday in UTC): due end of Monday.
        assert (local.date(), local.hour) == (dt.date(2027, 2, 15), 23)
        assert ServiceLevel.objects.get().platform == self.platform
        page = self.client.get(f"/platforms/{self.platform.pk}/grievances/new/").text
        assert "1 business day" in page


class RoutingTest(PlatformGrievanceWorld):
    def test_the_secretariat_person_handles_by_default_but_not_about_their_organisation(self):
        plain = self.file().grievance
        about_pioj = self.file(about_organisation=self.pioj).grievance
        assert access.may_handle(self.sam, plain)
        assert not access.visible_grievances(self.sam).filter(pk=about_pioj.pk).exists()
        assert self.sam not in access.eligible_handlers(about_pioj)
        assert self.client.get(f"/grievances/{about_pioj.pk}/").status_code == 404

    def test_named_handlers_replace_the_default(self):
        setup.name_handler(self.sam, self.platform, email=self.carol.email,
                              role="focal_point")
        case = self.file(about_organisation=self.pioj).grievance
        assert list(access.eligible_handlers(case)) == [self.carol]
        self.sign_in(self.carol)
        assert self.client.get(f"/grievances/{case.pk}/").status_code == 200
        handlers = self.client.get(f"/platforms/{self.platform.pk}/grievances/").text
        assert "Carol Diallo" in handlers

    def test_a_case_about_a_forum_member_is_never_handled_by_its_people(self):
        setup.name_handler(self.sam, self.platform, email=self.carol.email,
                              role="focal_point")
        case = self.file(about_organisation=self.ministry).grievance  # carol's organisation
        assert not access.may_handle(self.carol, case)
        assert self.carol not in access.eligible_handlers(case)


class RestrictedTest(PlatformGrievanceWorld):
    def setUp(self):
        self.case = self.file(self.closed, category="safeguarding").grievance

    def test_only_the_handlers_and_admins_see_a_restricted_case(self):
        assert self.case.restricted
        for user, sees in ((self.pam, True), (self.admin, True), (self.alice, False),
                           (self.olga, False), (self.sam, False)):
            assert access.visible_grievances(user).filter(pk=self.case.pk).exists() is sees
            self.sign_in(user)
            status = self.client.get(f"/grievances/{self.case.pk}/").status_code
            assert status == (200 if sees else 404), user
            listed = self.client.get(f"/api/v1/grievances?platform_id={self.closed.pk}")
            assert (listed.json()["count"] == 1) is sees, user

    def test_a_private_platforms_grievance_pages_answer_404_to_outsiders(self):
        base = f"/platforms/{self.closed.pk}/grievances"
        urls = [f"{base}/", f"{base}/new/", f"{base}/register/", f"{base}/setup/",
                f"/api/v1/platforms/{self.closed.pk}/grievance-register"]
        for url in urls:
            assert self.client.get(url).status_code in (302, 404), url
        self.sign_in(self.olga)
        for url in urls:
            assert self.client.get(url).status_code == 404, url

    def test_a_forum_member_sees_the_platform_but_no_case_nor_count(self):
        self.sign_in(self.alice)
        page = self.client.get(f"/platforms/{self.closed.pk}/grievances/")
        assert page.status_code == 200
        assert self.case.code not in page.text and "Cases you may see" not in page.text
        assert self.client.get("/api/v1/grievances").json()["count"] == 0


class EscalationTest(PlatformGrievanceWorld):
    def test_a_breached_partnership_case_escalates_to_its_platforms_secretariat(self):
        received = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
        with time_machine.travel(received, tick=False):
            case = services.file_grievance(self.private, category="service",
                                           description="No water.", language="en").grievance
        with time_machine.travel(received + dt.timedelta(days=10), tick=False):
            reminders.run()
        case = self.reload(case)
        assert case.escalated_to == "secretariat"
        told = set(Notification.objects.filter(category="grievance_breached")
                   .values_list("recipient__username", flat=True))
        assert {"sam", "admin"} <= told and "alice" not in told and "olga" not in told
        assert access.may_handle(self.sam, case)

    def test_a_restricted_partnership_case_does_not_reach_the_secretariat(self):
        received = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
        with time_machine.travel(received, tick=False):
            case = services.file_grievance(self.private, category="safeguarding",
                                           description="Harm.", language="en").grievance
        with time_machine.travel(received + dt.timedelta(days=30), tick=False):
            reminders.run()
        told = set(Notification.objects.filter(category="grievance_breached")
                   .values_list("recipient__username", flat=True))
        assert "sam" not in told and self.reload(case).escalated_to == "secretariat"

    def test_a_platform_case_escalates_to_its_secretariat(self):
        received = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
        with time_machine.travel(received, tick=False):
            case = self.file().grievance
        with time_machine.travel(received + dt.timedelta(days=10), tick=False):
            reminders.run()
        assert self.reload(case).escalated_to == "secretariat"
        told = set(Notification.objects.filter(category="grievance_breached")
                   .values_list("recipient__username", flat=True))
        assert {"sam", "admin"} <= told


class RegisterTest(PlatformGrievanceWorld):
    IN_Q3 = dt.datetime(2026, 8, 10, 15, 0, tzinfo=dt.UTC)

    def add(self, count, **data):
        with time_machine.travel(self.IN_Q3, tick=False):
            for _n in range(count):
                self.file(**data)

    def q3(self):
        periods = reg.register(platform=self.platform, today=dt.date(2026, 12, 7))
        return next(p for p in periods if p.label == "2026 Q3")

    def test_fewer_than_5_cases_show_nothing(self):
        self.add(4)
        assert self.q3().total is None

    def test_restricted_cases_count_only_in_the_total_and_are_never_isolated(self):
        self.add(6)
        self.add(2, category="safeguarding")
        q3 = self.q3()
        assert q3.total == 8
        shown = sum(c.value for c in q3.by_category if not c.suppressed)
        assert shown == 0 or q3.total - shown >= 5

    def test_the_register_page_and_api_read_the_platform(self):
        self.add(5)
        with time_machine.travel(dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)):
            page = self.client.get(f"/platforms/{self.platform.pk}/grievances/register/")
            api = self.client.get(f"/api/v1/platforms/{self.platform.pk}/grievance-register")
        assert page.status_code == 200 and "2026 Q3" in page.text
        q3 = next(p for p in api.json()["periods"] if p["period"] == "2026 Q3")
        assert q3["total"] == 5


class SetupTest(PlatformGrievanceWorld):
    def test_the_secretariat_sets_up_the_platforms_mechanism(self):
        self.sign_in(self.sam)
        base = f"/platforms/{self.platform.pk}/grievances/setup"
        assert self.client.get(f"{base}/").status_code == 200
        self.client.post(f"{base}/holidays/", {"date": "2027-08-06", "name": "Independence"})
        self.client.post(f"{base}/handlers/", {"email": self.carol.email,
                                               "role": "focal_point"})
        assert GrievanceHandler.objects.get(platform=self.platform).user == self.carol
        self.sign_in(self.alice)
        assert self.client.get(f"{base}/").status_code == 403
