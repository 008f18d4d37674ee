import io

from django.conf import settings
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from partnering.assessments.models import Instrument, Question
from partnering.audit.models import AuditEvent
from tests.base import PartneringTestCase


class InstrumentTest(PartneringTestCase):
    def test_it_ships_translated_built_in_instruments(self):
        keys = set(Instrument.objects.filter(built_in=True).values_list("key", flat=True))
        # The fourth comes with the broker roster (brokers/assignments/instrument.py).
        self.assertEqual(keys, {"partnership-health-check", "fit-for-partnering",
                                "partnering-competencies", "broker-fairness-and-support"})
        shipped = {code for code, _name in settings.LANGUAGES}
        for question in Question.objects.filter(instrument__built_in=True):
            self.assertEqual(set(question.label), shipped, question.code)
            for choice in question.choices:
                self.assertEqual(set(choice["label"]), shipped, question.code)
        for instrument in Instrument.objects.filter(built_in=True):
            self.assertEqual(set(instrument.languages), shipped)
            texts = [instrument.title, instrument.description,
                     *[s.title for s in instrument.sections.all()],
                     *[d.label for d in instrument.dimensions.all()]]
            for text in texts:
                self.assertEqual(set(text), shipped, text["en"])
                self.assertTrue(all(text.values()), text["en"])

    def test_it_writes_the_seeds_failure_markers_as_reverse_scored_items(self):
        health = Instrument.objects.get(key="partnership-health-check")
        markers = set(health.questions.filter(reverse_scored=True)
                      .values_list("code", flat=True))
        self.assertEqual(markers, {"fail_competing_agendas", "fail_misaligned", "fail_trust",
                                   "fail_values", "fail_communication", "fail_win_lose",
                                   "fail_governance"})
        self.assertEqual(health.dimensions.count(), 9)
        self.assertTrue(health.questions.filter(show_if__question="continue").exists())

    def test_it_lists_the_eleven_competencies_with_partner_empathy(self):
        comp = Instrument.objects.get(key="partnering-competencies")
        codes = list(comp.dimensions.values_list("code", flat=True))
        self.assertEqual(len(codes), 11)
        self.assertIn("partner_empathy", codes)

    def test_it_lists_and_shows_instruments_in_the_api_and_pages(self):
        response = self.client.get("/api/v1/instruments?lang=fr")
        self.assertEqual(response.status_code, 200)
        titles = {i["title"] for i in response.json()["items"]}
        self.assertIn("Bilan de santé du partenariat", titles)
        fit = Instrument.objects.get(key="fit-for-partnering")
        form = self.client.get(f"/api/v1/instruments/{fit.pk}?lang=es").json()
        self.assertEqual(form["title"], "Apta para las alianzas")
        self.assertEqual(len(form["dimensions"]), 5)
        page = self.client.get(f"/assessments/instruments/{fit.pk}/?lang=fr")
        self.assertContains(page, "Apte au partenariat")
        self.assertContains(self.client.get("/assessments/instruments/"), "Fit for partnering")
        self.assertEqual(self.client.get("/api/v1/instruments/999999").status_code, 404)

    def test_it_exports_every_instrument_as_an_xlsform_pyxform_converts(self):
        for instrument in Instrument.objects.all():
            response = self.client.get(f"/api/v1/instruments/{instrument.pk}/xlsform")
            self.assertEqual(response.status_code, 200)
            book = load_workbook(io.BytesIO(response.content))
            self.assertEqual(book.sheetnames, ["survey", "choices", "settings"])
            result = convert(xlsform=io.BytesIO(response.content), file_type=".xlsx")
            self.assertIn("<h:html", result.xform)
            self.assertIn('lang="Spanish (es)"', result.xform)
            if instrument.kind == "health_check":
                self.assertIn("Agendas en competencia", result.xform)
                self.assertIn("selected( /data/comments/continue , 'no')", result.xform)
        page = self.client.get(f"/assessments/instruments/{instrument.pk}/xlsform/")
        self.assertEqual(page.status_code, 200)

    def test_it_imports_an_xlsform_round_trip_as_admin_only(self):
        health = Instrument.objects.get(key="partnership-health-check")
        data = self.client.get(f"/api/v1/instruments/{health.pk}/xlsform").content
        self.sign_in(self.alice)
        refused = self.client.post("/api/v1/instruments/xlsform?key=copy",
                                   {"file": io.BytesIO(data)})
        self.assertEqual(refused.status_code, 403)
        self.sign_in(self.admin)
        upload = io.BytesIO(data)
        upload.name = "health.xlsx"
        response = self.client.post("/api/v1/instruments/xlsform?key=copy", {"file": upload})
        self.assertEqual(response.status_code, 201, response.content)
        copy = Instrument.objects.get(key="copy")
        self.assertEqual(copy.questions.count(), health.questions.count())
        self.assertEqual(copy.dimensions.count(), 9)
        self.assertEqual(copy.questions.filter(reverse_scored=True).count(), 7)
        skip = copy.questions.get(code="continue_why")
        self.assertEqual(skip.show_if, {"question": "continue", "in": ["unsure", "no"]})
        self.assertEqual(copy.questions.get(code="fail_trust").label["fr"],
                         health.questions.get(code="fail_trust").label["fr"])
        self.assertTrue(AuditEvent.objects.filter(object_type="assessments.instrument").exists())

    def test_it_refuses_a_file_that_is_not_an_xlsform(self):
        self.sign_in(self.admin)
        upload = io.BytesIO(b"not a workbook")
        upload.name = "x.xlsx"
        response = self.client.post("/api/v1/instruments/xlsform?key=bad", {"file": upload})
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Instrument.objects.filter(key="bad").exists())
