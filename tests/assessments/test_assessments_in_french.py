"""Survey pages in every shipped language (issue 18): the respond page shows the
instrument in the interface's language, with its notices and buttons; `?lang=` switches
both the questions and the page's own words; the results pages and their charts follow the
interface's language."""

from django.conf import settings
from django.utils import translation

from partnering.assessments import services
from partnering.assessments.models import ActionPlanItem, Response
from tests.assessments.helpers import answer, close, open_round
from tests.base import PartneringTestCase

# What a respondent meets on the page, in each shipped language: the title, the anonymity
# notice, a question, a Likert label and the two buttons.
SURVEY = {
    "en": ["Partnership health check", "Your answers are anonymous",
           "Partners are open with each other", "Strongly disagree",
           "Save and continue later", "Submit my answers"],
    "fr": ["Bilan de santé du partenariat", "Vos réponses sont anonymes",
           "Les partenaires sont ouverts entre eux", "Pas du tout d&#x27;accord",
           "Enregistrer et continuer plus tard", "Envoyer mes réponses"],
    "es": ["Chequeo de salud de la alianza", "Sus respuestas son anónimas",
           "Los socios son abiertos entre sí", "Muy en desacuerdo",
           "Guardar y continuar más tarde", "Enviar mis respuestas"],
    "pt": ["Avaliação da saúde da parceria", "As suas respostas são anônimas",
           "Os parceiros são abertos entre si", "Discordo totalmente",
           "Salvar e continuar depois", "Enviar minhas respostas"],
}


class SurveyInEveryLanguageTest(PartneringTestCase):
    def setUp(self):
        self.round = open_round(self.alice, partnership=self.private)
        self.group = self.round.groups.get(organisation=self.ministry)
        _, self.token = services.invite(self.alice, self.round, group=self.group,
                                        email="amina@example.org", send=False)
        self.url = f"/respond/{self.token}/"

    def get(self, url, language):
        # The interface's language, however it is chosen (the user's setting, the browser).
        with translation.override(language):
            return self.client.get(url, HTTP_ACCEPT_LANGUAGE=language)

    def test_it_ships_the_survey_in_every_interface_language(self):
        self.assertEqual(set(SURVEY), {code for code, _name in settings.LANGUAGES})
        for language, texts in SURVEY.items():
            page = self.get(self.url, language)
            for text in texts:
                self.assertContains(page, text, msg_prefix=language)
            others = [t for other, ts in SURVEY.items() if other != language for t in ts]
            self.assertNotContains(page, others[0], msg_prefix=language)

    def test_it_switches_the_questions_and_the_page_with_lang(self):
        page = self.get(self.url + "?lang=fr", "en")
        for text in SURVEY["fr"]:
            self.assertContains(page, text)
        self.assertNotContains(page, "Your answers are anonymous")
        self.assertContains(page, '<a href="?lang=pt" lang="pt" hreflang="pt">Português</a>',
                            html=False)
        self.assertContains(page, 'aria-current="page">Français</a>')
        # The interface's own language again once the link is left.
        self.assertContains(self.get(self.url, "en"), "Your answers are anonymous")

    def test_it_keeps_the_respondents_language_when_saving(self):
        response = self.client.post(self.url, {"lang": "es", "trust_open": "4", "save": "1"})
        self.assertRedirects(response, self.url + "?lang=es", fetch_redirect_response=False)
        page = self.get(response["Location"], "en")
        self.assertContains(page, "Guardado. Vuelva con su enlace para terminar.")
        self.assertContains(page, "Sus respuestas son anónimas")
        self.assertEqual(Response.objects.get().language, "es")

    def test_it_explains_a_wrong_answer_in_the_respondents_language(self):
        response = self.client.post(self.url, {"lang": "pt", "years": "200", "save": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Há quantos anos você participa?")
        self.assertContains(response, "Somente se a sua resposta a")  # skip logic's hint


class ResultsInFrenchTest(PartneringTestCase):
    def setUp(self):
        self.round = open_round(self.alice, partnership=self.private)
        group = self.round.groups.get(organisation=self.ministry)
        answer(self.alice, self.round, group, {"trust_open": 4, "fail_trust": 2}, count=6)
        self.sign_in(self.alice)

    def test_it_shows_the_respondents_page_in_french(self):
        with translation.override("fr"):
            page = self.client.get(f"/assessments/rounds/{self.round.pk}/invitations/",
                                   HTTP_ACCEPT_LANGUAGE="fr")
        self.assertContains(page, "Inviter des répondants")
        self.assertContains(page, "6 personnes invitées sur 6 ont répondu")
        self.assertContains(page, "Taux de réponse et rappels")

    def test_it_shows_results_and_chart_labels_in_french(self):
        close(self.round)
        with translation.override("fr"):
            page = self.client.get(f"/assessments/rounds/{self.round.pk}/",
                                   HTTP_ACCEPT_LANGUAGE="fr")
            summit = self.client.get(f"/assessments/rounds/{self.round.pk}/summit/",
                                     HTTP_ACCEPT_LANGUAGE="fr")
        self.assertContains(page, "<title>Note par dimension</title>", html=False)
        self.assertContains(page, "Confiance et ouverture : 4,00 sur 5")
        self.assertContains(page, '<rect x="250"', html=False)  # the bar is drawn, not shown
        self.assertNotContains(page, "&lt;rect")
        self.assertContains(page, "Résultats")
        self.assertNotContains(page, "Score per dimension")
        self.assertContains(summit, "Plan d'action")
        self.assertContains(summit, "Confiance et ouverture : 4,00")


class ShortWordsTest(PartneringTestCase):
    def test_it_keeps_its_own_sense_of_words_other_areas_use_too(self):
        # "Open" is a risk's status in monitoring (ouvert), an action's here (ouverte).
        with translation.override("fr"):
            self.assertEqual(str(ActionPlanItem.Status.OPEN.label), "Ouverte")
            self.assertEqual(str(ActionPlanItem.Status.DONE.label), "Réalisée")
            self.assertEqual(translation.pgettext("score difference", "Change"), "Évolution")
