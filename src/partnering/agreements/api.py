"""/api/v1/partnerships/{id}/... endpoints of the agreements app."""

from ninja import Router

router = Router(tags=["agreements"])
