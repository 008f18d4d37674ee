"""The partners' ratings of a broker's fairness and support on the broker's profile: the
survey engine's own results (nothing while the round is open, hidden under its minimum
group), read by the broker, platform admins and the partnership's stewards only; no one
sees an individual answer."""

from decimal import Decimal

import time_machine

from partnering.assessments import services as surveys
from partnering.assessments.results import min_group
from partnering.brokers.assignments import services
from tests.assessments.helpers import answer, close
from tests.brokers.base import BrokersTestCase


@time_machine.travel("2026-12-07 10:00Z", tick=False)
class RatingsOnTheProfileTests(BrokersTestCase):
    def ended(self):
        assignment = services.assign(self.alice, self.private, self.ruth_profile,
                                     terms_of_reference="Facilitate.", start="2026-12-01",
                                     days_per_month=Decimal("2"))
        return services.end(self.alice, assignment)

    def rate(self, round_, count, *, comment=""):
        group = round_.groups.get(organisation=self.ministry)
        tokens = answer(self.alice, round_, group, {"fair_voice": 4, "support_process": 2},
                        count=count, submit=not comment)
        for token in tokens if comment else []:
            surveys.save_answers(token, [{"question": "say_fairness", "text": comment}],
                                 submit=True)

    def profile(self, user=None):
        if user is None:
            self.client.logout()
        else:
            self.sign_in(user)
        return self.client.get(f"/brokers/{self.ruth_profile.pk}/").content.decode()

    def test_it_shows_the_engine_results_to_the_broker_admins_and_stewards_once_closed(self):
        round_ = self.ended().rating_round
        self.rate(round_, min_group(), comment="She let the ministry dominate")
        assert "The survey is still open" in self.profile(self.ruth)
        close(round_)
        for reader in (self.ruth, self.admin, self.alice):
            page = self.profile(reader)
            assert "Fairness and support, as the partners rated it" in page, reader
            assert "Water for Tillabéri" in page
            assert "<td>4</td>" in page and "<td>2</td>" in page
            assert "She let the ministry dominate" not in page  # no individual answer
        for reader in (self.carol, self.olga, None):
            assert "Fairness and support" not in self.profile(reader), reader

    def test_it_hides_the_figures_under_the_engine_minimum(self):
        round_ = self.ended().rating_round
        self.rate(round_, min_group() - 1)
        close(round_)
        page = self.profile(self.ruth)
        assert "Too few partners answered" in page
        assert "<td>4</td>" not in page
