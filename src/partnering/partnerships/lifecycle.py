"""The partnership cycles and their checklists, written from the practitioner texts
(partnering.sources).

Two paths: the generic multi-stakeholder cycle (Building Multi-Stakeholder Partnerships, with
steps from A Guide to Strategic Partnering and 8 Actions) and the six-step "Innovation in
Partnerships" process. Phase codes are unique
across both paths, so a phase code alone says where a partnership stands.

Names, purposes and checklist items are interface text (gettext_lazy). A new partnership's
checklist is copied into the database in English (`english`), and shown through
`checklist_text`, so stored items follow the reader's language.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.sources import cite


@dataclass(frozen=True)
class Phase:
    code: str
    number: int
    name: str
    purpose: str
    checklist: tuple[str, ...]


@dataclass(frozen=True)
class Path:
    code: str
    name: str
    source: str
    phases: tuple[Phase, ...]

    def phase(self, code: str) -> Phase:
        for phase in self.phases:
            if phase.code == code:
                return phase
        raise KeyError(code)

    def next_phase(self, code: str) -> Phase | None:
        codes = [phase.code for phase in self.phases]
        index = codes.index(code)
        return self.phases[index + 1] if index + 1 < len(codes) else None


GENERIC = Path("generic", _("Generic multi-stakeholder cycle"), cite("building-msp"), (
    Phase("exploration", 1, _("Exploration & consultation"),
          _("Clarify the idea dialogically, understand the context and initiate the "
            "partnership."),
          (
              _("Clarify the idea dialogically with potential partners"),
              _("Agree the problem statement together and put it at the centre"),
              _("Test the common ground: first resonance, common goals, a group of promoters"),
              _("Map stakeholders: who is affected, who has influence, who must be at the "
                "table"),
              _("Learn each stakeholder's motivations and interests (rule of law, growth, "
                "social development)"),
              _("Identify the competencies and potential of possible partners"),
              _("Name the potential areas of conflict"),
              _("Check that the right organisations and people are involved; fan out for "
                "diverse views"),
              _("Hold a first structured dialogue and get commitment to continue"),
          )),
    Phase("building", 2, _("Building, reviewing & re-building"),
          _("Clarify goals, resources, roles and governance; review and improve."),
          (
              _("Make common and individual goals transparent"),
              _("Clarify the resources each partner brings"),
              _("Clarify roles, structures and procedures"),
              _("State the agreements in a partnering agreement"),
              _("Design a simple governance structure that defines how decisions are made"),
              _("Make sure every representative at the table has a mandate to decide"),
              _("Set the KPIs upfront and implement a simple participatory monitoring system"),
              _("Agree a code of conduct"),
              _("Hold a critical review of progress and draw conclusions for improvement"),
              _("Check the cooperation rent is distributed transparently and fairly"),
              _("Agree on further monitoring and review"),
          )),
    Phase("running", 3, _("Running: implement, monitor, feed back, celebrate"),
          _("Ensure transparency and communication while implementing; celebrate success."),
          (
              _("Implement, monitor and evaluate against the agreed KPIs"),
              _("Communicate regularly so the shared vision stays clear"),
              _("Keep actions and accountability visible to every partner"),
              _("Run the annual partnership health check"),
              _("Watch the power balance in decisions and in who carries the work"),
              _("Establish regular feedback mechanisms, including external feedback"),
              _("Adjust the implementation strategy where needed"),
              _("Celebrate success and make positive experience visible"),
              _("Make good practice transparent and produce knowledge products"),
          )),
    Phase("sustaining", 4, _("Sustaining: new container, institutionalise, learn"),
          _("Take the partnership to the next level, or let it move on well."),
          (
              _("Decide whether to build a new container and involve new stakeholders"),
              _("Institutionalise the partnership if desired (legal form, processes, standards)"),
              _("Define the results and processes that should last"),
              _("Design measures that make results sustainable over time"),
              _("Promote learning: topic-focused encounters, communities of practice"),
              _("Share lessons learned beyond the partnership"),
              _("Agree how and when partners may exit or the partnership moves on"),
          )),
))

INNOVATION = Path("innovation", _("Innovation in Partnerships (six steps)"),
                  cite("innovation-in-partnerships"), (
    Phase("lead_scope", 1, _("Identify a project lead and an initial scope"),
          _("A lead convenes around shared goals, with incentives acknowledged openly."),
          (
              _("Name the project lead"),
              _("Write the initial scope and the problem it addresses"),
              _("State the shared goals"),
              _("Acknowledge openly that partners have differing incentives"),
          )),
    Phase("solicit", 2, _("Identify and solicit participants"),
          _("Fan out across sectors and invite those who need to be involved."),
          (
              _("Map the organisations and people who need to be involved"),
              _("Fan out: seek diverse sectors and views, not only usual partners"),
              _("Invite participants and record who accepted"),
              _("Hold the first meeting"),
          )),
    Phase("pause", 3, _("Suspend planning to allow for shifting participants"),
          _("Let participants join and leave before plans harden."),
          (
              _("Pause detailed planning while the group settles"),
              _("Welcome late joiners and let others step back without penalty"),
              _("Confirm who will be at the table for the agreement"),
          )),
    Phase("agreement", 4, _("Second meeting ending in a formal agreement"),
          _("Commit to action with accountability tied to next steps."),
          (
              _("Hold the second meeting"),
              _("Agree commitments to action, with owners"),
              _("Sign a formal agreement"),
              _("Tie accountability to the next steps"),
          )),
    Phase("execute", 5, _("Execute the plan"),
          _("Act, keep network structures and avoid centralised hierarchy."),
          (
              _("Carry out the agreed actions"),
              _("Keep decision making networked rather than hierarchical"),
              _("Monitor progress against the commitments"),
              _("Resolve tensions between the principles as they arise"),
          )),
    Phase("scale", 6, _("Accelerate, broaden and scale"),
          _("Grow what works: more partners, more places, more impact."),
          (
              _("Review results and decide what to scale"),
              _("Broaden the partnership to new participants"),
              _("Share the model and lessons learned"),
          )),
))

PATHS = {GENERIC.code: GENERIC, INNOVATION.code: INNOVATION}
PATH_CHOICES = [(path.code, path.name) for path in PATHS.values()]
PHASE_CHOICES = [(phase.code, format_lazy("{}: {}. {}", path.name, phase.number, phase.name))
                 for path in PATHS.values() for phase in path.phases]


def phase_label(phase: Phase) -> str:
    """"2. Building, reviewing & re-building", in the active language."""
    return f"{phase.number}. {phase.name}"


def english(text) -> str:
    """The English text (the msgid) of a message defined here, as the database keeps it."""
    with translation.override("en"):
        return str(text)


def checklist_text(text: str) -> str:
    """A stored checklist item in the active language: the path's own items translate, an
    item a partnership wrote itself stays as written."""
    return gettext(text) if text else text


def path_of_phase(code: str) -> Path:
    for path in PATHS.values():
        if any(phase.code == code for phase in path.phases):
            return path
    raise KeyError(code)
