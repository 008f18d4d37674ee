"""The capabilities API: /api/v1/competency-framework, /development-plans, /mentoring and
/offices (mounted by partnering/api.py)."""


def mount(api) -> None:
    from partnering.capabilities.api.development import mentoring_router
    from partnering.capabilities.api.development import router as plans_router
    from partnering.capabilities.api.framework import router as framework_router
    from partnering.capabilities.api.offices import router as offices_router

    api.add_router("/competency-framework", framework_router)
    api.add_router("/development-plans", plans_router)
    api.add_router("/mentoring", mentoring_router)
    api.add_router("/offices", offices_router)
