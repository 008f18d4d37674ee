"""A world for the access walker: the personas' private partnership holds one of each thing
that belongs to a partnership (result, indicator, target, measurement, note, report, risk,
proposal, position, comment, decision, action, meeting, agreement version with terms and a
commitment, deliverable, stakeholder, needs, call with a response, budget, resource flow,
assessment round with an invitation and an action-plan item, IATI link), each named with
MARKER so that a page showing one to an outsider is caught.

- olga: signed in, outside every partnership
- pete: a broker of the public partnership only: he gets past "may I manage this
  partnership?" there, so a page that then fetches a private object without checking it
  belongs to that partnership is caught.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from partnering.agreements import services as agreements
from partnering.assessments import services as assessments
from partnering.assessments.models import ActionPlanItem, Instrument
from partnering.discovery import services as discovery
from partnering.finance.models import Budget, ResourceFlow
from partnering.governance.decisions import services as governance
from partnering.governance.models import Decision, Position
from partnering.interop.models import IatiActivity
from partnering.monitoring import services as monitoring
from partnering.partnerships import services as partnerships
from tests.base import PartneringTestCase, make_person, make_user

MARKER = "Zyxhidden"


class AccessWorld(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pete = make_user("pete", first_name="Pete", last_name="Publicbroker")
        cls.pete_person = make_person("Pete Publicbroker", cls.elsewhere, cls.pete)
        partnerships.add_broker(cls.alice, cls.public, person=cls.pete_person, kind="external")
        cls._agreement()
        cls._governance()
        cls._discovery()
        cls._monitoring()
        cls._assessment()
        cls._brokers()
        Budget.objects.create(partnership=cls.private, period_start="2026-01-01",
                              period_end="2026-12-31", value=5000, currency="USD")
        ResourceFlow.objects.create(partnership=cls.private, transaction_type="3",
                                    date="2026-01-01", value=10, currency="USD")
        IatiActivity.objects.create(partnership=cls.private,
                                    iati_identifier=f"XM-{MARKER}-1",
                                    titles={"en": f"{MARKER} activity"})

    @classmethod
    def _agreement(cls):
        cls.agreement_version = agreements.start_from_template(cls.alice, cls.private)
        cls.agreement_commitment = agreements.add_commitment(
            cls.alice, cls.agreement_version, organisation=cls.trust, kind="cash",
            description=f"{MARKER} borehole fund", amount=1000, currency="USD")
        cls.deliverable = agreements.create_deliverable(
            cls.alice, cls.private, title=f"{MARKER} forty boreholes repaired",
            responsible_organisation=cls.ministry, due_date=timezone.localdate())

    @classmethod
    def _governance(cls):
        cls.proposal = governance.create_proposal(
            cls.alice, cls.private, title=f"{MARKER} adopt the map", text="One shared map.",
            proposed_by_organisation=cls.trust,
            closes_at=timezone.now() + timedelta(days=7, hours=1))
        governance.add_comment(cls.alice, cls.proposal, text=f"{MARKER} comment")
        Position.objects.create(proposal=cls.proposal, organisation=cls.trust, stance="agree",
                                person=cls.alice_person)
        decided = governance.create_proposal(
            cls.alice, cls.private, title=f"{MARKER} decided", text="Settled.",
            proposed_by_organisation=cls.trust,
            closes_at=timezone.now() + timedelta(days=7, hours=1))
        Decision.objects.create(proposal=decided, partnership=cls.private, outcome="carried",
                                reasoning=f"{MARKER} consensus", tally={"counts": {}},
                                decided_at=timezone.now(),
                                review_date=timezone.localdate() + timedelta(days=180))
        cls.action = governance.create_action(
            cls.alice, cls.private, title=f"{MARKER} share the map",
            owner_organisation=cls.ministry, due_date=timezone.localdate())

    @classmethod
    def _discovery(cls):
        cls.stakeholder = discovery.add_stakeholder(cls.alice, cls.private,
                                                    name=f"{MARKER} schools")
        cls.call = discovery.publish_call(cls.alice, cls.private, title=f"{MARKER} drillers",
                                          needs="Boreholes", deadline=timezone.localdate())
        cls.call_response = discovery.invite(cls.alice, cls.call, cls.bottler)
        discovery.set_needs(cls.alice, cls.private, competencies=f"{MARKER} drilling")

    @classmethod
    def _monitoring(cls):
        cls.result = monitoring.create_result(cls.alice, cls.private,
                                              title=f"{MARKER} water at home")
        cls.indicator = monitoring.create_indicator(
            cls.alice, cls.private, name=f"{MARKER} households served", baseline_value=1,
            baseline_date="2026-01-01", targets=[{"value": 9, "date": "2027-12-31"}])
        cls.measurement = monitoring.report_measurement(
            cls.alice, cls.indicator, period_start="2026-01-01", period_end="2026-03-31",
            value=2, evidence_file=ContentFile(b"households,2\n", name="tally.csv"))
        monitoring.comment_on_measurement(cls.alice, cls.measurement, text=f"{MARKER} note")
        cls.report = monitoring.submit_report(cls.alice, cls.private, period_start="2026-01-01",
                                              period_end="2026-06-30",
                                              narrative=f"{MARKER} progress")
        cls.risk = monitoring.create_risk(cls.alice, cls.private, title=f"{MARKER} funding gap",
                                          category="underinvestment", likelihood=3, impact=4)

    @classmethod
    def _assessment(cls):
        cls.assessment_round = assessments.create_round(
            cls.alice, Instrument.objects.get(key="partnership-health-check"),
            partnership=cls.private, title=f"{MARKER} health check", opens_at=timezone.now(),
            closes_at=timezone.now() + timedelta(days=7))
        cls.invitation, _ = assessments.invite(
            cls.alice, cls.assessment_round, group=cls.assessment_round.groups.first(),
            email="respondent@example.org", send=False)
        ActionPlanItem.objects.create(round=cls.assessment_round, title=f"{MARKER} plan item",
                                      owner_name="Alice", due_date=timezone.localdate(),
                                      created_by=cls.alice)

    @classmethod
    def _brokers(cls):
        """Bob on the roster, assigned to the private partnership, citing its meeting in
        his log book."""
        from partnering.brokers.assignments import services as broker_assignments
        from partnering.brokers.logbook import services as logbooks
        from partnering.brokers.roster import services as roster

        profile = roster.create_profile(cls.bob, person=cls.bob_person, days_per_month=4)
        cls.broker_terms = broker_assignments.assign(
            cls.alice, cls.private, profile, terms_of_reference=f"{MARKER} terms",
            start="2026-01-01", days_per_month=2)
        entry = logbooks.write_entry(cls.bob, logbooks.open_logbook(cls.bob, profile),
                                     week=timezone.localdate(), aims=f"{MARKER} aims")
        logbooks.cite(cls.bob, entry, kind="meeting", object_id=cls.meeting.pk)
