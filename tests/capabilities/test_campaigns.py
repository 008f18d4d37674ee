"""360° ratings come in campaigns, so anonymity holds over time: nothing but the number of
answers is shown while a campaign is open; a closed campaign shows its figures from 5
answers up and they never change; a later campaign is counted on its own. Raters are told
through the notifications ledger that they are asked; the person, that results are ready."""

import datetime as dt

import time_machine

from partnering.capabilities.ratings import services as ratings
from partnering.capabilities.ratings.models import RatingCampaign, RatingRequest
from partnering.jobs.schedule import SCHEDULE
from partnering.notifications.models import Notification
from tests.apitest import ApiTestCase
from tests.capabilities.base import OfficeTestCase
from tests.notifications.base import Notified


def negotiation(view) -> float | None:
    return next(r for r in view["rows"] if r["code"] == "negotiation")["others"]


@time_machine.travel("2026-12-07 10:00Z", tick=False)
class CampaignTests(Notified, OfficeTestCase, ApiTestCase):
    def raters(self):
        return [*self.people[1:], self.grace_person]

    def rate(self, levels, *, closes_on=None):
        """Ask the raters (in the open campaign, or a new one) and let the first
        len(levels) of them answer."""
        ratings.ask_for_ratings(self.tiwonge_user, self.tiwonge, self.raters(),
                                closes_on=closes_on)
        users = [*self.users[1:], self.grace]
        for user, level in zip(users, levels, strict=False):
            request = RatingRequest.objects.get(rater__user=user, answered=False)
            ratings.answer_rating(user, request, levels={"negotiation": level})

    def view(self, user=None):
        self.sign_in(user or self.tiwonge_user)
        return self.assert_status(self.get(
            f"/competency-framework/people/{self.tiwonge.pk}"), 200)

    def test_it_shows_no_figure_while_the_campaign_is_open_only_the_count(self):
        self.rate([2, 3, 3, 4, 3, 3])
        body = self.view()
        assert body["suppressed"] and negotiation(body) is None and body["raters"] is None
        [campaign] = body["campaigns"]
        assert (campaign["closed"], campaign["answered"], campaign["asked"]) == (False, 6, 6)
        self.client.force_login(self.tiwonge_user)
        page = self.client.get(f"/people/{self.tiwonge.pk}/capabilities/").content.decode()
        assert "Open: no figures until it closes" in page

    def test_it_resists_watching_the_average_move_as_one_more_rater_answers(self):
        """The attack: read the average at 5 answers, let a sixth answer, read again and
        work out the sixth rater's level. Figures exist only once closed, and a closed
        campaign takes no more answers: the sixth answer cannot move a shown average."""
        self.rate([2, 3, 3, 4, 3])
        assert negotiation(self.view()) is None  # open: nothing to compare
        ratings.close_campaign(self.tiwonge_user, RatingCampaign.objects.get())
        before = negotiation(self.view())
        assert before == 3.0
        late = RatingRequest.objects.get(rater__user=self.grace)
        self.sign_in(self.grace)
        self.assert_status(self.post(f"/competency-framework/rating-requests/{late.pk}",
                                     {"levels": {"negotiation": 1}}), 404)
        assert not ratings.open_requests_for(self.grace).exists()
        assert negotiation(self.view()) == before

    def test_a_later_campaign_is_counted_on_its_own_never_added_to_the_earlier(self):
        self.rate([2, 3, 3, 4, 3])
        first = RatingCampaign.objects.get()
        ratings.close_campaign(self.tiwonge_user, first)
        self.rate([4])  # a new campaign: one answer
        body = self.view()
        assert body["campaign_id"] == first.pk and negotiation(body) == 3.0
        newest = body["campaigns"][0]
        assert (newest["closed"], newest["answered"], newest["shown"]) == (False, 1, False)
        ratings.close_campaign(self.tiwonge_user, RatingCampaign.objects.get(closed_at=None))
        body = self.view()  # closed with 1 answer: no figure, and the old one unchanged
        assert body["campaign_id"] == first.pk and negotiation(body) == 3.0
        assert body["campaigns"][0]["shown"] is False

    def test_it_closes_at_the_closing_date_and_tells_the_person_results_are_ready(self):
        with self.fanned_out():
            self.rate([2, 3, 3, 4, 3], closes_on=dt.date(2026, 12, 10))
        with time_machine.travel("2026-12-11 10:00Z", tick=False), self.fanned_out():
            assert ratings.close_due() == 1
            assert negotiation(self.view()) == 3.0
        notice = Notification.objects.get(recipient=self.tiwonge_user,
                                          category="ratings_ready")
        assert notice.url.startswith(f"/people/{self.tiwonge.pk}/capabilities/")
        assert "rating-campaigns-close" in {s.name for s in SCHEDULE}

    def test_it_tells_each_rater_they_are_asked_as_an_action_to_take(self):
        with self.fanned_out():
            ratings.ask_for_ratings(self.tiwonge_user, self.tiwonge, [self.chikondi])
        notice = Notification.objects.get(category="rating_requested")
        assert notice.recipient == self.chikondi_user and notice.needs_action
        assert "Tiwonge Mwale" in notice.title
        assert not Notification.objects.filter(recipient=self.olga).exists()

    def test_no_results_notice_when_a_campaign_closes_under_five(self):
        with self.fanned_out():
            self.rate([2, 3])
            ratings.close_campaign(self.tiwonge_user, RatingCampaign.objects.get())
        assert not Notification.objects.filter(category="ratings_ready").exists()

    def test_only_the_person_manager_or_mentor_close_and_outsiders_get_404(self):
        self.rate([2])
        campaign = RatingCampaign.objects.get()
        url = f"/people/{self.tiwonge.pk}/capabilities/ratings/{campaign.pk}/close/"
        api = (f"/competency-framework/people/{self.tiwonge.pk}/rating-campaigns/"
               f"{campaign.pk}/close")
        for user in (self.olga, self.chikondi_user):
            self.client.force_login(user)
            assert self.client.post(url).status_code == 404
            self.sign_in(user)
            self.assert_status(self.post(api, {}), 404)
        self.client.logout()
        assert self.client.post(url).status_code in (302, 404)
        campaign.refresh_from_db()
        assert campaign.closed_at is None
        self.client.force_login(self.grace)  # the manager
        assert self.client.post(url).status_code == 302
        campaign.refresh_from_db()
        assert campaign.closed_at is not None
