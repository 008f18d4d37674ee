"""Progress reports and the reporting status (services, API, pages)."""
