"""Demo decisions and shared accountability, on top of the portfolio (called by demo.py).

Safe Childhoods (BiH) decides by its agreed rule when its partnering agreement is agreed in
the demo (consensus otherwise); the partners chose consent for an operational question, and
the legal aid network blocked it with a reasoned objection. One proposal closes within two
days, still waiting for World Vision, the interfaith council and the three members whose
representatives have no mandate to decide. Actions come out of meetings and decisions and are
owed by the ministry, the NGOs, the Centre for Social Work, UNICEF and the interfaith council;
some are overdue. The Jamaica working group decides one question by qualified majority and
has a choice among parishes open.

Positions go through the services, so the mandated representatives who take them get an
account (with no usable password: sign in as `lead` to take World Vision's position).
"""

from datetime import UTC, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnering.governance.decisions import services as governance
from partnering.governance.models import Action, Decision, Position, Proposal
from partnering.registry import services as registry

SAFE_CHILDHOODS = "Safe Childhoods: child protection with refugee and Roma communities in " \
    "Bosnia and Herzegovina"
VISION_2030 = "Vision 2030 Jamaica: Social Protection and Community Development Thematic " \
    "Working Group"

# Proposals: by (organisation), proposer (person key whose account proposes, or a persona),
# days_ago tabled (None: open), closes_in_hours for open ones, rule (None: the rule in force;
# a rule named here is one the proposer chose before proposals had to follow the agreed
# rule, which the decision log marks), positions {org: (person, stance or =option, reason)}
# (left out when the person is not in the demo),
# comments [(persona or person key, text)], meeting purpose, follow-up actions.
# Actions: (title, owner org, owner person, due in days (negative: overdue), status).
DEMO = (
    dict(
        title=SAFE_CHILDHOODS, steward="broker",
        proposals=[
            dict(by="wvbih", proposer="lead", days_ago=200, rule="consent", quorum=50,
                 title="Refer migrant families without papers through the Service for "
                 "Foreigners' Affairs",
                 text="Partners refer families with children who have no residence papers "
                 "to the Service for Foreigners' Affairs, which can issue documents faster "
                 "than the cantonal offices. Operational question: the steering group "
                 "decides it by consent.",
                 positions={
                     "wvbih": ("emir", "agree", ""),
                     "csw_bihac": ("dragan", "agree", "Faster documents would let us appoint "
                                   "guardians sooner."),
                     "romano_drom": ("senada", "disagree", "Roma families with unclear "
                                     "papers will stop coming to us."),
                     "legal_aid": ("lana", "block", "Referral through the Service for "
                                   "Foreigners' Affairs exposes families to detention and "
                                   "removal. Families must be referred through the Centre "
                                   "for Social Work, with legal aid present."),
                     "irc_bih": ("haris", "abstain", ""),
                 },
                 comments=[("member", "The ministry's legal service confirms that the Service "
                            "for Foreigners' Affairs must be told of every unaccompanied "
                            "child, but not of families. We support the legal aid network's "
                            "objection; the Minister's cabinet has been informed.")],
                 actions=[("Written referral route for families without papers, through "
                           "the Centre for Social Work", "legal_aid", "lana", -15,
                           "in_progress"),
                          ("Brief the Centre's case workers on the legal risks of referral "
                           "to the Service for Foreigners' Affairs", "csw_bihac", "dragan",
                           30, "open")]),
            dict(by="irc_bih", proposer="haris", days_ago=50,
                 meeting="Annual partnership health check and reflection",
                 title="Interfaith community meetings on child marriage in Tuzla",
                 text="The Interreligious Council hosts community meetings in mosques and "
                 "churches of Tuzla Canton on child marriage and free late birth "
                 "registration, with Romano Drom's mediators and the legal aid network.",
                 positions={
                     "wvbih": ("emir", "agree", ""),
                     "csw_bihac": ("dragan", "agree", ""),
                     "romano_drom": ("senada", "agree", "Only with Roma mediators in the "
                                     "room, and in Romani as well as Bosnian."),
                     "legal_aid": ("lana", "agree", ""),
                     "irc_bih": ("haris", "agree", ""),
                     # Signatories the agreements demo names, when it has run.
                     "mhrr": ("adnan", "agree", "The Minister's cabinet supports it."),
                     "unicef": ("ines", "agree", ""),
                 },
                 comments=[("broker", "Facilitator's note: Romano Drom's condition is now "
                            "part of the proposal text agreed in the meeting.")],
                 actions=[("Imams and priests announce free late birth registration in "
                           "Tuzla", "irc_bih", "haris", -6, "open"),
                          ("Three community meetings on child marriage in Tuzla", "irc_bih",
                           "haris", 40, "open"),
                          ("Legal aid desk at each community meeting", "legal_aid", "lana",
                           40, "open")]),
            dict(by="csw_bihac", proposer="dragan", days_ago=None, closes_in_hours=30,
                 title="Share anonymised referral figures with the cantonal ministries each "
                 "quarter",
                 text="The Centre for Social Work sends the cantonal ministries of social "
                 "protection, each quarter, the number of children referred, by canton, age "
                 "group and type of risk, with no figure below five shown.",
                 positions={
                     "csw_bihac": ("dragan", "agree", ""),
                     "romano_drom": ("senada", "agree", "Only if figures under five are "
                                     "suppressed, so no Roma family can be recognised."),
                     "legal_aid": ("lana", "agree", ""),
                 },
                 comments=[
                     ("member", "The ministry needs these figures for its report on the "
                      "Convention on the Rights of the Child. I have no mandate to decide: "
                      "the ministry's position comes from the Minister's cabinet."),
                     ("broker", "Reminder: positions close tomorrow. Members that have not "
                      "taken a position yet, please do, or ask whoever holds your "
                      "organisation's mandate to decide; a comment is not a position."),
                 ],
                 actions=[]),
        ],
        actions=[
            ("Draft the stakeholder map", "wvbih", "selma", "First structured dialogue",
             -486, "done"),
            ("Ask the Minister's cabinet how ministry decisions can be taken quickly", "mhrr",
             "amra", "First structured dialogue", -470, "done"),
            ("Celebrate the first 100 children with a guardian within 14 days", "wvbih",
             "selma", "Quarterly steering meeting", -210, "done"),
            ("Agree with the Minister's cabinet how the ministry's positions reach the "
             "steering group in time", "mhrr", "amra",
             "Annual partnership health check and reflection", -12, "open"),
            ("Draft the rotation of the chair for the next four meetings", "wvbih", "emir",
             "Annual partnership health check and reflection", -3, "open"),
            ("Co-fund the Roma mediators for next year", "unicef", "marta",
             "Annual partnership health check and reflection", 45, "open"),
        ],
    ),
    dict(
        title=VISION_2030, steward="admin",
        proposals=[
            dict(by="stc_pdc", proposer="lloyd", days_ago=35, rule="qualified_majority",
                 quorum=50, majority=67, meeting="Quarterly meeting with parish feedback",
                 title="Ask the Ministry of Labour and Social Security for a social "
                 "protection desk in Linstead",
                 text="Elderly residents of Linstead cannot reach the social protection "
                 "office. The working group asks the ministry for a weekly desk at the "
                 "community centre, after the outreach-day pilot.",
                 positions={
                     "pioj": ("andrea", "agree", ""),
                     "sdc": ("sharon", "agree", ""),
                     "stcmc": ("desmond", "disagree", "Outreach days first; a desk only "
                               "once the pilot shows the demand."),
                     "cvss": ("karen", "agree", ""),
                     "jcc": ("garth", "agree", ""),
                     "stc_pdc": ("lloyd", "agree", ""),
                 },
                 comments=[],
                 actions=[("Letter to the Ministry of Labour and Social Security on a "
                           "Linstead desk", "pioj", "andrea", -4, "open")]),
            dict(by="pioj", proposer="andrea", days_ago=None, closes_in_hours=24 * 5,
                 kind="options", options=["Clarendon", "St. Thomas", "Portland"],
                 title="Which parish sets up the next parish sub-group?",
                 text="After St. Catherine, one more parish sets up a sub-group feeding the "
                 "working group this year. The secretariat supports it with the learning "
                 "note.",
                 positions={
                     "sdc": ("sharon", "=St. Thomas", "Highest share of elderly households "
                             "far from an office."),
                     "cvss": ("karen", "=Clarendon", ""),
                     "stc_pdc": ("lloyd", "=St. Thomas", ""),
                 },
                 comments=[],
                 actions=[]),
        ],
        actions=[
            ("Collect attendance figures from the first outreach days", "stcmc", "desmond",
             "Quarterly meeting with parish feedback", 10, "in_progress"),
            ("Invite the Linstead committee to present at the next quarterly meeting",
             "stc_pdc", "lloyd", "Quarterly meeting with parish feedback", -8, "open"),
        ],
    ),
)


def _at(day) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)


class _DecisionsDemo:
    def __init__(self, loader):
        self.loader = loader
        self.admin = loader.users["admin"]

    def user_of(self, key: str):
        """A persona's account, or the account of a person of the demo (made on first use,
        with no usable password)."""
        if key in self.loader.users:
            return self.loader.users[key]
        person = self.loader.people[key]
        person.refresh_from_db()
        if person.user_id:
            return person.user
        users = get_user_model().objects
        username = key if not users.filter(username=key).exists() else f"{key}.{person.pk}"
        first, _, last = person.name.partition(" ")
        user = users.create_user(username=username, password=None, email=person.email,
                                 first_name=first, last_name=last)
        registry.update_person(self.admin, person, user=user)
        return user

    def load(self) -> None:
        from partnering.partnerships.models import Partnership

        for spec in DEMO:
            partnership = Partnership.objects.filter(title=spec["title"]).first()
            if partnership is None:
                continue
            steward = self.loader.users[spec["steward"]]
            for item in spec["proposals"]:
                if not partnership.proposals.filter(title=item["title"]).exists():
                    self.proposal(partnership, steward, item)
            for title, org, person, meeting, due_in, status in spec["actions"]:
                if not partnership.actions.filter(title=title).exists():
                    self.action(partnership, steward, title, org, person, due_in, status,
                                meeting=partnership.meetings.filter(purpose=meeting).first())
        self.review_dates()

    def review_dates(self) -> None:
        """Decisions loaded as if taken in the past are reviewed six months after they were
        taken, not six months after the demo was loaded."""
        today = timezone.localdate()
        for decision in Decision.objects.filter(review_date=governance.default_review_date(
                today), decided_at__lt=_at(today - timedelta(days=1))):
            Decision.objects.filter(pk=decision.pk).update(
                review_date=governance.default_review_date(decision.decided_at.date()))

    def proposal(self, partnership, steward, item: dict) -> None:
        orgs, ago = self.loader.orgs, self.loader.ago
        tabled = ago(item["days_ago"]) if item["days_ago"] is not None else None
        notice = timedelta(days=governance.rule_in_force(partnership).notice_days)
        closes_at = timezone.now() + max(notice, timedelta(hours=item.get("closes_in_hours",
                                                                           24 * 7)))
        proposer = self.user_of(item["proposer"])
        proposal = governance.create_proposal(
            proposer, partnership, title=item["title"],
            text=item["text"], proposed_by_organisation=orgs[item["by"]], closes_at=closes_at,
            kind=item.get("kind", "motion"), options=item.get("options", ()),
            meeting=partnership.meetings.filter(purpose=item.get("meeting", "")).first())
        chosen_before(proposal, proposer, item)
        if tabled is None and "closes_in_hours" in item:
            # Tabled with the rule's notice, and now closing soon.
            closes_at = timezone.now() + timedelta(hours=item["closes_in_hours"])
            Proposal.objects.filter(pk=proposal.pk).update(created=closes_at - notice,
                                                           closes_at=closes_at)
            proposal.refresh_from_db()
        for key, (person, said, reason) in item["positions"].items():
            if person not in self.loader.people and person not in self.loader.users:
                continue
            option = said[1:] if said.startswith("=") else ""
            try:
                governance.take_position(self.user_of(person), proposal,
                                         organisation=orgs[key],
                                         stance="" if option else said, option=option,
                                         reason=reason)
            except ValidationError:
                # e.g. a block once an agreed rule other than consent applies: disagree.
                governance.take_position(self.user_of(person), proposal,
                                         organisation=orgs[key], stance="disagree",
                                         reason=reason)
        for who, text in item["comments"]:
            governance.add_comment(self.user_of(who), proposal, text=text)
        if tabled is None:
            return
        closed = tabled + timedelta(days=7)
        Proposal.objects.filter(pk=proposal.pk).update(created=_at(tabled),
                                                       closes_at=_at(closed))
        Position.objects.filter(proposal=proposal).update(
            updated=_at(tabled + timedelta(days=2)))
        proposal.refresh_from_db()
        decision = governance.close_proposal(steward, proposal)
        Decision.objects.filter(pk=decision.pk).update(
            decided_at=_at(closed),
            review_date=governance.default_review_date(closed))
        for title, org, person, due_in, status in item["actions"]:
            self.action(partnership, steward, title, org, person, due_in, status,
                        decision=decision, created=closed)

    def action(self, partnership, steward, title, org, person, due_in, status, *,
               meeting=None, decision=None, created=None) -> None:
        action = governance.create_action(
            steward, partnership, title=title, owner_organisation=self.loader.orgs[org],
            owner_person=self.loader.people[person],
            due_date=self.loader.ago(-due_in), status=status, meeting=meeting,
            decision=decision)
        when = created or (meeting.date if meeting else None)
        if when is not None:
            Action.objects.filter(pk=action.pk).update(created=_at(when))


def chosen_before(proposal, proposer, item: dict) -> None:
    """A rule the proposer chose, as recorded before proposals had to follow the agreed rule:
    the decision log marks the decision as not taken under the agreed rule."""
    rule = item.get("rule")
    if not rule or rule == proposal.rule:
        return
    who = proposer.get_full_name() or proposer.get_username()
    Proposal.objects.filter(pk=proposal.pk).update(
        rule=rule, quorum_percent=item.get("quorum", 50),
        majority_percent=item.get("majority") or 67, weights={},
        rule_source=f"Chosen for this proposal by {who}"[:200])
    proposal.refresh_from_db()


def load(loader) -> None:
    """Add the decisions and actions to the loaded portfolio (`loader` is demo._Loader)."""
    _DecisionsDemo(loader).load()
