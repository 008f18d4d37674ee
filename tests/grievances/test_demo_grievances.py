"""The demo's grievances: Safe Childhoods' family complaint about referral delays (resolved
on time, upheld with a remedy, closed), its anonymous safeguarding concern (restricted to
the handlers: the ministry's member sees nothing), Khayelitsha's broken tap (breached and
escalated by the clock job); a May Pen committee member's complaint about Vision 2030
Jamaica itself, handled by its secretariat."""

from django.test import TestCase

from partnering.grievances import access
from partnering.grievances.models import Grievance
from partnering.platform import demo


class DemoGrievancesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load_demo()

    def case(self, fragment):
        return Grievance.objects.get(description__icontains=fragment)

    def test_the_family_complaint_was_resolved_on_time_with_a_remedy(self):
        case = self.case("my nephew")
        assert (case.state, case.closure, case.outcome) == ("closed", "confirmed", "upheld")
        assert case.resolved_at <= case.resolve_due and "guardian" in case.remedy
        assert case.channel == "phone" and case.about_organisation.acronym == "CSW Bihać"

    def test_the_safeguarding_concern_is_anonymous_and_restricted(self):
        case = self.case("children's activity space")
        assert case.anonymous and case.restricted and case.complainant_contact == ""
        broker, member = self.users("broker", "member")
        assert access.visible_grievances(broker).filter(pk=case.pk).exists()
        assert not access.visible_grievances(member).filter(pk=case.pk).exists()

    def test_the_broken_tap_is_breached_and_escalated(self):
        case = self.case("standpipe")
        assert case.state == "acknowledged" and case.escalated_to == "secretariat"
        assert case.events.filter(action="grievance.escalated").exists()

    def test_a_complaint_about_vision_2030_jamaica_is_handled_by_its_secretariat(self):
        case = self.case("rural water and farm roads")
        assert (case.platform.title, case.partnership) == ("Vision 2030 Jamaica", None)
        assert (case.state, case.outcome) == ("closed", "partly_upheld")
        assert case.resolved_at <= case.resolve_due
        (outsider,) = self.users("outsider")
        assert not access.visible_grievances(outsider).filter(pk=case.pk).exists()

    @staticmethod
    def users(*names):
        from django.contrib.auth import get_user_model

        return [get_user_model().objects.get(username=name) for name in names]
