"""/api/v1/brokers, /api/v1/broker-assignments, /api/v1/partnerships/{id}/broker-candidates
and /api/v1/logbooks: the roster, assignments and the reflective log book."""

from partnering.brokers.api import assignments, logbook, roster  # noqa: F401  (routes)
from partnering.brokers.api.common import router  # noqa: F401
