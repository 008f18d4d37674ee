"""The default competency framework, written from Unite to Ignite (the companion case
studies: "people power partnerships", the partnership broker's role as the Partnership
Brokers Association describes it). Stored content in English, which platform admins edit.

Each competency: (code, name, what it is, four descriptors of what each level looks like in
practice: 1 aware, 2 practising, 3 proficient, 4 leading)."""

PARTNERING = [
    ("communication", "Communication",
     "Explains the partnership's purpose and progress so that every partner, inside and "
     "outside the organisation, understands it and can speak up.",
     ["Shares information about a partnership when asked; messages are accurate but written "
      "for their own organisation.",
      "Writes and speaks for each partner's audience; keeps partners informed between "
      "meetings without being chased.",
      "Holds open two-way communication across partners of different sectors and power; "
      "surfaces disagreement early and fairly.",
      "Shapes how a whole portfolio of partnerships is told and heard; coaches colleagues to "
      "communicate for trust, not only for visibility."]),
    ("strategic_planning", "Strategic planning",
     "Links partnerships to the organisation's strategy and the partnership's own purpose and "
     "goals, and plans how to get there.",
     ["Knows the organisation's strategy and can say which partnerships serve it.",
      "Sets objectives and milestones for one partnership that follow its agreed purpose.",
      "Builds a partnering strategy for a programme or a country office, with choices about "
      "which partnerships to start, grow or close.",
      "Leads the organisation's partnering strategic intent and reviews it against evidence "
      "of impact over time."]),
    ("ideation", "Ideation",
     "Generates and shapes ideas for what partners could do together that none could do "
     "alone.",
     ["Contributes ideas in a group session when invited.",
      "Turns a shared problem into several options for joint action and tests them with "
      "partners.",
      "Facilitates partners to co-create a value proposition that draws on each one's "
      "assets.",
      "Creates the conditions in which new partnership ideas emerge across organisations "
      "and sectors, and is sought out for it."]),
    ("networking", "Networking",
     "Builds and keeps a trusted network across the public, private and civil society "
     "sectors.",
     ["Knows the main actors in their field and keeps contact details current.",
      "Maintains working relationships with people in several organisations and sectors "
      "and uses them to find potential partners.",
      "Brokers introductions between others; their network is diverse, including local and "
      "minority-led organisations.",
      "Is a recognised convenor: partners come to them to find each other, and their network "
      "survives changes of post."]),
    ("marketing", "Marketing",
     "Presents the organisation and a partnership opportunity so that the right partners "
     "want to join.",
     ["Can describe the organisation's offer using existing materials.",
      "Tailors a partnership pitch to a given partner's interests and sector.",
      "Builds the case for a partnership with evidence and a clear picture of each "
      "partner's gain; wins partners who were not looking.",
      "Positions the organisation as a partner of choice in its field and shapes its "
      "reputation for partnering."]),
    ("collaboration", "Collaboration",
     "Works with others as equals towards shared goals, sharing credit, risk and decisions.",
     ["Works well in a team from their own organisation.",
      "Works jointly with staff of partner organisations and keeps shared commitments.",
      "Practises horizontal accountability: shares decisions and credit, and attends to "
      "power dynamics between partners.",
      "Nurtures collaborative leadership across partnerships and challenges 'business as "
      "usual' behaviours and systems that get in the way."]),
    ("innovation", "Innovation",
     "Uses partnerships to try new approaches, learns from monitoring data and scales what "
     "works.",
     ["Is open to new ways of working proposed by partners.",
      "Pilots an improvement in a partnership and reports what was learned.",
      "Uses partnering data and monitoring over time to change how a partnership works and "
      "to generate innovations.",
      "Builds a culture of experiment and learning across an office's partnerships; moves "
      "partnerships beyond 'playing safe'."]),
    ("negotiation", "Negotiation",
     "Reaches fair agreements that partners own: terms, contributions, roles and ways of "
     "working.",
     ["Understands the organisation's own position and its limits before a negotiation.",
      "Negotiates the terms of a simple agreement, looking for options that work for both "
      "sides.",
      "Negotiates multi-party agreements and difficult contributions with interest-based "
      "methods; keeps relationships intact.",
      "Negotiates complex, high-stakes partnership agreements and coaches others; is trusted "
      "by all sides to be fair."]),
    ("acquisition", "Acquisition (securing partners and resources)",
     "Secures the partners, funding and other resources a partnership needs, using the "
     "organisation's procurement and agreement instruments well.",
     ["Knows which instruments (grants, contracts, memoranda) the organisation uses.",
      "Prepares a partnership's resource plan and the paperwork for one instrument.",
      "Chooses the right instrument for each partner and mobilises cash and in-kind "
      "resources from several sources.",
      "Designs new ways of resourcing partnerships and leverages resources many times the "
      "organisation's own."]),
    ("programme_management", "Programme management",
     "Runs the partnership's joint work: plans, budgets, risks, monitoring and reports.",
     ["Follows a work plan and reports on own tasks on time.",
      "Manages the work plan, risks and monitoring of one partnership with partners.",
      "Manages a portfolio of partnerships, with monitoring data used to improve process and "
      "show change over time.",
      "Sets the office's standards for partnership management and review, and is "
      "accountable for their quality."]),
    ("partner_empathy", "Partner empathy (what's in it for them)",
     "Identifies how a partnership benefits each potential partner: the 'what's in it for "
     "me' knowledge.",
     ["Recognises that partners join for their own reasons.",
      "Asks partners what they need from the partnership and records it.",
      "Maps each partner's interests, risks and gains and uses them to shape a fair "
      "partnership.",
      "Anticipates partners' interests before they are voiced and helps the organisation "
      "see itself as others see it."]),
]

PROCESS = [
    ("purpose_keeping", "Keeping to purpose",
     "Helps partners stay true to the strategic purpose and goals of the partnership.",
     ["Can state the partnership's purpose and goals.",
      "Reminds partners of the purpose when decisions drift from it.",
      "Facilitates partners to revisit and renew their purpose as the context changes.",
      "Holds a partnership to a transformative purpose under pressure to 'play safe'."]),
    ("process_design", "Designing and leading the partnering process",
     "Designs, manages and leads the partnering process and the collaborative journey, "
     "including fit-for-purpose governance.",
     ["Knows the phases of the partnering cycle.",
      "Plans and runs meetings and a phase of the partnering process.",
      "Designs the whole partnering journey and governance with partners, including ways of "
      "working that supplement contracts.",
      "Designs processes for complex, multi-level partnerships and trains other brokers."]),
    ("navigating_complexity", "Navigating complexity and power",
     "Navigates complexity, uncertainty, diversity and power dynamics, and holds difficult "
     "conversations in ways that are fair, open and create confidence.",
     ["Notices tension and power imbalance in a partnership.",
      "Names tension openly and helps partners speak up in a meeting.",
      "Facilitates difficult conversations and resolves conflicts; builds less powerful "
      "partners' ability to be heard.",
      "Brokers through crises and systemic issues (localisation, inequity) and is trusted "
      "as fair by every partner."]),
    ("principled_relationships", "Principled partner relationships",
     "Models, coaches and upholds principled relationships, communications and behaviours.",
     ["Knows the partnering principles (equity, transparency, mutual benefit).",
      "Behaves by the principles and points out when they are not followed.",
      "Coaches partners in principled behaviour and challenges unhelpful, unethical or "
      "uncollaborative assumptions.",
      "Is a role model whose practice changes how organisations partner."]),
    ("fairness", "Modelling fairness",
     "Models fairness and seeks to ensure fairness within the partnership, as an internal or "
     "external facilitator.",
     ["Treats partners even-handedly in their own conduct.",
      "Declares their own interests and checks that each partner's voice is heard.",
      "Designs decisions and reviews so that fairness is built in, not left to goodwill.",
      "Is engaged as an accredited external broker because all sides trust their "
      "fairness."]),
    ("reflective_practice", "Reflective practice and health checks",
     "Reviews the partnership with partners (annual reflective health checks) and reflects "
     "on their own practice.",
     ["Keeps notes of what happened in the partnership.",
      "Keeps a reflective log and takes part in a partnership health check.",
      "Facilitates annual reflective health checks and evaluations of collaboration, and "
      "turns them into change.",
      "Mentors other brokers in reflective practice and contributes to the profession's "
      "learning."]),
]
