"""The partnership officer job series (Unite to Ignite: "develop the Partnership Officer job
series"), as template role profiles an office copies and adapts.

Each grade: (key, grade, title, purpose, responsibilities, {competency code: level}); a
competency not named is required at the grade's base level."""

SERIES = "Partnership officer"

GRADES = [
    ("partnership-officer-1", "I", "Associate partnership officer",
     "Supports the partnerships office in building and running partnerships, while learning "
     "the profession through training, practice and mentorship.",
     "Keep partner records and partnering data up to date\n"
     "Prepare meetings, notes and follow-up actions for partnerships\n"
     "Monitor commitments and report progress to the relationship manager\n"
     "Take part in the partnering curriculum and a mentoring pair",
     2, {"communication": 2, "programme_management": 2, "collaboration": 2}),
    ("partnership-officer-2", "II", "Partnership officer",
     "Builds and manages partnerships with the public and private sectors and civil "
     "society, from first contact to a signed agreement and its delivery.",
     "Identify and approach potential partners and what each would gain\n"
     "Negotiate partnership agreements within delegated authority\n"
     "Manage the work plan, risks and monitoring of assigned partnerships\n"
     "Analyse partnering data to show change over time",
     2, {"communication": 3, "negotiation": 3, "partner_empathy": 3,
         "programme_management": 3, "networking": 3}),
    ("partnership-officer-3", "III", "Senior partnership officer (relationship manager)",
     "Leads a portfolio of partnerships and the relationships behind them; ensures each uses "
     "monitoring data to improve process, generate innovations and identify areas for "
     "advocacy.",
     "Lead a portfolio of strategic partnerships and their relationship management\n"
     "Facilitate difficult conversations and health checks with partners\n"
     "Design partnership governance and ways of working with partners\n"
     "Mentor partnership officers",
     3, {"strategic_planning": 3, "negotiation": 4, "collaboration": 4,
         "navigating_complexity": 3, "fairness": 3, "innovation": 3}),
    ("partnership-officer-4", "IV", "Head of partnerships office",
     "Leads the partnerships office: the organisation's partnering strategy, its people's "
     "development and the quality of its partnering.",
     "Set and review the partnering strategic intent and guidelines\n"
     "Lead the partner review committee and the office's review processes\n"
     "Recruit, develop and retain partnership staff (the job series, the curriculum)\n"
     "Represent the organisation with senior partners and convene new partnerships",
     3, {"strategic_planning": 4, "networking": 4, "marketing": 4, "innovation": 4,
         "principled_relationships": 4}),
]
