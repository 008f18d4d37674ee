"""The power balance: data.py reads the counts from the database; balance.py turns them into
shares, equity indices and flags (plain functions, with measures.py, arithmetic.py,
flags.py and the report's shapes in report.py); chart.py draws it; views.py/urls.py and
api.py/schemas.py serve it."""
