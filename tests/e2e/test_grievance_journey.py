"""End to end: a grievance filed by an anonymous visitor and followed with code and secret.

An anonymous visitor opens a public partnership's grievance form, which shows its service
levels (business days to acknowledge, respond and resolve), and files a grievance while
staying anonymous. The next page shows the case code and the secret once; with them the
visitor follows the case. The partnership's named handler acknowledges the case and asks a
question; the complainant answers it through code and secret. A wrong secret gets exactly
the answer an unknown code gets. Every page is checked as in browser.py (one <h1>, labelled
fields, no axe-core WCAG 2.1 A/AA violation)."""

from partnering.grievances.models import Grievance, GrievanceMessage
from partnering.grievances.services import setup
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.base import make_person, make_user
from tests.e2e.browser import BrowserTestCase

WHAT = "The water point at the school has been broken for three weeks; nobody came."
QUESTION = "Which school is it, and who did you tell first?"
ANSWER = "The primary school in Koira Tegui; I told the village water committee."


class GrievanceJourneyTest(BrowserTestCase):
    def setUp(self):
        super().setUp()
        trust = Organisation.objects.create(name="Sahel Water Trust", sector="civil_society",
                                            iati_type="22", country="NE")
        alice = make_user("alice", first_name="Alice", last_name="Mensah")
        make_person("Alice Mensah", trust, alice)
        self.partnership = partnerships.create_partnership(
            alice, lead_organisation=trust, title="Water for Tillabéri",
            problem_statement="Villages lack safe water.", visibility="public")
        for severity, days in (("safeguarding", (1, 2, 10)), ("high", (2, 5, 20)),
                               ("standard", (5, 10, 30))):
            setup.set_service_level(alice, self.partnership, severity=severity,
                                    acknowledge_days=days[0], respond_days=days[1],
                                    resolve_days=days[2])
        make_user("hana", first_name="Hana", last_name="Issoufou")
        setup.name_handler(alice, self.partnership, email="hana@example.org",
                           role="focal_point")

    def main_text(self) -> str:
        return self.page.locator("main").inner_text()

    def test_a_visitor_files_follows_and_answers_a_handlers_question(self):
        code, secret = self.visitor_files_a_grievance()
        self.visitor_follows_the_case(code, secret)
        self.handler_acknowledges_and_asks(code)
        self.complainant_answers(code, secret)
        self.wrong_secret_is_like_an_unknown_code(code, secret)

    def visitor_files_a_grievance(self) -> tuple[str, str]:
        page = self.page
        self.visit(f"/partnerships/{self.partnership.pk}/grievances/new/")
        self.check_page("g01-file-form")
        levels = page.locator("main table")
        assert levels.count() >= 1, "the service levels are published on the form"
        assert "Acknowledge" in levels.first.inner_text() or "acknowledge" in \
            levels.first.inner_text()
        form = page.locator("main form")
        form.get_by_label("Service delivery").check()
        form.get_by_label("What happened?").fill(WHAT)
        form.get_by_label("Stay anonymous: do not keep my name or contact").check()
        self.submit(form, "Send the grievance")
        self.check_page("g02-code-and-secret")
        codes = page.locator("main dl code")
        code, secret = codes.nth(0).inner_text(), codes.nth(1).inner_text()
        grievance = Grievance.objects.get()
        assert grievance.code == code and grievance.complainant_name == ""
        return code, secret

    def follow_with(self, code: str, secret: str):
        page = self.page
        self.visit("/grievances/follow/")
        form = page.locator("main form")
        form.get_by_label("Case code").fill(code)
        form.get_by_label("Secret").fill(secret)
        self.submit(form, "Open my case")

    def visitor_follows_the_case(self, code: str, secret: str):
        self.page.locator("main").get_by_role("link", name="Follow a case").click()
        self.page.wait_for_url("**/grievances/follow/")
        self.check_page("g03-follow-form")
        self.follow_with(code, secret)
        self.check_page("g04-my-case")
        assert code in self.main_text() and WHAT in self.main_text()

    def handler_acknowledges_and_asks(self, code: str):
        page = self.page
        self.context.clear_cookies()
        self.sign_in("hana")
        self.visit(f"/partnerships/{self.partnership.pk}/grievances/")
        self.check_page("g05-handler-overview")
        assert code in self.main_text()
        self.visit(f"/grievances/{Grievance.objects.get().pk}/")
        self.check_page("g06-case")
        self.submit(page.locator("main form", has=page.get_by_role("button",
                                                                   name="Acknowledge")),
                    "Acknowledge")
        self.check_page("g07-acknowledged")
        assert Grievance.objects.get().acknowledged_at is not None
        form = page.locator("main form", has=page.get_by_label("Message to the complainant"))
        form.get_by_label("Message to the complainant").fill(QUESTION)
        self.submit(form, "Send")
        self.check_page("g08-question-asked")
        assert QUESTION in self.main_text()

    def complainant_answers(self, code: str, secret: str):
        page = self.page
        self.context.clear_cookies()
        self.follow_with(code, secret)
        self.check_page("g09-my-case-question")
        assert QUESTION in self.main_text()
        form = page.locator("main form", has=page.get_by_label("Your answer"))
        form.get_by_label("Your answer").fill(ANSWER)
        self.submit(form, "Send")
        self.check_page("g10-answered")
        assert ANSWER in self.main_text()
        assert GrievanceMessage.objects.filter(text=ANSWER).exists()

    def refused(self):
        """The look-up is refused with 422 (the form again, with its error): expected here,
        so not a failed request."""
        assert self.failed == [f"422 {self.live_server_url}/grievances/follow/"], self.failed
        self.failed.clear()

    def wrong_secret_is_like_an_unknown_code(self, code: str, secret: str):
        self.context.clear_cookies()
        self.follow_with(code, secret[::-1] + "x")
        self.refused()
        self.check_page("g11-wrong-secret")
        wrong_secret = self.main_text()
        self.context.clear_cookies()
        self.follow_with("GR-ZZZZ-ZZZZ", secret)
        self.refused()
        self.check_page("g12-unknown-code")
        assert "No case matches this code and secret." in wrong_secret
        assert self.main_text() == wrong_secret
