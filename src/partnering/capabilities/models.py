"""The models of partnering capabilities, one module per area (Django reads them here)."""

from partnering.capabilities.development.models import (  # noqa: F401
    DevelopmentGoal,
    DevelopmentPlan,
    GoalAction,
    GoalEvidence,
    MentoringPair,
    MentoringSession,
)
from partnering.capabilities.framework.models import (  # noqa: F401
    Competency,
    CompetencyLevel,
    SelfAssessment,
)
from partnering.capabilities.offices.models import (  # noqa: F401
    Cohort,
    Course,
    Enrolment,
    Office,
    OfficeMember,
    OfficeRound,
    RoleProfile,
    RoleRequirement,
)
from partnering.capabilities.ratings.models import (  # noqa: F401
    PeerRating,
    PeerScore,
    RatingCampaign,
    RatingRequest,
)
