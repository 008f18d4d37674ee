"""The partnership pages, by resource: the partnerships themselves, members and brokers,
the lifecycle, meetings and the history."""

from partnering.partnerships.views.history import history
from partnering.partnerships.views.lifecycle import (
    checklist_add,
    checklist_update,
    lifecycle_page,
    partnership_close,
    partnership_reopen,
    phase_move,
)
from partnering.partnerships.views.meetings import (
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_list,
)
from partnering.partnerships.views.members import (
    broker_add,
    broker_remove,
    member_add,
    member_remove,
    member_update,
    members,
    representative_add,
    representative_update,
)
from partnering.partnerships.views.partnerships import (
    directory,
    partnership_create,
    partnership_detail,
    partnership_edit,
    partnership_index,
)

__all__ = [
    "broker_add", "broker_remove", "checklist_add", "checklist_update", "directory", "history",
    "lifecycle_page", "meeting_create", "meeting_detail", "meeting_edit", "meeting_list",
    "member_add", "member_remove", "member_update", "members", "partnership_close",
    "partnership_create", "partnership_detail", "partnership_edit", "partnership_index",
    "partnership_reopen", "phase_move", "representative_add", "representative_update",
]
