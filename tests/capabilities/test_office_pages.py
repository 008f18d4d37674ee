"""Everything the offices API does has a page, without JavaScript: open an office, name its
manager, add and remove people, open assessment rounds and cohorts, enrol and record
completions; platform admins add courses. Those who may not manage the office get 404."""

import time_machine

from partnering.capabilities.offices import services
from partnering.capabilities.offices.models import (
    Cohort,
    Course,
    Enrolment,
    EnrolmentStatus,
    Office,
    OfficeMember,
    OfficeRound,
)
from tests.base import make_person, make_user
from tests.capabilities.base import OfficeTestCase


@time_machine.travel("2026-12-07 10:00Z", tick=False)
class OfficePageTests(OfficeTestCase):
    def test_an_organisation_admin_opens_an_office_on_a_page(self):
        admin = make_user("wvmadmin")
        make_person("Wvm Admin", self.wvm, admin, is_organisation_admin=True)
        self.client.force_login(admin)
        assert "Open a partnerships office" in self.client.get("/offices/").content.decode()
        response = self.client.post("/offices/new/", {
            "organisation": self.wvm.pk, "name": "Northern region office",
            "manager": self.grace_person.pk})
        assert response.status_code == 302
        assert Office.objects.get(name="Northern region office").manager == self.grace_person
        self.client.force_login(self.olga)
        assert self.client.get("/offices/new/").status_code == 404

    def test_the_manager_changes_people_rounds_cohorts_and_completions(self):
        self.client.force_login(self.grace)
        base = f"/offices/{self.office.pk}"
        assert self.client.get(f"{base}/manage/").status_code == 200
        newcomer = make_person("Newcomer Mwale", self.wvm)
        assert self.client.post(f"{base}/members/", {"person": newcomer.pk,
                                                     "role": "Area manager"}).status_code == 302
        member = OfficeMember.objects.get(person=newcomer)
        assert self.client.post(f"{base}/members/{member.pk}/remove/").status_code == 302
        assert not OfficeMember.objects.filter(person=newcomer).exists()
        self.client.post(f"{base}/rounds/", {"name": "2027 round", "held_on": "2027-01-15"})
        assert OfficeRound.objects.filter(name="2027 round").exists()
        course = services.create_course(self.admin, title="Partnering2030")
        self.client.post(f"{base}/cohorts/", {"course": course.pk, "name": "Cohort 1",
                                              "starts": "2027-02-01"})
        cohort = Cohort.objects.get(name="Cohort 1")
        self.client.post(f"{base}/cohorts/{cohort.pk}/", {"person": self.tiwonge.pk})
        enrolment = Enrolment.objects.get(cohort=cohort)
        self.client.post(f"{base}/cohorts/{cohort.pk}/enrolments/{enrolment.pk}/complete/",
                         {"on": "2027-06-30"})
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.COMPLETED
        self.client.post(f"{base}/manage/", {"name": "Renamed office",
                                             "manager": self.grace_person.pk})
        self.office.refresh_from_db()
        assert self.office.name == "Renamed office"

    def test_a_member_an_outsider_and_a_visitor_get_404(self):
        base = f"/offices/{self.office.pk}"
        for user in (self.chikondi_user, self.olga, None):
            if user:
                self.client.force_login(user)
            else:
                self.client.logout()
            assert self.client.get(f"{base}/manage/").status_code == 404
            assert self.client.post(f"{base}/rounds/", {"name": "X",
                                                        "held_on": "2027-01-01"}).status_code == 404
        assert not OfficeRound.objects.filter(name="X").exists()

    def test_platform_admins_add_courses_others_only_read(self):
        self.client.force_login(self.admin)
        self.client.post("/offices/courses/", {"title": "Brokering basics"})
        assert Course.objects.filter(title="Brokering basics").exists()
        self.client.force_login(self.grace)
        assert "Brokering basics" in self.client.get("/offices/courses/").content.decode()
        assert self.client.post("/offices/courses/", {"title": "Nope"}).status_code == 404
