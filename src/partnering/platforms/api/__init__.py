"""The API of platforms: /platforms, /forums, /consultations and /submissions (one router,
mounted at the API's root)."""

from partnering.platforms.api import consultations, forums, records  # noqa: F401  (routes)
from partnering.platforms.api.base import router

__all__ = ["router"]
