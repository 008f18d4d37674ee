"""The risk register (services, API, pages)."""
