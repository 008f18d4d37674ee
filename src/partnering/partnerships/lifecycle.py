"""The partnership cycles and their checklists, written from the practitioner texts
(partnering.sources).

Two paths: the generic multi-stakeholder cycle (Building Multi-Stakeholder Partnerships, with
steps from A Guide to Strategic Partnering and 8 Actions) and the six-step "Innovation in
Partnerships" process. Phase codes are unique
across both paths, so a phase code alone says where a partnership stands.
"""

from dataclasses import dataclass

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


GENERIC = Path("generic", "Generic multi-stakeholder cycle", cite("building-msp"), (
    Phase("exploration", 1, "Exploration & consultation",
          "Clarify the idea dialogically, understand the context and initiate the partnership.",
          (
              "Clarify the idea dialogically with potential partners",
              "Agree the problem statement together and put it at the centre",
              "Test the common ground: first resonance, common goals, a group of promoters",
              "Map stakeholders: who is affected, who has influence, who must be at the table",
              "Learn each stakeholder's motivations and interests (rule of law, growth, "
              "social development)",
              "Identify the competencies and potential of possible partners",
              "Name the potential areas of conflict",
              "Check that the right organisations and people are involved; fan out for "
              "diverse views",
              "Hold a first structured dialogue and get commitment to continue",
          )),
    Phase("building", 2, "Building, reviewing & re-building",
          "Clarify goals, resources, roles and governance; review and improve.",
          (
              "Make common and individual goals transparent",
              "Clarify the resources each partner brings",
              "Clarify roles, structures and procedures",
              "State the agreements in a partnering agreement",
              "Design a simple governance structure that defines how decisions are made",
              "Make sure every representative at the table has a mandate to decide",
              "Set the KPIs upfront and implement a simple participatory monitoring system",
              "Agree a code of conduct",
              "Hold a critical review of progress and draw conclusions for improvement",
              "Check the cooperation rent is distributed transparently and fairly",
              "Agree on further monitoring and review",
          )),
    Phase("running", 3, "Running: implement, monitor, feed back, celebrate",
          "Ensure transparency and communication while implementing; celebrate success.",
          (
              "Implement, monitor and evaluate against the agreed KPIs",
              "Communicate regularly so the shared vision stays clear",
              "Keep actions and accountability visible to every partner",
              "Run the annual partnership health check",
              "Watch the power balance in decisions and in who carries the work",
              "Establish regular feedback mechanisms, including external feedback",
              "Adjust the implementation strategy where needed",
              "Celebrate success and make positive experience visible",
              "Make good practice transparent and produce knowledge products",
          )),
    Phase("sustaining", 4, "Sustaining: new container, institutionalise, learn",
          "Take the partnership to the next level, or let it move on well.",
          (
              "Decide whether to build a new container and involve new stakeholders",
              "Institutionalise the partnership if desired (legal form, processes, standards)",
              "Define the results and processes that should last",
              "Design measures that make results sustainable over time",
              "Promote learning: topic-focused encounters, communities of practice",
              "Share lessons learned beyond the partnership",
              "Agree how and when partners may exit or the partnership moves on",
          )),
))

INNOVATION = Path("innovation", "Innovation in Partnerships (six steps)",
                  cite("innovation-in-partnerships"), (
    Phase("lead_scope", 1, "Identify a project lead and an initial scope",
          "A lead convenes around shared goals, with incentives acknowledged openly.",
          (
              "Name the project lead",
              "Write the initial scope and the problem it addresses",
              "State the shared goals",
              "Acknowledge openly that partners have differing incentives",
          )),
    Phase("solicit", 2, "Identify and solicit participants",
          "Fan out across sectors and invite those who need to be involved.",
          (
              "Map the organisations and people who need to be involved",
              "Fan out: seek diverse sectors and views, not only usual partners",
              "Invite participants and record who accepted",
              "Hold the first meeting",
          )),
    Phase("pause", 3, "Suspend planning to allow for shifting participants",
          "Let participants join and leave before plans harden.",
          (
              "Pause detailed planning while the group settles",
              "Welcome late joiners and let others step back without penalty",
              "Confirm who will be at the table for the agreement",
          )),
    Phase("agreement", 4, "Second meeting ending in a formal agreement",
          "Commit to action with accountability tied to next steps.",
          (
              "Hold the second meeting",
              "Agree commitments to action, with owners",
              "Sign a formal agreement",
              "Tie accountability to the next steps",
          )),
    Phase("execute", 5, "Execute the plan",
          "Act, keep network structures and avoid centralised hierarchy.",
          (
              "Carry out the agreed actions",
              "Keep decision making networked rather than hierarchical",
              "Monitor progress against the commitments",
              "Resolve tensions between the principles as they arise",
          )),
    Phase("scale", 6, "Accelerate, broaden and scale",
          "Grow what works: more partners, more places, more impact.",
          (
              "Review results and decide what to scale",
              "Broaden the partnership to new participants",
              "Share the model and lessons learned",
          )),
))

PATHS = {GENERIC.code: GENERIC, INNOVATION.code: INNOVATION}
PATH_CHOICES = [(path.code, path.name) for path in PATHS.values()]
PHASE_CHOICES = [(phase.code, f"{path.name}: {phase.number}. {phase.name}")
                 for path in PATHS.values() for phase in path.phases]


def path_of_phase(code: str) -> Path:
    for path in PATHS.values():
        if any(phase.code == code for phase in path.phases):
            return path
    raise KeyError(code)
