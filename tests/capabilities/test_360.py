"""The 360° view: named raters rate a person; the person sees self against others; no
figure under 5 raters nor while the campaign is open; never who said what."""

from partnering.capabilities.framework import services as framework
from partnering.capabilities.ratings.models import PeerRating, RatingCampaign, RatingRequest
from partnering.capabilities.ratings.services import close_campaign, view_360
from tests.apitest import ApiTestCase
from tests.capabilities.base import OfficeTestCase


class ThreeSixtyTests(OfficeTestCase, ApiTestCase):
    def ask(self, raters):
        self.sign_in(self.tiwonge_user)
        return self.assert_status(self.post(
            f"/competency-framework/people/{self.tiwonge.pk}/rating-requests",
            {"rater_ids": [p.pk for p in raters]}), 201)

    def answer(self, user, level, comment=""):
        self.sign_in(user)
        mine = self.assert_status(self.get("/competency-framework/rating-requests"), 200)
        return self.assert_status(self.post(
            f"/competency-framework/rating-requests/{mine[0]['id']}",
            {"levels": {"negotiation": level}, "comment": comment}), 200)

    def test_under_five_raters_no_figure_and_no_comment_is_shown(self):
        self.ask(self.people[1:5])
        for user, level in zip(self.users[1:5], (2, 3, 3, 4), strict=True):
            self.answer(user, level, comment=f"MARKER-COMMENT {level}")
        close_campaign(self.tiwonge_user, RatingCampaign.objects.get())
        self.sign_in(self.tiwonge_user)
        body = self.assert_status(self.get(f"/competency-framework/people/{self.tiwonge.pk}"),
                                  200)
        assert body["suppressed"] and body["raters"] is None and body["comments"] == []
        assert all(row["others"] is None for row in body["rows"])
        self.client.force_login(self.tiwonge_user)
        page = self.client.get(f"/people/{self.tiwonge.pk}/capabilities/").content.decode()
        assert "No closed campaign has 5 raters or more" in page and "MARKER-COMMENT" not in page

    def test_from_five_raters_the_average_is_shown_beside_the_own_level(self):
        framework.record_self_assessment(self.tiwonge_user, self.tiwonge,
                                         answers={"negotiation": 5})
        self.ask([*self.people[1:], self.grace_person])
        for user, level in zip([*self.users[1:], self.grace], (2, 3, 3, 4, 3, 3), strict=True):
            self.answer(user, level, comment="Fair in hard talks")
        close_campaign(self.tiwonge_user, RatingCampaign.objects.get())
        view = view_360(self.tiwonge)
        row = next(r for r in view["rows"] if r["code"] == "negotiation")
        assert (row["self"], row["others"], row["raters"]) == (4, 3.0, 6)
        assert view["comments"] == ["Fair in hard talks"] * 6

    def test_a_rating_keeps_no_link_to_its_rater(self):
        self.ask([self.people[1]])
        self.answer(self.users[1], 3)
        fields = {f.name for f in PeerRating._meta.get_fields()}
        assert not fields & {"rater", "request", "created", "rating_request"}
        assert RatingRequest.objects.get().answered

    def test_only_the_rater_answers_and_only_once(self):
        [request] = self.ask([self.people[1]])
        self.sign_in(self.users[2])
        self.assert_status(self.post(f"/competency-framework/rating-requests/{request['id']}",
                                     {"levels": {"negotiation": 3}}), 404)
        self.answer(self.users[1], 3)
        self.sign_in(self.users[1])
        self.assert_status(self.post(f"/competency-framework/rating-requests/{request['id']}",
                                     {"levels": {"negotiation": 3}}), 404)

    def test_a_rater_answers_on_the_page(self):
        self.ask([self.people[1]])
        self.client.force_login(self.users[1])
        request = RatingRequest.objects.get()
        assert "Tiwonge Mwale" in self.client.get("/ratings/").content.decode()
        response = self.client.post(f"/ratings/{request.pk}/", {"l_negotiation": "3",
                                                                 "comment": "Good"})
        assert response.status_code == 302
        assert PeerRating.objects.get().scores.get().level == 3

    def test_a_colleague_cannot_ask_for_ratings_of_someone_else(self):
        self.sign_in(self.chikondi_user)
        self.assert_status(self.post(
            f"/competency-framework/people/{self.tiwonge.pk}/rating-requests",
            {"rater_ids": [self.people[2].pk]}), 404)
        assert not RatingRequest.objects.exists()
