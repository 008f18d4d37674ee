"""One function per thing a complainant or handler does, each in a transaction with its
audit event (recorded without a partnership: see `grievances.access`) and an entry in the
case's own timeline. Filing and what the complainant does by code and secret are in
`filing`; what handlers do is in `handling`."""

from partnering.grievances.services.filing import (  # noqa: F401
    appeal,
    attach,
    complainant_reply,
    confirm_closure,
    file_grievance,
    find_case,
)
from partnering.grievances.services.handling import (  # noqa: F401
    acknowledge,
    ask,
    assign,
    attach_files,
    close_after_attempts,
    escalate,
    log_attempt,
    resolve,
)
