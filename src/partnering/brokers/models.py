"""The brokers app's models, defined in its sub-packages."""

from partnering.brokers.assignments.models import Assignment  # noqa: F401
from partnering.brokers.logbook.models import (  # noqa: F401
    Addendum,
    Citation,
    LogBook,
    LogComment,
    LogEntry,
    Mark,
)
from partnering.brokers.roster.models import (  # noqa: F401
    Accreditation,
    BrokerProfile,
    BrokerTag,
    RosterRevision,
)
