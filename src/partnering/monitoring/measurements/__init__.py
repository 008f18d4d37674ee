"""Reported values: the checks they pass (checks.py), reporting and correcting them
(services.py), another member confirming, querying or commenting on them (validation.py),
their evidence files (evidence.py); their API and pages."""
