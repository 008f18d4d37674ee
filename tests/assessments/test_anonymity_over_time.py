"""Nobody's answers show by comparing results (and who answered) before and after they
submit: results appear only once a round has closed, who answered is never listed, and a
closed round cannot reopen."""

import re
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError

from partnering.assessments import services
from partnering.assessments.results import round_results
from tests.assessments.helpers import answer, close, open_round
from tests.base import PartneringTestCase

SIX = {"trust_open": 4, "fail_trust": 2, "comm_timely": 4}
NEWCOMER = [{"question": "trust_open", "value": 1}, {"question": "fail_trust", "value": 5},
            {"question": "comm_timely", "value": 2}]


def page_text(response) -> str:
    """The page without what changes on every request (CSRF tokens) and the response rate."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r"Send (a reminder|reminders) to the \d+ (person who has|people who have) "
                  r"not answered", "", html)
    return re.sub(r"\d+ of \d+ invited people have answered[^.]*\.", "", html)


def without_rate(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "response_rate"}


class DifferencingAttackTest(PartneringTestCase):
    def setUp(self):
        cache.clear()
        self.round = open_round(self.alice, partnership=self.private)
        self.group = self.round.groups.get(organisation=self.ministry)
        answer(self.alice, self.round, self.group, SIX, count=6)
        _, self.token = services.invite(self.alice, self.round, group=self.group,
                                        email="amina@example.org", name="Amina", send=False)
        services.invite(self.alice, self.round, group=self.group, email="awa@example.org",
                        send=False)
        self.sign_in(self.alice)

    def look(self):
        base = f"/api/v1/rounds/{self.round.pk}"
        return {
            "results": self.client.get(f"{base}/results").json(),
            "invitations": self.client.get(f"{base}/invitations").json(),
            "page": page_text(self.client.get(f"/assessments/rounds/{self.round.pk}/")),
            "respondents": page_text(self.client.get(
                f"/assessments/rounds/{self.round.pk}/invitations/")),
            "summit": page_text(self.client.get(f"/assessments/rounds/{self.round.pk}/summit/")),
        }

    def test_it_shows_nothing_that_changes_when_one_invitee_submits(self):
        before = self.look()
        services.save_answers(self.token, NEWCOMER, submit=True)
        after = self.look()
        self.assertEqual(without_rate(before["results"]), without_rate(after["results"]))
        self.assertEqual(before["invitations"], after["invitations"])
        for key in ("page", "respondents", "summit"):
            self.assertEqual(before[key], after[key], key)
        self.assertEqual((before["results"]["response_rate"]["responded"],
                          after["results"]["response_rate"]["responded"]), (6, 7))
        self.assertEqual(after["results"]["response_rate"]["invited"], 8)
        self.assertFalse(after["results"]["visible"])
        self.assertTrue(all(d["mean"] is None and d["distribution"] is None
                            for d in after["results"]["dimensions"]))
        self.assertTrue(all("submitted" not in row for row in after["invitations"]["items"]))
        self.assertIn("Results appear when the round closes", after["page"])

    def test_it_keeps_filters_exports_and_scores_over_time_closed_while_open(self):
        answer(self.alice, self.round, self.round.groups.get(organisation=self.trust), SIX,
               count=6)
        base = f"/api/v1/rounds/{self.round.pk}"
        filtered = self.client.get(f"{base}/results?group_id={self.group.pk}").json()
        self.assertFalse(filtered["shown"])
        self.assertIsNone(filtered["respondents"])
        self.assertEqual(self.client.get(f"{base}/responses.csv").status_code, 422)
        page = self.client.get(f"/assessments/rounds/{self.round.pk}/responses.csv")
        self.assertRedirects(page, f"/assessments/rounds/{self.round.pk}/")
        self.assertNotContains(self.client.get(f"/assessments/rounds/{self.round.pk}/"),
                               "responses.csv")
        trend = self.client.get(f"{base}/results").json()["trend"]
        self.assertEqual(set(trend[-1]["scores"].values()), {None})
        self.alice_person.is_organisation_admin = True
        self.alice_person.save()
        rows = self.client.get(f"/api/v1/organisations/{self.trust.pk}/assessments").json()
        self.assertEqual([r["score"] for r in rows], [None])

    def test_it_shows_results_once_the_round_closes_and_never_reopens_it(self):
        services.save_answers(self.token, NEWCOMER, submit=True)
        close(self.round)
        data = self.client.get(f"/api/v1/rounds/{self.round.pk}/results").json()
        self.assertTrue(data["visible"])
        self.assertEqual(data["respondents"], 7)
        self.assertEqual(self.client.get(f"/api/v1/rounds/{self.round.pk}/responses.csv")
                         .status_code, 200)
        self.round.closes_at += timedelta(days=7)
        with self.assertRaises(ValidationError):
            self.round.full_clean()

    def test_it_lets_an_open_round_run_longer(self):
        self.round.closes_at += timedelta(days=7)
        self.round.full_clean()
        self.assertFalse(round_results(self.round)["visible"])
