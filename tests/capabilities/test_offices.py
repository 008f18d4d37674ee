"""The partnerships office view: its people's competency profile as a heat map (groups under
5 suppressed), trends across assessment rounds, course enrolments and completions, and
partnership officer role profiles adapted and downloaded for recruiting."""

import datetime as dt
import io

from partnering.capabilities.framework import services as framework
from partnering.capabilities.offices import queries, services
from partnering.capabilities.offices.models import RoleProfile
from tests.apitest import ApiTestCase
from tests.base import make_person, make_user
from tests.capabilities.base import OfficeTestCase


class OfficeViewTests(OfficeTestCase, ApiTestCase):
    def assess(self, users_people, level, round_=None):
        for user, person in users_people:
            framework.record_self_assessment(user, person, answers={"negotiation": level},
                                             round=round_)

    def test_under_five_people_assessed_the_heat_map_shows_no_figure(self):
        self.assess(list(zip(self.users[:4], self.people[:4], strict=True)), 4)
        self.sign_in(self.grace)
        body = self.assert_status(self.get(f"/offices/{self.office.pk}/heat-map"), 200)
        row = next(r for r in body["rows"] if r["code"] == "negotiation")
        assert row["suppressed"] and row["counts"] is None and body["assessed"] is None

    def test_from_five_people_it_shows_the_distribution_and_no_individual(self):
        pairs = list(zip(self.users, self.people, strict=True))
        self.assess(pairs[:3], 4)
        self.assess(pairs[3:], 2)
        self.client.force_login(self.chikondi_user)
        page = self.client.get(f"/offices/{self.office.pk}/").content.decode()
        assert "<svg" in page and "<table>" in page
        row = next(r for r in queries.heat_map(self.office)["rows"]
                   if r["code"] == "negotiation")
        # agree: level 3, disagree: level 1; two levels of three people each are hidden
        # together (test_office_heat_map_cells.py)
        assert (row["counts"], row["assessed"]) == ([None, 0, None, 0], 6)
        assert next(r for r in queries.heat_map(self.office)["rows"]
                    if r["code"] == "ideation")["suppressed"]

    def test_trends_across_rounds_are_suppressed_under_five(self):
        first = services.open_round(self.grace, self.office, name="Baseline 2025",
                                    held_on=dt.date(2025, 6, 1))
        second = services.open_round(self.grace, self.office, name="Review 2026",
                                     held_on=dt.date(2026, 6, 1))
        pairs = list(zip(self.users, self.people, strict=True))
        self.assess(pairs, 3, first)
        self.assess(pairs[:4], 5, second)
        trends = queries.trends(self.office)
        assert [t["name"] for t in trends] == ["Baseline 2025", "Review 2026"]
        assert trends[0]["averages"]["negotiation"] == 2.0 and trends[0]["people"] == 6
        assert trends[1]["suppressed"] and trends[1]["averages"]["negotiation"] is None

    def test_course_cohorts_count_enrolments_and_completions(self):
        course = services.create_course(self.admin, title="Partnering2030",
                                        provider="World Vision")
        self.sign_in(self.grace)
        cohort = self.assert_status(self.post(f"/offices/{self.office.pk}/cohorts", {
            "course_id": course.pk, "name": "Partnering2030 cohort 1",
            "starts": "2026-02-01"}), 201)
        for person in self.people[:3]:
            self.assert_status(self.post(
                f"/offices/{self.office.pk}/cohorts/{cohort['id']}/enrolments",
                {"person_id": person.pk}), 201)
        enrolment = self.people[0].course_enrolments.get()
        services.complete_enrolment(self.grace, enrolment, on=dt.date(2026, 5, 1))
        [row] = self.assert_status(self.get(f"/offices/{self.office.pk}/cohorts"), 200)
        assert (row["enrolled"], row["completed"]) == (3, 1)
        self.assert_status(self.post(
            f"/offices/{self.office.pk}/cohorts/{cohort['id']}/enrolments",
            {"person_id": self.olga_person.pk}), 422)

    def test_only_the_manager_changes_the_office(self):
        self.sign_in(self.chikondi_user)
        self.assert_status(self.post(f"/offices/{self.office.pk}/members",
                                     {"person_id": self.olga_person.pk}), 403)

    def test_an_organisation_admin_opens_an_office(self):
        hr = make_user("hr")
        make_person("HR Lead", self.wvm, hr, is_organisation_admin=True)
        self.sign_in(hr)
        body = self.assert_status(self.post("/offices", {
            "organisation_id": self.wvm.pk, "name": "Ministry partnership unit"}), 201)
        assert body["people"] == 0
        self.assert_status(self.post("/offices", {
            "organisation_id": self.trust.pk, "name": "Not ours"}), 403)
        self.assert_status(self.post("/offices", {
            "organisation_id": self.wvm.pk, "name": "x", "unknown": 1}), 422)


class RoleProfileTests(OfficeTestCase, ApiTestCase):
    def test_the_job_series_has_four_grades_with_required_levels(self):
        templates = RoleProfile.objects.filter(office=None)
        assert [p.grade for p in templates] == ["I", "II", "III", "IV"]
        assert all(p.requirements.count() == 17 for p in templates)

    def test_an_office_adapts_edits_and_downloads_a_profile(self):
        template = RoleProfile.objects.get(office=None, grade="III")
        self.sign_in(self.grace)
        copy = self.assert_status(self.post(f"/offices/{self.office.pk}/role-profiles",
                                            {"template_id": template.pk}), 201)
        assert copy["based_on_id"] == template.pk and copy["office_id"] == self.office.pk
        negotiation = self.framework["negotiation"].pk
        body = self.assert_status(self.patch(
            f"/offices/{self.office.pk}/role-profiles/{copy['id']}",
            {"title": "Relationship manager (Malawi)", "levels": {str(negotiation): 3}}), 200)
        assert body["title"] == "Relationship manager (Malawi)"
        assert next(r for r in body["requirements"] if r["code"] == "negotiation")[
            "level"] == 3
        template.refresh_from_db()
        assert template.title != "Relationship manager (Malawi)"
        self.assert_status(self.patch(f"/offices/{self.office.pk}/role-profiles/{template.pk}",
                                      {"title": "x"}), 422)
        self.check_downloads(copy["id"])

    def check_downloads(self, profile_id):
        import docx

        base = f"/offices/{self.office.pk}/role-profiles/{profile_id}"
        response = self.get(f"{base}/docx")
        assert response.status_code == 200
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
        assert "Relationship manager (Malawi)" in text and "Responsibilities" in text
        response = self.get(f"{base}/pdf")
        assert response.content.startswith(b"%PDF")
        self.client.force_login(self.grace)
        page = self.client.get(f"/offices/{self.office.pk}/role-profiles/{profile_id}.pdf")
        assert page["Content-Type"] == "application/pdf"

    def test_the_page_adapts_a_template_and_edits_the_copy(self):
        template = RoleProfile.objects.get(office=None, grade="I")
        self.client.force_login(self.grace)
        response = self.client.post(
            f"/offices/{self.office.pk}/role-profiles/{template.pk}/adapt/")
        copy = RoleProfile.objects.get(office=self.office)
        assert response["Location"].endswith(f"/role-profiles/{copy.pk}/")
        data = {"title": "Associate (Lilongwe)", "grade": "I", "purpose": "Support",
                "responsibilities": "Keep records\nPrepare meetings",
                **{f"c_{r.competency_id}": str(r.level) for r in copy.requirements.all()}}
        response = self.client.post(f"/offices/{self.office.pk}/role-profiles/{copy.pk}/",
                                    data)
        assert response.status_code == 302
        copy.refresh_from_db()
        assert copy.responsibility_lines == ["Keep records", "Prepare meetings"]
        self.client.force_login(self.chikondi_user)  # a member reads, does not adapt
        assert self.client.post(
            f"/offices/{self.office.pk}/role-profiles/{template.pk}/adapt/").status_code == 404


class CourseTests(OfficeTestCase, ApiTestCase):
    def test_platform_admins_add_courses_to_the_curriculum(self):
        self.sign_in(self.admin)
        body = self.assert_status(self.post("/offices/courses", {
            "title": "Partnering2030", "provider": "World Vision"}), 201)
        assert body["title"] == "Partnering2030"
        self.sign_in(self.grace)
        assert [c["title"] for c in self.assert_status(self.get("/offices/courses"), 200)] \
            == ["Partnering2030"]
        self.assert_status(self.post("/offices/courses", {"title": "Mine"}), 403)
