"""Pages and API of answers and loop metrics: public for a public platform, 404 for a
private one to outsiders; answering from a page; heard in one click from the answer's page
and the receipt link."""

import datetime as dt

import time_machine

from partnering.platforms.consultations import services as consultations
from partnering.platforms.loops import services
from partnering.platforms.models import HeardResponse
from tests.platforms.loops import LoopWorld
from tests.platforms.world import TODAY


@time_machine.travel(TODAY, tick=False)
class LoopPageTests(LoopWorld):
    def hidden_consultation(self):
        return consultations.open_consultation(
            self.admin, self.hidden, title="Secret", document="Plan",
            opens_on=dt.date(2027, 2, 1), closes_on=dt.date(2027, 2, 28),
            levels=[self.hidden_level])

    def test_it_shows_loop_metrics_of_a_public_platform_to_anyone(self):
        answer = services.answer_item(self.sam, self.merged_world(), outcome="accepted")
        response = self.client.get(f"/consultations/{self.mtf.pk}/loop-metrics/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "<svg" in page and "<table>" in page
        # the private Riverton CDC is counted, not named, for a visitor
        assert "Riverton CDC" not in page
        self.sign_in(self.alice)
        assert "Riverton CDC" in self.client.get(
            f"/consultations/{self.mtf.pk}/loop-metrics/").content.decode()
        api = self.client.get(f"/api/v1/consultations/{self.mtf.pk}/loop-metrics").json()
        assert api["total"]["submissions"] == 3 and api["answers"] == 1
        assert self.client.get(f"/answers/{answer.pk}/").status_code == 200

    def test_it_hides_a_private_platforms_metrics_from_outsiders(self):
        secret = self.hidden_consultation()
        for user in (None, self.olga, self.alice):
            if user:
                self.sign_in(user)
            assert self.client.get(f"/consultations/{secret.pk}/loop-metrics/"
                                   ).status_code == 404
            assert self.client.get(f"/api/v1/consultations/{secret.pk}/loop-metrics"
                                   ).status_code == 404
            assert self.client.get(f"/consultations/{secret.pk}/export/csv/"
                                   ).status_code == 404
            assert self.client.get(f"/consultations/{secret.pk}/answers/").status_code == 404

    def test_it_answers_from_the_page_and_hears_in_one_click(self):
        item = self.merged_world()
        self.sign_in(self.sam)
        response = self.client.post(f"/items/{item.pk}/answer/", {"outcome": "not_accepted"})
        assert response.status_code == 422  # a reason is required
        response = self.client.post(f"/items/{item.pk}/answer/", {
            "outcome": "not_accepted", "reason": "Covered by the national drainage plan"})
        assert response.status_code == 302
        answer = item.answer
        self.sign_in(self.alice)
        assert "Do you feel heard?" in self.client.get(f"/answers/{answer.pk}/"
                                                       ).content.decode()
        self.client.post(f"/answers/{answer.pk}/heard/", {"feeling": "partly"})
        assert HeardResponse.objects.get(submission=self.s_alice).feeling == "partly"
        self.client.logout()
        page = self.client.get(f"/receipts/{self.receipt}/").content.decode()
        assert "Covered by the national drainage plan" in page
        self.client.post(f"/receipts/{self.receipt}/", {"feeling": "no", "comment": "Why?"})
        assert HeardResponse.objects.get(submission=self.s_anonymous).comment == "Why?"
        assert "Covered by the national" in self.client.get(
            f"/take-part/{self.token}/answers/").content.decode()

    def test_it_lists_answers_on_the_forum_for_those_who_see_it(self):
        services.answer_item(self.sam, self.merged_world(), outcome="accepted")
        assert self.client.get(f"/forums/{self.cdc.pk}/answers/").status_code == 404
        self.sign_in(self.olga)
        assert self.client.get(f"/forums/{self.cdc.pk}/answers/").status_code == 404
        self.sign_in(self.alice)
        assert "Drainage" in self.client.get(f"/forums/{self.cdc.pk}/answers/"
                                             ).content.decode()
        assert "Drainage" in self.client.get(f"/forums/{self.pdc.pk}/answers/"
                                             ).content.decode()

    def test_it_answers_through_the_api(self):
        item = self.merged_world()
        body = {"item_id": item.pk, "outcome": "outside_scope"}
        response = self.client.post("/api/v1/answers", body, content_type="application/json",
                                    headers=self.bearer(self.sam))
        assert response.status_code == 422
        response = self.client.post("/api/v1/answers", {**body, "referred_to": "NWC",
                                                         "colour": "red"},
                                    content_type="application/json",
                                    headers=self.bearer(self.sam))
        assert response.status_code == 422  # unknown field
        response = self.client.post("/api/v1/answers", {**body, "referred_to": "NWC"},
                                    content_type="application/json",
                                    headers=self.bearer(self.alice))
        assert response.status_code == 403
        response = self.client.post("/api/v1/answers", {**body, "referred_to": "NWC"},
                                    content_type="application/json",
                                    headers=self.bearer(self.sam))
        assert response.status_code == 201, response.content
        listed = self.client.get("/api/v1/answers", headers=self.bearer(self.olga)).json()
        assert [a["referred_to"] for a in listed["items"]] == ["NWC"]  # national: public
        response = self.client.post(f"/api/v1/answers/{listed['items'][0]['id']}/heard",
                                    {"feeling": "yes"}, content_type="application/json",
                                    headers=self.bearer(self.alice))
        assert response.status_code == 200
