"""Indicators (KPIs set upfront) and their milestones (services, API, pages)."""
