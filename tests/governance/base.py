"""A decision-making world on top of the personas of tests.base.

Voting members of the private partnership: Sahel Water Trust (lead; alice, with a mandate),
Ministry of Water (carol without a mandate, dan with one) and Clearwater Bottling (eve, with
a mandate). The Niger Water Observatory observes: it does not take positions. bob brokers,
olga is an outsider, admin is a platform admin.
"""

import datetime as dt
from decimal import Decimal
from unittest import mock

from partnering.agreements.services import AgreedRule
from partnering.governance.decisions import services
from partnering.governance.models import Action, Comment, Decision, Position, Proposal
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.apitest import API, ApiTestCase
from tests.base import make_person, make_user

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
GOVERNANCE_MODELS = (Proposal, Position, Comment, Decision, Action)


def agreed(rule="consensus", quorum=50, majority=67, weights=None, source="Partnering "
           "agreement, version 1, agreed 01 Oct 2026", notice_days=0):
    """Pretend the partnership agreed this rule (with this minimum notice) in its partnering
    agreement."""
    return mock.patch("partnering.governance.decisions.in_force.agreed_rule",
                      return_value=AgreedRule(rule, quorum, majority, weights or {}, source,
                                              notice_days))


class GovernanceTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.dan = make_user("dan", first_name="Dan", last_name="Ibrahim")
        cls.eve = make_user("eve", first_name="Eve", last_name="Clearwater")
        cls.ministry_staff.user = cls.dan
        cls.ministry_staff.save()
        partnerships.add_representative(cls.alice, cls.ministry_membership,
                                        person=cls.ministry_staff, has_mandate=True)
        cls.bottler_membership = partnerships.add_member(
            cls.alice, cls.private, organisation=cls.bottler, role="core")
        cls.eve_person = make_person("Eve Clearwater", cls.bottler, cls.eve)
        partnerships.add_representative(cls.alice, cls.bottler_membership,
                                        person=cls.eve_person, has_mandate=True)
        cls.observatory = Organisation.objects.create(
            name="Niger Water Observatory", sector="academia", iati_type="80", country="NE")
        partnerships.add_member(cls.alice, cls.private, organisation=cls.observatory,
                                role="observer")

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def closes_in(**delta) -> dt.datetime:
        return NOW + dt.timedelta(**delta)

    def propose(self, partnership=None, actor=None, **data) -> Proposal:
        """A proposal under an agreed rule (consensus, quorum 50%, one day's notice unless
        `rule`, `quorum_percent`, `majority_percent` or `weights` say otherwise); with
        `rule=""`, under whatever rule is in force."""
        rule = data.pop("rule", "consensus")
        terms = (data.pop("quorum_percent", None) or 50, data.pop("majority_percent", None)
                 or 67, data.pop("weights", None))
        values = {"title": "Adopt the water point map", "text": "Use one shared map.",
                  "proposed_by_organisation": self.trust, "closes_at": self.closes_in(days=3)}
        values.update(data)
        if not rule:
            return services.create_proposal(actor or self.alice, partnership or self.private,
                                            **values)
        with agreed(rule, *terms):
            return services.create_proposal(actor or self.alice, partnership or self.private,
                                            **values)

    def position(self, user, proposal, organisation, **data) -> Position:
        return services.take_position(user, proposal, organisation=organisation, **data)[0]

    def url(self, proposal=None, suffix="") -> str:
        base = f"/partnerships/{self.private.pk}/proposals"
        return f"{base}/{proposal.pk}{suffix}" if proposal else base

    def page(self, proposal) -> str:
        return f"/partnerships/{self.private.pk}/proposals/{proposal.pk}/"

    @staticmethod
    def governance_counts() -> dict:
        return {model.__name__: model.objects.count() for model in GOVERNANCE_MODELS}

    def counts(self) -> dict:
        return {**super().counts(), **self.governance_counts()}

    def action(self, partnership=None, actor=None, **data) -> Action:
        values = {"title": "Share the water point map", "owner_organisation": self.ministry,
                  "due_date": TODAY + dt.timedelta(days=10)}
        values.update(data)
        return services.create_action(actor or self.alice, partnership or self.private,
                                      **values)


__all__ = ["API", "NOW", "TODAY", "Decimal", "GovernanceTestCase", "agreed"]
