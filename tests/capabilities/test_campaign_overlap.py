"""Two closed 360° campaigns cannot be subtracted. A campaign whose raters differ from those
of a campaign already shown by fewer than 5 people (added and removed together) keeps its
figures hidden for good, on the page, in the API, in the close answer and in the "results
ready" notice; so does one whose figures, combined with those of several shown campaigns,
would give one rater's level. A second campaign with 5 new raters or more, or the very same
raters, shows as usual. The page says why in plain words and never names a rater."""

import time_machine

from partnering.capabilities.ratings import services as ratings
from partnering.capabilities.ratings.models import RatingCampaign, RatingRequest
from partnering.capabilities.ratings.overlap import safe_to_show
from partnering.notifications.models import Notification
from tests.apitest import ApiTestCase
from tests.base import make_person, make_user
from tests.capabilities.base import OfficeTestCase
from tests.notifications.base import Notified


def negotiation(view) -> float | None:
    return next(r for r in view["rows"] if r["code"] == "negotiation")["others"]


@time_machine.travel("2026-12-07 10:00Z", tick=False)
class CampaignOverlapTests(Notified, OfficeTestCase, ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.extra = []
        for name in ("Alinafe Banda", "Bhekimpi Moyo", "Chisomo Tembo", "Dalitso Mbewe",
                     "Esnart Zulu", "Fumbani Kalua"):
            user = make_user(name.split()[0].lower())
            cls.extra.append(make_person(name, cls.wvm, user))
        # Raters by letter: the five office colleagues a-e, Grace f, then six more g-l.
        cls.pool = [*cls.people[1:], cls.grace_person, *cls.extra]

    def campaign(self, letters: str, levels: dict | None = None) -> RatingCampaign:
        """A campaign answered by the raters named by letter (a = the first of the pool),
        each giving negotiation level 3 unless `levels` says otherwise; then closed."""
        raters = [self.pool[ord(c) - ord("a")] for c in letters]
        ratings.ask_for_ratings(self.tiwonge_user, self.tiwonge, raters)
        campaign = RatingCampaign.objects.get(closed_at=None)
        for letter, rater in zip(letters, raters, strict=True):
            request = RatingRequest.objects.get(campaign=campaign, rater=rater)
            level = (levels or {}).get(letter, 3)
            ratings.answer_rating(rater.user, request, levels={"negotiation": level})
        return ratings.close_campaign(self.tiwonge_user, campaign)

    def view(self):
        self.sign_in(self.tiwonge_user)
        return self.assert_status(self.get(
            f"/competency-framework/people/{self.tiwonge.pk}"), 200)

    def test_it_defeats_subtracting_two_campaigns_that_differ_by_one_rater(self):
        """The attack: campaign one asks a-e, campaign two a-f; six times the second
        average minus five times the first would be f's level."""
        first = self.campaign("abcde")
        with self.fanned_out():
            second = self.campaign("abcdef", {"f": 1})
        body = self.view()
        assert body["campaign_id"] == first.pk and negotiation(body) == 3.0
        assert body["overlap"] is True
        row = next(c for c in body["campaigns"] if c["campaign_id"] == second.pk)
        assert (row["closed"], row["answered"], row["shown"], row["overlap"]) == (
            True, 6, False, True)
        assert not Notification.objects.filter(category="ratings_ready").exists()
        self.client.force_login(self.grace)  # the manager sees the same
        page = self.client.get(f"/people/{self.tiwonge.pk}/capabilities/").content.decode()
        assert "nearly the same raters as an earlier campaign" in page
        assert "Comparing the two averages would tell" in page
        assert "2.7" not in page  # the second campaign's average (16 / 6)

    def test_the_close_answer_says_withheld_too(self):
        self.campaign("abcde")
        raters = self.pool[1:6]  # b-f: one left out, one added, two apart
        ratings.ask_for_ratings(self.tiwonge_user, self.tiwonge, raters)
        campaign = RatingCampaign.objects.get(closed_at=None)
        for rater in raters:
            ratings.answer_rating(rater.user, RatingRequest.objects.get(
                campaign=campaign, rater=rater), levels={"negotiation": 3})
        self.sign_in(self.tiwonge_user)
        body = self.assert_status(self.post(
            f"/competency-framework/people/{self.tiwonge.pk}/rating-campaigns/"
            f"{campaign.pk}/close", {}), 200)
        assert (body["answered"], body["shown"], body["overlap"]) == (5, False, True)

    def test_a_withheld_campaign_stays_withheld_and_a_shown_one_stays_shown(self):
        first = self.campaign("abcde")
        second = self.campaign("abcdef")
        self.campaign("ghijkl")  # a third with all new raters, closed later
        body = self.view()
        states = {c["campaign_id"]: (c["shown"], c["overlap"]) for c in body["campaigns"]}
        assert states[first.pk] == (True, False) and states[second.pk] == (False, True)

    def test_it_defeats_combining_three_campaigns(self):
        """a-e, then a-j (five new: fine on its own), then f-j and k: (a-j) - (a-e) gives
        the sum of f-j, and the third minus that would be k's level."""
        self.campaign("abcde")
        second = self.campaign("abcdefghij")
        third = self.campaign("fghijk", {"k": 1})
        states = {c["campaign_id"]: (c["shown"], c["overlap"])
                  for c in self.view()["campaigns"]}
        assert states[second.pk] == (True, False)
        assert states[third.pk] == (False, True)

    def test_an_ordinary_second_campaign_with_five_new_raters_shows(self):
        self.campaign("abcde")
        second = self.campaign("abcdefghij", {c: 2 for c in "fghij"})
        body = self.view()
        assert body["campaign_id"] == second.pk and negotiation(body) == 2.5
        assert body["overlap"] is False
        self.client.force_login(self.tiwonge_user)
        page = self.client.get(f"/people/{self.tiwonge.pk}/capabilities/").content.decode()
        assert "Comparing the two averages" not in page

    def test_the_very_same_raters_again_show(self):
        self.campaign("abcde")
        second = self.campaign("abcde", {"a": 4})
        body = self.view()
        assert body["campaign_id"] == second.pk and negotiation(body) == 3.2

    def test_a_campaign_under_five_answers_is_no_yardstick(self):
        """Hidden figures cannot be subtracted from: a-d closed with four answers (no
        figures), then a-e shows."""
        self.campaign("abcd")
        second = self.campaign("abcde")
        assert self.view()["campaign_id"] == second.pk


def test_the_rule_itself():
    a_to_e, a_to_j = set("abcde"), set("abcdefghij")
    assert safe_to_show([a_to_e], a_to_j)
    assert not safe_to_show([a_to_e], a_to_e | {"f"})
    assert not safe_to_show([a_to_e], a_to_e - {"e"} | {"f", "g"})  # three apart
    assert safe_to_show([a_to_e], set("fghij"))
    assert safe_to_show([a_to_e], a_to_e)
    assert not safe_to_show([a_to_e, a_to_j], set("fghijk"))
