"""/api/v1/partnerships/{id}/... endpoints of the governance app."""

from ninja import Router

router = Router(tags=["governance"])
