"""Agreement actions: one function per thing a user does, each in a transaction with its
audit record, and the read helpers other apps build on (`agreed_rule`,
`committed_value_by_member`). Callers use this package (`services.sign(...)`); the modules
hold one part of the agreement each:

- `drafting`: start a draft (from a template or the latest version) and edit its text;
- `parties`: each member's own terms and resource commitments;
- `signoff`: propose, withdraw, sign; the last signature makes a version agreed;
- `deliverables`: what the partnership commits to deliver;
- `agreed`: what other apps read (the agreed decision rule, the value committed).

Who may do what:
- every member, broker and admin (can_contribute) starts a draft and edits its shared sections;
- a member's own goals, interests, roles and resource commitments are edited by that
  member's representatives (or its organisation admins) and by the stewards (can_manage:
  the lead partner, the brokers, platform admins), never by another member;
- the stewards propose a draft for sign-off and withdraw a proposed version;
- the stewards record the partnership's deliverables and their status;
- a proposed version is signed for each member organisation by one of that organisation's
  own representatives who holds a mandate to decide.
"""

from partnering.agreements.services.agreed import (
    AgreedRule,
    agreed_rule,
    committed_value_by_member,
    version_in_force,
    weights_of,
)
from partnering.agreements.services.common import (
    COMMITMENT_FIELDS,
    TERMS_FIELDS,
    VERSION_FIELDS,
    in_progress,
    latest_agreed,
    may_write_for,
    speaks_for,
)
from partnering.agreements.services.deliverables import (
    DELIVERABLE_FIELDS,
    create_deliverable,
    delete_deliverable,
    may_edit_deliverables,
    set_deliverable_status,
    update_deliverable,
)
from partnering.agreements.services.drafting import (
    start_from_latest,
    start_from_template,
    update_version,
)
from partnering.agreements.services.parties import (
    add_commitment,
    add_terms,
    delete_commitment,
    delete_terms,
    update_commitment,
    update_terms,
)
from partnering.agreements.services.signoff import (
    proposal_problems,
    propose,
    sign,
    signable_for,
    withdraw,
)

__all__ = [
    "COMMITMENT_FIELDS", "DELIVERABLE_FIELDS", "TERMS_FIELDS", "VERSION_FIELDS", "AgreedRule",
    "add_commitment", "add_terms", "agreed_rule", "committed_value_by_member",
    "create_deliverable", "delete_commitment", "delete_deliverable", "delete_terms",
    "in_progress", "latest_agreed", "may_edit_deliverables", "may_write_for",
    "proposal_problems", "propose", "set_deliverable_status", "sign", "signable_for",
    "speaks_for", "start_from_latest", "start_from_template", "update_commitment",
    "update_deliverable", "update_terms", "update_version", "version_in_force", "weights_of",
    "withdraw",
]
