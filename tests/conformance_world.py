"""A small world for the API conformance run: the monitoring personas' world with one of
each thing the API has a path to (an agreement draft, a proposal, an action, a stakeholder, a
call, an assessment round with an invitation, a risk, a deliverable), and the ids that the
run puts in path parameters."""

import datetime as dt

from django.utils import timezone

from partnering.agreements import services as agreements
from partnering.agreements.models import AgreementVersion, Deliverable, MemberTerms
from partnering.assessments import services as assessments
from partnering.assessments.models import Instrument, Round
from partnering.discovery import services as discovery
from partnering.discovery.models import Call, CallResponse, Stakeholder
from partnering.governance.decisions import services as governance
from partnering.governance.models import Action, Proposal
from partnering.interop.models import ImportJob
from partnering.monitoring import services as monitoring
from partnering.monitoring.models import (
    Indicator,
    IndicatorTarget,
    Measurement,
    ProgressReport,
    Result,
    Risk,
)
from partnering.partnerships.models import (
    BrokerAssignment,
    ChecklistItem,
    Meeting,
    Membership,
    Partnership,
    Representative,
)
from partnering.registry.models import Organisation, Person
from tests.monitoring.base import MonitoringTestCase


class ConformanceWorld(MonitoringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        soon = timezone.now() + dt.timedelta(days=30)
        agreements.start_from_template(cls.alice, cls.private)
        agreements.create_deliverable(cls.alice, cls.private, title="Water point map",
                                      due_date=dt.date(2027, 3, 31))
        proposal = governance.create_proposal(
            cls.alice, cls.private, title="Adopt the water point map", text="One shared map.",
            proposed_by_organisation=cls.trust, closes_at=soon)
        governance.add_comment(cls.carol, proposal, text="The ministry agrees in principle.")
        governance.create_action(cls.alice, cls.private, title="Draw the map",
                                 owner_organisation=cls.trust, due_date=dt.date(2027, 1, 31))
        discovery.add_stakeholder(cls.alice, cls.private, organisation=cls.bottler,
                                  influence=4, interest=2)
        call = discovery.publish_call(cls.alice, cls.public, title="Data partners",
                                      needs="Open data skills", deadline=soon.date())
        discovery.invite(cls.alice, call, cls.elsewhere)
        monitoring.create_risk(cls.carol, cls.private, title="Ministry budget cut",
                               category="underinvestment", likelihood=3, impact=4)
        cls.assessment_round = assessments.create_round(
            cls.alice, Instrument.objects.get(key="partnership-health-check"),
            title="Health check 2026", opens_at=soon - dt.timedelta(days=40),
            closes_at=soon, partnership=cls.private)
        group = cls.assessment_round.groups.first() or assessments.add_group(
            cls.alice, cls.assessment_round, name="Members")
        _, cls.survey_token = assessments.invite(cls.alice, cls.assessment_round, group=group,
                                                 email="amina@example.org", send=False)

    def token_for(self, user) -> str:
        from partnering.accounts.services import create_token

        return create_token(user, "conformance")[1]


def _first(model, **filters):
    return model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()


def real_ids(**extra) -> dict:
    """A real id for each path parameter name the API uses, where the world has one."""
    private = Partnership.objects.get(visibility="private")
    version = AgreementVersion.objects.order_by("pk").first()
    ids = {
        "partnership_id": private.pk,
        "organisation_id": _first(Organisation, memberships__partnership=private),
        "person_id": _first(Person),
        "member_id": _first(Membership, partnership=private),
        "representative_id": _first(Representative),
        "broker_id": _first(BrokerAssignment),
        "item_id": _first(ChecklistItem, partnership=private),
        "meeting_id": _first(Meeting),
        "result_id": _first(Result),
        "indicator_id": _first(Indicator),
        "target_id": _first(IndicatorTarget),
        "measurement_id": _first(Measurement),
        "report_id": _first(ProgressReport),
        "risk_id": _first(Risk),
        "proposal_id": _first(Proposal),
        "action_id": _first(Action),
        "stakeholder_id": _first(Stakeholder),
        "call_id": _first(Call),
        "response_id": _first(CallResponse),
        "round_id": _first(Round),
        "instrument_id": _first(Instrument),
        "deliverable_id": _first(Deliverable),
        "terms_id": _first(MemberTerms),
        "job_id": _first(ImportJob),
        "version_number": version.number if version else None,
        "number": 6,
        "code": "6.1",
        "name": "OrganisationType",
        **extra,
    }
    return {name: value for name, value in ids.items() if value is not None}
