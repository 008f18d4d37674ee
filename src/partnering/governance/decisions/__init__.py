"""Decisions and shared accountability: services.py (every write), checks.py (what a
proposal or position must satisfy), members.py (who decides), rules.py (the decision rules,
plain functions), in_force.py (the rule in force), queries.py (rows for pages and API),
views.py/forms.py/urls.py (pages), api.py/schemas.py (/api/v1/)."""
