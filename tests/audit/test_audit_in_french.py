"""The history's words for what happened, in French: the labels after a person's name and
the kinds offered by the history's filter."""

from django.utils import translation

from partnering.audit import actions
from tests.base import PartneringTestCase


class AuditInFrenchTest(PartneringTestCase):
    def test_it_says_what_happened_in_french(self):
        with translation.override("fr"):
            self.assertEqual(str(actions.label("agreement.signed")), "a signé l’accord")
            self.assertEqual(str(actions.label("meeting.created")), "a créé")
            self.assertEqual(str(actions.label("risk.deleted")), "a supprimé")
        self.assertEqual(str(actions.label("agreement.signed")), "signed the agreement")

    def test_it_names_the_kinds_of_change_in_french(self):
        with translation.override("fr"):
            labels = dict(actions.kinds(["meeting.updated", "proposal.decided"]))
        self.assertTrue(labels["meeting.updated"].startswith("modification ("))
        self.assertEqual(labels["proposal.decided"], "a consigné une décision")
        self.assertEqual(dict(actions.kinds(["meeting.updated"]))["meeting.updated"],
                         "updated (meeting)")

    def test_it_renders_a_partnerships_history_in_french(self):
        self.sign_in(self.alice)
        with translation.override("fr"):
            response = self.client.get(f"/partnerships/{self.private.pk}/history/",
                                       HTTP_ACCEPT_LANGUAGE="fr")
        text = response.content.decode()
        self.assertIn("a ajouté une organisation membre", text)
        self.assertIn("a désigné un courtier en partenariats", text)
        self.assertIn("création (", text)
