"""Agreement templates: the structure the practitioner texts give a partnering agreement, with
guidance
for every section. A new draft starts from one of these, pre-filled with what the platform
already knows (the problem statement, the SDGs, each member's interests from the registry).

Guidance the partners still have to replace is written [in square brackets]; a version
that still holds such guidance cannot be proposed for sign-off (see `unfinished`).

Names, descriptions and section texts are gettext_lazy: a draft starts in the language of
whoever starts it (its text is the partners' own from then on). Citations are filled in
by name ({fair_share}, ...), so that the messages hold no code.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.governance.vocabulary import DecisionRule
from partnering.sources import cite

FAIR_SHARE = cite("building-msp", "a transparent and just distribution of the cooperation rent")
PHASE_2 = "phase 2: clarify goals, resources, roles and a simple governance system"
CITES = {
    "building_msp": cite("building-msp"),
    "permission_to_decide": cite("eight-actions", "action 6: give permission to decide"),
    "fair_share": FAIR_SHARE,
    "new_container": cite("building-msp", "phase 4: build a new container"),
}

# Guidance left to replace: a bracketed instruction of some length, not a citation like [1].
GUIDANCE = re.compile(r"\[[^\[\]\n]{12,}\]")


@dataclass(frozen=True)
class AgreementTemplate:
    key: str
    name: str
    description: str
    source: str
    decision_rule: str
    quorum_percent: int
    majority_percent: int
    sections: dict = field(default_factory=dict)
    own_goals: str = ""
    roles: str = ""
    interests: str = ""


# The sections every template shares, overridden where a template says more.
COMMON_SECTIONS = {
    "purpose_vision": (
        _("We, the partners of {title}, come together because of a problem none of us can "
          "solve alone:\n\n{problem}\n\n"
          "Our shared vision: [the change we want to see for the people affected, and by "
          "when, in words every partner accepts]\n\n"
          "This partnership contributes to {sdgs}.")),
    "culture_values": (
        _("[The values the partners share (e.g. openness, respect for every partner's "
          "contribution, no status barriers between large and small partners)]\n\n"
          "[The differences in values and ways of working that the partners name openly "
          "and accept: planning cycles, mandates, how each decides, what each may say in "
          "public]")),
    "common_goals": (
        _("Together the partners will:\n"
          "1. [a goal, stated so that progress can be seen]\n"
          "2. [a goal]\n\n"
          "Each partner's own goals are set out next to these in the member terms below, "
          "so that common and individual goals are both transparent "
          "({building_msp}).")),
    "governance_structure": (
        _("[Who steers the partnership (a steering group of one representative per partner, "
          "with a mandate to decide), how often it meets, and who chairs or facilitates; "
          "consider a rotating chair and an independent facilitator]\n\n"
          "Decisions are taken by the rule set out in this agreement. Every partner's "
          "representative at the table has a mandate to decide, or the partner says how and "
          "how fast it will answer ({permission_to_decide}).\n\n"
          "[How information is shared: papers circulated ahead of meetings, a regular "
          "bulletin, the channels used]")),
    "resourcing": (
        _("Each partner's commitments are listed below with an estimated value in the "
          "agreement's valuation currency.\n\n"
          "[The assumptions behind them: staff time available, funds confirmed or still "
          "to be raised]\n\n"
          "[How costs and benefits are shared fairly, including paying community partners "
          "for their time rather than relying on volunteering ({fair_share})]")),
    "risks": (
        _("[The main risks and who carries them. Check the three known causes of failure: "
          "underinvestment (partners do not bring what they promised), over-appropriation "
          "(one partner claims the results or the data), misalignment (goals and "
          "incentives drift apart)]\n\n"
          "[What the partners do when a risk materialises]")),
    "code_of_conduct": (
        _("The partners agree to:\n"
          "- speak openly, listen to each other and respect differing views;\n"
          "- share information that affects the partnership in good time;\n"
          "- keep the problem at the centre rather than their own organisation's "
          "solution;\n"
          "- credit every partner's contribution in public.\n\n"
          "[Anything the partners add, e.g. safeguarding commitments, how the partnership "
          "is represented in the media]")),
    "kpis": (
        _("The partners set these KPIs before the work starts, with a baseline and a "
          "target:\n"
          "1. [KPI, baseline, target, who measures, how often]\n"
          "2. [KPI, baseline, target, who measures, how often]\n\n"
          "Monitoring is simple and participatory: every partner reports on what it owns, "
          "and results are shared with all partners.")),
    "review_schedule": (
        _("[When the partners assess the partnership and its results: e.g. a quarterly "
          "review of the KPIs and an annual partnership health check facilitated by the "
          "broker]\n\n"
          "The agreement itself is reviewed at least once a year; any change is made as a "
          "new version signed by every partner.")),
    "grievance_exit": (
        _("[How a partner raises a concern or a grievance, to whom, and how fast it gets an "
          "answer; when an independent facilitator is called in]\n\n"
          "[How a partner leaves: notice period, what happens to its commitments, data and "
          "shared assets]")),
    "data_ip": (
        _("[Which data partners share, for what purpose, and under which safeguards for "
          "personal data]\n\n"
          "[Who owns what the partnership produces (reports, tools, data) and how it may be "
          "used; by default, knowledge products are shared openly with credit to all "
          "partners]")),
}


def _common(**overrides) -> dict:
    """The shared sections, overridden where a template says more."""
    return {**COMMON_SECTIONS, **overrides}


FULL = AgreementTemplate(
    key="partnering_agreement",
    name=_("Multi-stakeholder partnering agreement"),
    description=_("The full structure for a formal, long-term partnership: purpose, culture "
      "and values, common and individual goals, roles, governance and the decision rule, "
      "resourcing, risks, code of conduct, KPIs set upfront, reviews, grievance and exit, data "
      "and intellectual property."),
    source=f"{cite('building-msp', PHASE_2)}; {cite('strategic-partnering')}",
    decision_rule=DecisionRule.CONSENSUS, quorum_percent=67, majority_percent=67,
    sections=_common(),
    own_goals=_("[What {org} wants to achieve for itself through this partnership, stated "
      "openly next to the common goals]"),
    roles=_("[What {org} does in the partnership and what it is responsible for: tasks, "
      "deadlines, who represents it]"),
)

MOU = AgreementTemplate(
    key="memorandum",
    name=_("Memorandum of understanding for short-term coordination"),
    description=_("A lighter agreement for an informal or short-term partnership where each "
      "partner keeps its own plan: purpose, who does what, how partners coordinate and "
      "decide, and how the coordination ends."),
    source=f"{cite('strategic-partnering', 'partnership types: informal, short-term')}; "
    f"{cite('building-msp', 'phase 2')}",
    decision_rule=DecisionRule.CONSENT, quorum_percent=50, majority_percent=67,
    sections=_common(
        culture_values=_("The partners work in the spirit of the code of conduct below. "
          "[Any difference in mandates or ways of working the partners should know about]"),
        governance_structure=_("[A coordination meeting: how often, who convenes it, who takes "
          "notes]\n\nEach partner keeps its own plan and budget; the partners coordinate so "
          "that their work adds up and nobody duplicates another."),
        resourcing=_("Each partner funds its own participation unless listed otherwise below."),
        kpis=_("1. [What the partners will count together, e.g. children referred, spaces "
          "running]\n\nPartners share their figures at each coordination meeting."),
        review_schedule=_("[When the partners check whether the coordination is still needed, "
          "and the date this memorandum ends unless renewed]"),
        grievance_exit=_("[How a concern is raised]\n\nA partner may leave with [one month's] "
          "notice; the memorandum ends when its purpose is met, and the partners agree who "
          "holds what lasts ({new_container})."),
    ),
    own_goals=_("[What {org} wants from the coordination]"),
    roles=_("[What {org} does, where and when]"),
)

COMMITMENTS = AgreementTemplate(
    key="commitments_to_action",
    name=_("Commitments to action (Innovation in Partnerships)"),
    description=_("For a partnership built on the six-step path: shared goals, openly "
      "acknowledged differing incentives, commitments to action with an owner each, and "
      "accountability tied to next steps rather than a central steering structure."),
    source=cite("innovation-in-partnerships",
                "step 4, a second meeting that culminates in a formal agreement"),
    decision_rule=DecisionRule.CONSENT, quorum_percent=50, majority_percent=67,
    sections=_common(
        culture_values=_("The partners acknowledge openly that they come with different "
          "incentives:\n[each partner's incentive, named in its member terms]\n\nThey keep a "
          "bias toward action and resolve tensions between their principles as they go."),
        governance_structure=_("The partnership works as a network, not a hierarchy: there is "
          "no central steering committee. [Who convenes, who facilitates, how often the "
          "partners meet]\n\nAccountability is tied to each next step: every commitment has "
          "an owner, and the partners review progress on the commitments [monthly]."),
        common_goals=_("The shared goal: [one sentence every partner accepts]\n\n"
          "Commitments to action: each partner's commitment is set out in its member terms "
          "and in the resources below, with an owner for each."),
    ),
    own_goals=_("[The incentive that brings {org} to the table, named openly]"),
    roles=_("[The commitment to action {org} makes, its owner and the next step]"),
)

TEMPLATES = {template.key: template for template in (FULL, MOU, COMMITMENTS)}
DEFAULT_TEMPLATE = FULL.key
TEMPLATE_CHOICES = [(t.key, t.name) for t in TEMPLATES.values()]


def _sdg_text(partnership) -> str:
    numbers = sorted(goal.number for goal in partnership.sdg_goals.all())
    if not numbers:
        return gettext("the Sustainable Development Goals [name the goals and targets]")
    listed = ", ".join(str(n) for n in numbers)
    return gettext("the Sustainable Development Goals (SDG %(numbers)s)") % {"numbers": listed}


def version_fields(template: AgreementTemplate, partnership) -> dict:
    """The version's fields for a new draft from `template`, in the active language."""
    context = {"title": partnership.title, "problem": partnership.problem_statement.strip(),
               "sdgs": _sdg_text(partnership), **CITES}
    fields = {name: str(text).format(**context) for name, text in template.sections.items()}
    fields.update(title=gettext("Partnering agreement"), decision_rule=template.decision_rule,
                  quorum_percent=template.quorum_percent,
                  majority_percent=template.majority_percent)
    return fields


def terms_fields(template: AgreementTemplate, organisation) -> dict:
    """One member's terms, with its interests as the registry states them."""
    name = organisation.name
    known = [str(label) for label in organisation.interest_labels]
    interests = ""
    if known or organisation.interests_note:
        interests = gettext("From the registry: %(interests)s") % {
            "interests": "; ".join(known)} if known else ""
        if organisation.interests_note:
            interests = (interests + "\n\n" if interests else "") + organisation.interests_note
        interests += "\n\n" + gettext("[Confirm or correct what the registry says]")
    else:
        interests = gettext("[What %(organisation)s expects to gain or protect: access, "
                            "reputation, data, influence, efficiency, legitimacy]") % {
            "organisation": name}
    return {"own_goals": str(template.own_goals).format(org=name),
            "roles": str(template.roles).format(org=name), "interests": interests}


def unfinished(text: str) -> bool:
    return bool(GUIDANCE.search(text or ""))
