"""End to end: a consultation's loop, from a parish forum up to the secretariat and back.

On a platform with two levels (parish development committees under a national forum), the
secretariat opens a consultation on a plan with its sections. A member of a parish forum
submits input on one section; the forum's facilitator forwards it to the national forum (the
path shows both forums); the secretariat answers it ("Accepted", with what changed in the
plan); the member reads the answer and says in one click that she feels "partly" heard; the
consultation's loop metrics show its figures, as a chart followed by its data in a table.
Every page is checked as in browser.py (one <h1>, labelled fields, no axe-core WCAG 2.1 A/AA
violation)."""

import datetime as dt

from django.utils import timezone

from partnering.platforms.consultations import services as consultations
from partnering.platforms.forums import services as forums
from partnering.platforms.models import Answer, HeardResponse, Item
from partnering.registry.models import Organisation
from tests.base import make_person, make_user
from tests.e2e.browser import BrowserTestCase

INPUT = "Put a youth apprenticeship scheme in every parish, not only in Kingston."
CHANGE = "Section 3 now funds apprenticeships in all fourteen parishes."


class ConsultationJourneyTest(BrowserTestCase):
    def setUp(self):
        super().setUp()
        root = make_user("root", is_superuser=True, is_staff=True)
        pioj = Organisation.objects.create(name="Planning Institute of Jamaica",
                                           sector="public", iati_type="10", country="JM")
        youth = Organisation.objects.create(name="Clarendon Youth Network",
                                            sector="civil_society", iati_type="22",
                                            country="JM")
        sam = make_person("Sam Reid", pioj, make_user("sam"))
        fay = make_person("Fay Brown", youth, make_user("fay"))
        self.mia = make_person("Mia Clarke", youth, make_user("mia"))
        platform = forums.create_platform(
            root, title="Vision 2030 Jamaica", visibility="public",
            time_zone="America/Jamaica", secretariat_organisations=[pioj],
            secretariat_people=[sam])
        parish = forums.add_level(root, platform, name="Parish development committee", rank=1)
        national = forums.add_level(root, platform, name="National forum", rank=2)
        self.top = forums.create_forum(root, platform, level=national,
                                       title="National Planning Forum", visibility="public")
        self.forum = forums.create_forum(root, platform, level=parish,
                                         title="Clarendon Parish Forum", parent=self.top,
                                         visibility="public", chair=fay)
        forums.add_forum_member(root, self.forum, person=self.mia)
        today = timezone.localdate()
        self.consultation = consultations.open_consultation(
            root, platform, title="MTF 2027–2030", document="Medium Term Framework",
            opens_on=today - dt.timedelta(days=2), closes_on=today + dt.timedelta(days=20),
            levels=[parish, national],
            sections=[("1", "Education", "Schools and training."),
                      ("3", "Youth employment", "Jobs for young people.")])

    def switch_to(self, username: str):
        self.context.clear_cookies()
        self.sign_in(username)

    def main_text(self) -> str:
        return self.page.locator("main").inner_text()

    def test_input_goes_up_is_answered_comes_back_down_and_counts_in_the_metrics(self):
        self.member_submits_input()
        self.facilitator_forwards_it()
        self.secretariat_answers_it()
        self.member_reads_the_answer_and_feels_partly_heard()
        self.loop_metrics_show_the_consultation()

    def member_submits_input(self):
        page = self.page
        self.switch_to("mia")
        self.visit(f"/forums/{self.forum.pk}/")
        self.check_page("c01-forum-member")
        with page.expect_navigation():
            page.locator("main").get_by_role("link", name="Submit input").click()
        self.check_page("c02-submit-form")
        form = page.locator("main form")
        form.get_by_label("Section").select_option(label="3 Youth employment")
        form.get_by_role("textbox", name="Your input").fill(INPUT)
        self.submit(form, "Submit")
        self.check_page("c03-submitted")
        assert Item.objects.filter(forum=self.forum, text=INPUT).exists()

    def facilitator_forwards_it(self):
        page = self.page
        self.switch_to("fay")
        self.visit(f"/forums/{self.forum.pk}/")
        self.check_page("c04-forum-facilitator")
        row = page.locator("main tr", has_text=INPUT[:20])
        self.submit(row, "Forward to the forum above")
        self.check_page("c05-forwarded")
        assert "Forwarded to the forum above." in page.inner_text("body")
        self.visit(f"/consultations/{self.consultation.pk}/")
        self.check_page("c06-consultation-path")
        row = page.locator("main tr", has_text="National Planning Forum").first
        assert "Clarendon Parish Forum" in row.inner_text(), "the path shows where it came from"

    def secretariat_answers_it(self):
        page = self.page
        self.switch_to("sam")
        self.visit(f"/consultations/{self.consultation.pk}/answers/")
        self.check_page("c07-answers-secretariat")
        with page.expect_navigation():
            page.locator("main").get_by_role("link", name="Answer", exact=True).first.click()
        self.check_page("c08-answer-form")
        assert "Clarendon Parish Forum" in self.main_text()
        form = page.locator("main form")
        form.get_by_label("Accepted", exact=True).check()
        form.get_by_label("What changed in the plan").fill(CHANGE)
        self.submit(form, "Give the answer")
        self.check_page("c09-answered")
        assert Answer.objects.filter(outcome="accepted").count() == 1

    def member_reads_the_answer_and_feels_partly_heard(self):
        page = self.page
        self.switch_to("mia")
        self.visit(f"/forums/{self.forum.pk}/answers/")
        self.check_page("c10-forum-answers")
        assert CHANGE in self.main_text()
        answer = Answer.objects.get()
        self.visit(f"/answers/{answer.pk}/")
        self.check_page("c11-answer-detail")
        assert "Accepted" in self.main_text() and CHANGE in self.main_text()
        self.submit(page.locator("main form", has=page.get_by_role("button", name="Partly")),
                    "Partly")
        self.check_page("c12-heard")
        assert HeardResponse.objects.get().feeling == "partly"

    def loop_metrics_show_the_consultation(self):
        page = self.page
        self.switch_to("sam")
        self.visit(f"/consultations/{self.consultation.pk}/loop-metrics/")
        self.check_page("c13-loop-metrics")
        main = page.locator("main")
        assert main.locator("svg").count() >= 1, "a chart"
        assert main.locator("table th").count() >= 1, "its data as a table"
        assert "MTF 2027–2030" in self.main_text()
