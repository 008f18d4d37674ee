"""The demo: a living partnership portfolio drawn from the practitioner texts (partnering.sources).

The portfolio is data: src/partnering/platform/demo_data/shared.yaml (the accounts, the
organisations and the people) and one YAML file per case (Safe Childhoods, the Connectivity
dialogue, ...). The loader reads them and writes everything through the service functions,
so the audit trail, checklists and phase history look as they would after real use; each
module of this package loads one section of the cases. `load_demo()` is idempotent: once the
persona accounts exist it changes nothing. The same files feed the tests (`cases()`,
`personas()`).

Organisations named in the practitioner texts (World Vision, the Planning Institute of Jamaica,
One Earth Future, ITU, ...) appear under their own names; companies, community groups and small
NGOs whose real counterparts the texts do not name are invented, and so are all people.
The partnerships follow the texts' cases, but their membership, meetings and figures are
illustrative, not a record of what these organisations did.
"""

from partnering.platform.demo.data import Case, Persona, case, cases, persona, personas, shared
from partnering.platform.demo.loader import (
    DEMO_PASSWORD,
    Account,
    accounts,
    counts,
    database_is_empty,
    email_for,
    is_loaded,
    load_demo,
    persona_usernames,
    taken_usernames,
)

__all__ = [
    "DEMO_PASSWORD", "Account", "Case", "Persona", "accounts", "case", "cases", "counts",
    "database_is_empty", "email_for", "is_loaded", "load_demo", "persona", "persona_usernames",
    "personas", "shared", "taken_usernames",
]
