"""/api/v1/instruments, /rounds (invitations, reminders, results, responses.csv, actions),
/responses/{token} (the anonymous form: no sign-in) and an organisation's portfolio."""
# ruff: noqa: I001  (the modules register their endpoints in this order)

from partnering.assessments.api.base import router
from partnering.assessments.api import instruments  # noqa: F401
from partnering.assessments.api import rounds  # noqa: F401
from partnering.assessments.api import plan  # noqa: F401
from partnering.assessments.api import answering  # noqa: F401
from partnering.assessments.api.portfolio import portfolio_rows

__all__ = ["portfolio_rows", "router"]
