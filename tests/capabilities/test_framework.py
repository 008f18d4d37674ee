"""The competency framework: the eleven partnering competencies of Unite to Ignite and the
broker's process skills, four levels each; the competency self-assessment maps onto it;
platform admins edit it."""

from partnering.assessments.models import Question
from partnering.audit.models import AuditEvent
from partnering.capabilities.framework.loader import load_framework
from partnering.capabilities.framework.models import Competency
from tests.apitest import ApiTestCase
from tests.capabilities.base import OfficeTestCase

ELEVEN = ["communication", "strategic_planning", "ideation", "networking", "marketing",
          "collaboration", "innovation", "negotiation", "acquisition", "programme_management",
          "partner_empathy"]


class FrameworkTests(OfficeTestCase, ApiTestCase):
    def test_it_holds_the_eleven_competencies_and_the_process_skills_with_four_levels(self):
        partnering = list(Competency.objects.filter(group="partnering").values_list(
            "code", flat=True))
        assert partnering == ELEVEN
        assert Competency.objects.filter(group="process").count() == 6
        for competency in Competency.objects.all():
            assert [lv.level for lv in competency.levels.all()] == [1, 2, 3, 4]
            assert all(len(lv.in_practice) > 20 for lv in competency.levels.all())

    def test_each_question_of_the_self_assessment_maps_onto_a_competency(self):
        scored = Question.objects.filter(instrument__key="partnering-competencies",
                                         kind="likert")
        assert scored.count() == 11
        for question in scored:
            assert question.competency.code == question.code

    def test_loading_again_keeps_an_admins_edits(self):
        self.sign_in(self.admin)
        competency = self.framework["ideation"]
        self.assert_status(self.patch(f"/competency-framework/competencies/{competency.pk}",
                                      {"name": "Ideation and design"}), 200)
        load_framework()
        competency.refresh_from_db()
        assert competency.name == "Ideation and design"

    def test_a_platform_admin_describes_a_level_and_the_change_is_audited(self):
        self.sign_in(self.admin)
        competency = self.framework["marketing"]
        body = self.assert_status(self.put(
            f"/competency-framework/competencies/{competency.pk}/levels",
            {"level": 2, "in_practice": "Tailors a pitch for a partner."}), 200)
        assert body["levels"][1]["in_practice"] == "Tailors a pitch for a partner."
        assert AuditEvent.objects.filter(object_type="capabilities.competencylevel").exists()

    def test_others_may_not_edit_it(self):
        self.sign_in(self.grace)
        competency = self.framework["marketing"]
        self.assert_status(self.patch(f"/competency-framework/competencies/{competency.pk}",
                                      {"name": "Sales"}), 403)
        assert self.client.get(f"/competencies/{competency.pk}/edit/").status_code == 404

    def test_bodies_are_strict(self):
        self.sign_in(self.admin)
        competency = self.framework["marketing"]
        self.assert_status(self.patch(f"/competency-framework/competencies/{competency.pk}",
                                      {"name": "X", "colour": "red"}), 422)

    def test_an_admin_edits_it_on_its_page(self):
        self.client.force_login(self.admin)
        competency = self.framework["networking"]
        data = {"name": "Networking", "description": "Builds networks",
                **{f"level_{n}": f"Level {n} in practice" for n in range(1, 5)}}
        response = self.client.post(f"/competencies/{competency.pk}/edit/", data)
        assert response.status_code == 302
        assert competency.levels.get(level=4).in_practice == "Level 4 in practice"
        page = self.client.get("/competencies/").content.decode()
        assert "Level 4 in practice" in page and "Partner empathy" in page

    def put(self, path, data):
        return self._send("put", path, data, None)
