"""The demo's partnering agreements, loaded through the services by the demo loader
(partnering.platform.demo): Safe Childhoods has an agreed version 1, signed by every member,
and a draft version 2 with the changes from its annual health check; the Connectivity
dialogue's agreement from its second meeting (Innovation in
Partnerships, step 4) is proposed and partly
signed, waiting for two organisations' internal sign-off. Both record their deliverables,
some delivered, some overdue; Safe Childhoods' indicators show the progress of theirs.

Signatures are given by the signatories themselves, so the people who sign get accounts
without a password (nobody can sign in with them). Where a member's representative at the
table has no mandate to decide, the organisation names a signatory who has one, as the
Safe Childhoods partners agreed for the ministry ("decisions go to the Minister's cabinet").
The figures are illustrative.
"""

from datetime import UTC, datetime, time
from decimal import Decimal

from django.contrib.auth import get_user_model

from partnering.agreements import services
from partnering.agreements.models import AgreementVersion, Signature
from partnering.partnerships import services as partnerships
from partnering.partnerships.models import Partnership
from partnering.registry import services as registry
from partnering.sources import cite

# Signatories named by organisations whose representative at the table has no mandate.
SIGNATORIES = {
    "adnan": ("Adnan Hodžić", "mhrr", "Head of the Minister's Cabinet"),
    "ines": ("Ines Kovač", "unicef", "Deputy Representative, Bosnia and Herzegovina"),
    "nedzad": ("Nedžad Halilović", "fpn", "Dean"),
}

SAFE_CHILDHOODS_V1 = dict(
    title="Safe Childhoods partnering agreement",
    purpose_vision="Refugee, migrant and Roma children in Bosnia and Herzegovina fall "
    "through the gaps between state, entity and cantonal child protection systems. No single "
    "institution or community organisation can close these gaps alone.\n\nOur shared "
    "vision: by the end of 2028 every unaccompanied child in Una-Sana Canton has a guardian "
    "within 14 days, every Roma child in Tuzla Canton is registered at birth and in school, "
    "and violence, child marriage and child begging are referred and followed up by one "
    "route that every partner uses.\n\nThis partnership contributes to SDG 16.2, 16.9, 1.3, "
    "4.5 and 10.7.",
    culture_values="The child's safety comes first, before any partner's procedure or "
    "reputation. Community organisations sit at the table as equals of institutions; Roma "
    "mediators are paid for their time, not volunteered.\n\nDifferences the partners name "
    "and accept: the ministry cannot commit without the Minister's cabinet; the centre for "
    "social work is bound by law on confidentiality; NGOs may speak in public, government "
    "partners only with clearance; faith communities reach families that distrust "
    "institutions.",
    common_goals="1. A guardian appointed within 14 days for every unaccompanied or "
    "separated child in Una-Sana Canton.\n2. Roma children in Tuzla Canton registered at "
    "birth and enrolled in school.\n3. One referral route for violence, child marriage and "
    "child begging, used by every partner.\n4. Shared monitoring that reports to the state "
    "ministry.",
    governance_structure="A steering group of one representative per member meets "
    "quarterly, in Sarajevo, Bihać and Tuzla in turn. World Vision convenes and chairs; an "
    "external broker accepted by all partners facilitates.\n\nDecisions that "
    "need the ministry are referred to the Minister's cabinet, which answers within ten "
    "working days.\n\nA monthly partner bulletin in Bosnian and Romani shares progress.",
    resourcing="World Vision funds the programme; UNICEF co-funds guardianship training. "
    "The centre for social work, the legal aid network and the faculty bring staff time and "
    "expertise; the ministry brings its data and the referral protocol, no cash.\n\n"
    "Romano Drom's mediators are paid from the joint budget "
    f"({cite('building-msp', 'a just distribution of the cooperation rent')}).",
    risks="Underinvestment: programme funding is confirmed for two years only; partners "
    "look for co-funding from year two.\nOver-appropriation: children's data belongs to "
    "the child protection system, not to any partner; no partner publishes results alone.\n"
    "Misalignment: entity and cantonal competences differ; the steering group names "
    "conflicts early and the broker facilitates difficult conversations.",
    code_of_conduct="Every partner has signed the child safeguarding policy and applies it "
    "to all staff and volunteers. Partners speak openly, respect differing views, share "
    "information that affects children in time, and credit each other's contribution in "
    "public.",
    kpis="1. Days to appoint a guardian (baseline 31, target 14), centre for social work, "
    "quarterly.\n2. Roma children registered at birth in Tuzla Canton (baseline 61%, "
    "target 90%), Romano Drom and the faculty, yearly.\n3. Roma children enrolled in "
    "primary school (baseline 68%, target 90%), yearly.\n4. Referrals of violence, child "
    "marriage and begging followed up within 30 days (target 80%), quarterly.\n5. Children "
    "with legal aid for documents (target 300 a year), legal aid network, quarterly.",
    review_schedule="The steering group reviews the KPIs every quarter. An annual "
    "partnership health check, facilitated by the broker, asks every partner how the "
    "partnership works. The agreement is reviewed after each health check; any change is a "
    "new version signed by every member.",
    grievance_exit="A partner raises a concern with the chair or the broker; the broker "
    "convenes a facilitated conversation within a month. A partner may leave with three "
    "months' notice; children it supports are handed over through the referral route first.",
    data_ip="Personal data of children is shared only under the referral protocol and the "
    "data protection law of Bosnia and Herzegovina. Aggregated, anonymised figures are open "
    "to all partners and the public; the ministry uses them in its report to the Committee "
    "on the Rights of the Child. Tools and training material are co-owned and published "
    "under CC BY 4.0 with credit to every partner.",
)

SAFE_CHILDHOODS_TERMS = {
    "wvbih": ("Programme with the government and minority groups' own organisations, as a "
              "Partner of Choice; evidence that partnering changes children's lives.",
              "Reputation as a partner, learning for other country offices.",
              "Convenes and chairs the steering group; manages the joint budget; reports "
              "to donors."),
    "mhrr": ("Data for the state's report on the rights of the child; a referral protocol "
             "that works across entities.",
             "Legitimacy of state policy; efficient services.",
             "Shares data on displaced persons; owns the referral protocol; answers requests "
             "within ten working days through the Minister's cabinet."),
    "csw_bihac": ("Fewer emergency placements; guardians appointed in time.",
                  "Relief for an overstretched service.",
                  "Appoints guardians; leads case management in Una-Sana."),
    "romano_drom": ("Roma mediators recognised in referral procedures; Roma families' trust "
                    "in institutions.",
                    "Voice for the Roma community; paid mediation.",
                    "Runs Roma mediation in Tuzla Canton; registers and enrols children."),
    "legal_aid": ("Fee waivers for late birth registration; legal identity for every child.",
                  "Influence on cantonal rules.",
                  "Gives legal aid for documents and accompanies guardians in procedures."),
    "unicef": ("National guardianship standards; a model for other cantons.",
               "System strengthening.",
               "Technical advice on guardianship; co-funds training."),
    "irc_bih": ("Faith communities as allies in protecting children.",
                "Trust between communities.",
                "Reaches families through religious communities; speaks against child "
                "marriage."),
    "fpn": ("Research on what works; training for social work students.",
            "Evidence and teaching material.",
            "Sets the KPI baselines; trains social workers; evaluates yearly."),
}

# (organisation, kind, description, amount, currency, estimated value in EUR)
SAFE_CHILDHOODS_COMMITMENTS = [
    ("wvbih", "cash", "Programme funding for two years", "420000", "EUR", None),
    ("wvbih", "staff_time", "Partnering adviser and two programme officers", None, "",
     "90000"),
    ("unicef", "cash", "Co-funding of guardianship training", "60000", "USD", "55000"),
    ("unicef", "expertise", "Technical advice on guardianship standards", None, "", "20000"),
    ("mhrr", "data", "Data on displaced persons and the referral protocol", None, "",
     "15000"),
    ("csw_bihac", "staff_time", "Two social workers, 30% of their time", None, "",
     "26000"),
    ("romano_drom", "networks", "Roma mediators' access to families in Tuzla Canton", None,
     "", "18000"),
    ("legal_aid", "expertise", "Legal aid for documents, trained volunteers", None, "",
     "24000"),
    ("irc_bih", "networks", "Religious communities in Una-Sana and Tuzla", None, "",
     "8000"),
    ("fpn", "expertise", "Baselines, yearly evaluation, training of social workers", None,
     "", "16000"),
]

SAFE_CHILDHOODS_V2 = dict(
    change_note="Amendments from the annual health check in Tuzla: the chair rotates and "
    "papers go out a week ahead, because Romano Drom felt decisions were made before "
    "steering meetings; the ministry's answer time is reported, as it was late twice; the "
    "guardian KPI is tightened from 14 to 10 days after reaching 12; year-two resources.",
    governance_structure="A steering group of one representative per member meets "
    "quarterly, in Sarajevo, Bihać and Tuzla in turn. The chair rotates among the members "
    "every meeting; an external broker accepted by all partners facilitates. "
    "Papers are circulated a week before every steering meeting, and no decision "
    "is prepared outside it.\n\nDecisions that need the ministry are referred to the "
    "Minister's cabinet, which answers within ten working days; the steering group reports "
    "late answers.\n\nA monthly partner bulletin in Bosnian and Romani shares progress.",
    kpis="1. Days to appoint a guardian (baseline 31, now 12, target 10), centre for social "
    "work, quarterly.\n2. Roma children registered at birth in Tuzla Canton (baseline 61%, "
    "target 90%), Romano Drom and the faculty, yearly.\n3. Roma children enrolled in "
    "primary school (baseline 68%, target 90%), yearly.\n4. Referrals of violence, child "
    "marriage and begging followed up within 30 days (target 80%), quarterly.\n5. Children "
    "with legal aid for documents (target 300 a year), legal aid network, quarterly.\n6. "
    "Ministry answers given within ten working days (target 100%), steering group, "
    "quarterly.",
)

CONNECTIVITY_V1 = dict(
    title="Partnership Dialogue for Connectivity: commitments to action",
    purpose_vision="Almost half of the world's people cannot use broadband: networks do not "
    "reach them, service costs too much, or they lack the devices and skills to use it. No "
    "operator, government, community network or agency can close that gap alone.\n\nOur "
    "shared vision: meaningful, affordable broadband for the rural unconnected, starting "
    "in rural Kenya, rural Colombia and Nkomazi, and shared through ITU so others can "
    "follow.\n\nThis partnership contributes to SDG 9.c, 9.1, 17.6, 17.8, 4.4 and 5.b.",
    culture_values="The partners acknowledge openly that they come with different "
    "incentives: operators want rural sites that pay back, ministries want coverage "
    "targets and good use of universal service funds, community networks want affordable "
    "backhaul and recognition in spectrum rules, funders want proof that seed money "
    "multiplies. They keep a bias toward action and resolve tensions as they go.",
    common_goals="The shared goal: meaningful, affordable broadband for the rural "
    "unconnected.\n\nCommitments to action: each partner's commitment is set out in its "
    "member terms and in the resources below, with an owner for each.",
    governance_structure="The partnership works as a network, not a hierarchy: there is no "
    "central steering committee. One Earth Future and Partnerships for Social Change "
    "convene; an external broker facilitates.\n\nAccountability is tied to each next step: "
    "every "
    "commitment has an owner, and the partners review progress on the commitments on a "
    "monthly call.",
    resourcing="Partners fund their own commitments. Lumen's seed grants go to community "
    "networks directly, not through a lead partner.",
    risks="Underinvestment: sites at cost depend on operators' boards; reviewed monthly.\n"
    "Over-appropriation: no partner brands the pilots as its own.\nMisalignment: spectrum "
    "rules may favour incumbents; ministries raise it with their regulators.",
    code_of_conduct="Partners speak openly about their incentives, share what does not "
    "work, and credit every partner in public.",
    kpis="1. Rural sites opened to community networks (target 40 in 18 months).\n2. People "
    "connected through the pilots (target 60,000).\n3. Monthly price of an entry broadband "
    "plan in the pilot areas (target under 2% of monthly income).",
    review_schedule="Monthly accountability call on the commitments; a review of the "
    "pilots after 12 months, written up by ITU.",
    grievance_exit="Concerns go to the facilitator, who raises them on the next monthly "
    "call. A partner may step back at any time, as Orbita did, and is welcome back.",
    data_ip="Pilot data is shared openly through ITU in aggregate. Each partner keeps its "
    "own commercial data; site lists are shared with the partners only.",
)

CONNECTIVITY_TERMS = {
    "oef": ("Evidence that the Innovation in Partnerships model works at scale.",
            "Learning and reputation.", "Co-convenes; keeps the six steps."),
    "psc": ("Practice for its facilitators.", "Learning.",
            "Co-convenes; runs the monthly accountability call."),
    "kilima": ("Rural sites that pay back; subscribers.", "Growth; licence obligations.",
               "Opens 40 rural sites to community networks at cost."),
    "towershare": ("Utilisation of its rural towers and backhaul.", "Growth.",
                   "Offers backhaul at cost on a pilot route to Nkomazi."),
    "moicde": ("Coverage targets; good use of the universal service fund.",
               "Legitimacy; efficient services.",
               "Gives access to sites on public land; shares coverage data."),
    "mintic": ("Coverage targets in rural Colombia.", "Efficient services.",
               "Shares its rural connectivity model and tender documents."),
    "nkomazi": ("Affordable backhaul; recognition of community networks in spectrum rules.",
                "Community voice.", "Runs the Nkomazi pilot; trains local operators."),
    "itu": ("Documented models others can follow.", "Information; standards.",
            "Documents the pilots and shares rural connectivity data."),
    "lumen": ("Proof that seed money multiplies.", "Impact.",
              "Funds seed grants for three community networks."),
    "worldbank": ("Lessons for its digital development lending.", "Information.",
                  "Observes; shares lessons from its programmes."),
}

CONNECTIVITY_COMMITMENTS = [
    ("kilima", "in_kind", "40 rural sites opened to community networks at cost", None, "",
     "400000"),
    ("towershare", "in_kind", "Backhaul at cost on the pilot route to Nkomazi", None, "",
     "150000"),
    ("lumen", "cash", "Seed grants for three community networks", "150000", "USD", None),
    ("mintic", "expertise", "Rural connectivity model and tender documents", None, "",
     "40000"),
    ("moicde", "data", "Coverage data and access to sites on public land", None, "",
     "35000"),
    ("itu", "expertise", "Documentation of the pilots; rural connectivity data", None, "",
     "30000"),
    ("nkomazi", "staff_time", "Local operators for the pilot, half-time", None, "", "25000"),
    ("oef", "staff_time", "Convening and the partnership lead", None, "", "60000"),
    ("psc", "staff_time", "Facilitation and the monthly call", None, "", "45000"),
    ("worldbank", "networks", "Lessons from digital development programmes", None, "",
     None),
]


# Deliverables: (title, responsible organisation, due in days ago (negative: ahead), status,
# delivered days ago). Safe Childhoods' come from its common goals, its progress reports
# (the weekend rota) and its risk register (one referral register); some are overdue.
SAFE_CHILDHOODS_DELIVERABLES = [
    ("Joint referral protocol for violence, child marriage and child begging, adopted by "
     "every partner", "mhrr", 380, "delivered", 372),
    ("Guardians trained and on call in Bihać and Velika Kladuša: 20 by the end of phase two",
     "csw_bihac", -365, "in_progress", None),
    ("Birth registration drive with Roma mediators in the pilot municipalities of Tuzla "
     "Canton", "romano_drom", -180, "in_progress", None),
    ("Fee waiver for late birth registration agreed with the cantonal authorities",
     "legal_aid", 45, "in_progress", None),
    ("Shared weekend on-call rota of caseworkers in Una-Sana Canton", "csw_bihac", 10,
     "planned", None),
    ("One definition and one register of referrals, used by every partner", "legal_aid", -40,
     "planned", None),
    ("First yearly evaluation of the partnership's results", "fpn", 30, "delivered", 20),
]

# The Connectivity dialogue's commitments to action (Innovation in Partnerships, step 4),
# each with an owner.
CONNECTIVITY_DELIVERABLES = [
    ("40 rural sites opened to community networks at cost", "kilima", -520, "in_progress",
     None),
    ("Backhaul at cost on the pilot route to Nkomazi", "towershare", -120, "planned", None),
    ("Seed grants to three community networks", "lumen", -90, "in_progress", None),
    ("Coverage data for rural Kenya shared with the partners", "moicde", 7, "planned", None),
    ("Rural connectivity model and tender documents shared with the pilot countries",
     "mintic", 20, "delivered", 12),
    ("The pilots documented and published through ITU", "itu", -365, "planned", None),
]

# Which demo indicator (monitoring/demo.py) shows the progress of which deliverable.
INDICATOR_DELIVERABLES = {
    "Safe Childhoods": [
        ("Referrals of violence, child marriage or child begging followed up within 30 days",
         "Joint referral protocol"),
        ("Trained guardians on call", "Guardians trained and on call"),
        ("Unaccompanied children with a guardian appointed within 72 hours",
         "Guardians trained and on call"),
        ("Roma children under five with a birth certificate in Tuzla Canton",
         "Birth registration drive"),
    ],
}


def _at(day, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


class _Agreements:
    def __init__(self, loader):
        self.loader = loader
        self.admin = loader.users["admin"]

    def account(self, key: str):
        """The person's own account, made for the demo if they have none (no password)."""
        person = self.loader.people[key]
        if person.user_id:
            return person.user
        user = get_user_model().objects.create_user(
            username=f"demo-signatory-{key}", password=None, email=person.email,
            first_name=person.name.split()[0], last_name=" ".join(person.name.split()[1:]))
        registry.update_person(self.admin, person, user=user)
        return user

    def signatory(self, key: str, partnership: Partnership):
        """A signatory with a mandate, named by their organisation."""
        name, org_key, job = SIGNATORIES[key]
        org = self.loader.orgs[org_key]
        person = registry.create_person(self.admin, name=name, organisation=org,
                                        email=_email(name), job_title=job,
                                        partnering_role="leader")
        self.loader.people[key] = person
        membership = partnership.memberships.get(organisation=org)
        partnerships.add_representative(self.admin, membership, person=person,
                                        has_mandate=True)

    def fill(self, actor, version, text: dict, terms: dict, commitments: list) -> None:
        services.update_version(actor, version, **text)
        by_org = {self.loader.orgs[key].pk: key for key in terms}
        for t in version.member_terms.select_related("organisation"):
            own, interests, roles = terms[by_org[t.organisation_id]]
            services.update_terms(actor, t, own_goals=own, interests=interests, roles=roles)
        for org, kind, description, amount, currency, value in commitments:
            services.add_commitment(
                actor, version, organisation=self.loader.orgs[org], kind=kind,
                description=description, amount=Decimal(amount) if amount else None,
                currency=currency, estimated_value=Decimal(value) if value else None)

    def sign(self, version, keys_and_days: list) -> None:
        for key, org_key, days_ago in keys_and_days:
            signature = services.sign(self.account(key), version,
                                      organisation=self.loader.orgs[org_key])
            Signature.objects.filter(pk=signature.pk).update(
                signed_at=_at(self.loader.ago(days_ago)))

    def backdate(self, version, created: int, proposed: int | None = None,
                 agreed: int | None = None) -> None:
        ago = self.loader.ago
        AgreementVersion.objects.filter(pk=version.pk).update(
            created=_at(ago(created), 9),
            proposed_at=_at(ago(proposed), 11) if proposed is not None else None,
            agreed_at=_at(ago(agreed), 16) if agreed is not None else None)

    def safe_childhoods(self) -> None:
        p = Partnership.objects.get(title__startswith="Safe Childhoods")
        lead, broker = self.loader.users["lead"], self.loader.users["broker"]
        for key in SIGNATORIES:
            self.signatory(key, p)
        v1 = services.start_from_template(lead, p, valuation_currency="EUR")
        self.fill(broker, v1, SAFE_CHILDHOODS_V1, SAFE_CHILDHOODS_TERMS,
                  SAFE_CHILDHOODS_COMMITMENTS)
        services.propose(broker, v1)
        self.sign(v1, [("emir", "wvbih", 404), ("dragan", "csw_bihac", 403),
                       ("senada", "romano_drom", 403), ("lana", "legal_aid", 402),
                       ("haris", "irc_bih", 401), ("nedzad", "fpn", 399),
                       ("ines", "unicef", 396), ("adnan", "mhrr", 392)])
        self.backdate(v1, created=425, proposed=405, agreed=392)

        v2 = services.start_from_latest(broker, p)
        services.update_version(broker, v2, **SAFE_CHILDHOODS_V2)
        terms = v2.member_terms.get(organisation=self.loader.orgs["romano_drom"])
        services.update_terms(self.account("senada"), terms, roles=terms.roles + " Chairs the "
                              "steering group in turn; mediators named in the referral "
                              "protocol.")
        unicef = v2.commitments.get(organisation=self.loader.orgs["unicef"], kind="cash")
        services.update_commitment(broker, unicef, description="Co-funding of guardianship "
                                   "training, year two", amount=Decimal(45000),
                                   estimated_value=Decimal(41000))
        services.add_commitment(self.loader.users["lead"], v2,
                                organisation=self.loader.orgs["wvbih"], kind="cash",
                                description="Two more Roma mediators in Tuzla Canton",
                                amount=Decimal(24000), currency="EUR")
        self.backdate(v2, created=50)

    def deliverables(self, partnership: Partnership, rows: list) -> None:
        if partnership.deliverables.exists():
            return
        broker, ago = self.loader.users["broker"], self.loader.ago
        for title, org, due, status, delivered in rows:
            services.create_deliverable(
                broker, partnership, title=title, responsible_organisation=self.loader.orgs[org],
                due_date=ago(due), status=status,
                delivered_on=ago(delivered) if delivered is not None else None)

    def connectivity(self) -> None:
        p = Partnership.objects.get(title="Partnership Dialogue for Connectivity")
        broker = self.loader.users["broker"]
        v1 = services.start_from_template(broker, p, template="commitments_to_action")
        self.fill(broker, v1, CONNECTIVITY_V1, CONNECTIVITY_TERMS, CONNECTIVITY_COMMITMENTS)
        services.propose(broker, v1)
        self.sign(v1, [("helen", "oef", 27), ("luis", "psc", 27), ("amina", "kilima", 24),
                       ("camila", "mintic", 20), ("sipho", "nkomazi", 19),
                       ("jonathan", "lumen", 15)])
        self.backdate(v1, created=38, proposed=28)


def _email(name: str) -> str:
    from partnering.platform.demo import _email as demo_email

    return demo_email(name)


def load_agreements(loader) -> None:
    """Called by the demo loader once the partnerships are in place."""
    agreements = _Agreements(loader)
    agreements.safe_childhoods()
    agreements.connectivity()
    agreements.deliverables(Partnership.objects.get(title__startswith="Safe Childhoods"),
                            SAFE_CHILDHOODS_DELIVERABLES)
    agreements.deliverables(Partnership.objects.get(
        title="Partnership Dialogue for Connectivity"), CONNECTIVITY_DELIVERABLES)


def link_indicators(loader) -> None:
    """Link the demo's indicators to the deliverables whose progress they show; called once
    both the agreements and the monitoring data are loaded. Links already made are kept."""
    from partnering.monitoring import services as monitoring
    from partnering.monitoring.models import Indicator

    admin = loader.users["admin"]
    for title_start, pairs in INDICATOR_DELIVERABLES.items():
        partnership = Partnership.objects.filter(title__startswith=title_start).first()
        if partnership is None:
            continue
        for indicator_name, deliverable_start in pairs:
            indicator = Indicator.objects.filter(partnership=partnership, name=indicator_name,
                                                 deliverable__isnull=True).first()
            deliverable = partnership.deliverables.filter(
                title__startswith=deliverable_start).first()
            if indicator is not None and deliverable is not None:
                monitoring.update_indicator(admin, indicator, deliverable=deliverable)

