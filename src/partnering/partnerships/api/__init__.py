"""/api/v1/partnerships and everything inside one, by resource: the partnerships
themselves, members and brokers, phase and checklists, meetings, history."""
# ruff: noqa: I001  (the modules register their endpoints in this order)

from partnering.partnerships.api.base import router
from partnering.partnerships.api import partnerships  # noqa: F401
from partnering.partnerships.api import members  # noqa: F401
from partnering.partnerships.api import lifecycle  # noqa: F401
from partnering.partnerships.api import meetings  # noqa: F401
from partnering.partnerships.api import history  # noqa: F401

__all__ = ["router"]
