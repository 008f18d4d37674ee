"""What an audit event says happened, as a typed action: `<noun>.<verb>`.

Every event's action is one of these. Generic changes are named for the model
(`meeting.created`, `indicator.updated`, `risk.deleted`); the moments a partnership cares
about have their own name (`agreement.signed`, `partnership.phase_moved`,
`proposal.decided`), so the history can be filtered by kind and other parts of the platform
(notifications) can follow them. The structured details go in the event's `changes`.
"""

import re

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

GENERIC = {"create": "created", "update": "updated", "delete": "deleted"}
# Translators: what the history says after a person's name ("Ana created Meeting 3").
GENERIC_LABELS = {"created": pgettext_lazy("history", "created"),
                  "updated": pgettext_lazy("history", "updated"),
                  "deleted": pgettext_lazy("history", "removed")}
# A kind of change to a kind of thing, for the history's filter ("created (meeting)").
GENERIC_KINDS = {"created": _("created (%(thing)s)"), "updated": _("updated (%(thing)s)"),
                 "deleted": _("removed (%(thing)s)")}

# The named moments: action → what the history says (after the actor's name).
NAMED = {
    "partnership.phase_moved": _("moved the partnership to another phase"),
    "partnership.closed": _("closed the partnership"),
    "partnership.reopened": _("reopened the partnership"),
    "membership.added": _("added a member organisation"),
    "membership.left": _("recorded that a member left"),
    "representative.added": _("named a representative"),
    "broker.assigned": _("assigned a broker"),
    "broker.assignment_ended": _("ended a broker's assignment"),
    "agreement.version_proposed": _("proposed an agreement version for sign-off"),
    "agreement.signed": _("signed the agreement"),
    "agreement.agreed": _("saw the agreement agreed by every member"),
    "agreement.withdrawn": _("withdrew an agreement version to draft"),
    "proposal.opened": _("opened a proposal for decision"),
    "proposal.position_taken": _("recorded an organisation's position"),
    "proposal.decided": _("recorded a decision"),
    "proposal.withdrawn": _("withdrew a proposal"),
    "action.assigned": _("assigned an action"),
    "action.completed": _("completed an action"),
    "measurement.reported": _("reported a value"),
    "measurement.queried": _("queried a reported value"),
    "measurement.confirmed": _("confirmed a reported value"),
    "report.submitted": _("submitted a progress report"),
    "call.published": _("published a call"),
    "call.invited": _("invited an organisation to respond to a call"),
    "call.response_received": _("responded to a call"),
    "call.response_shortlisted": _("shortlisted a response"),
    "call.response_declined": _("declined a response"),
    "call.response_accepted": _("accepted a response"),
    "round.opened": _("opened an assessment round"),
    "round.closed": _("closed an assessment round"),
    "job.rerun": _("ran a job again"),
    "grievance.received": _("received a grievance"),
    "grievance.acknowledged": _("acknowledged a grievance"),
    "grievance.question_asked": _("wrote to the complainant of a grievance"),
    "grievance.replied": _("saw the complainant reply to a grievance"),
    "grievance.resolved": _("resolved a grievance"),
    "grievance.closure_attempted": _("logged an attempt to reach a complainant"),
    "grievance.closed": _("closed a grievance"),
    "grievance.appealed": _("saw a grievance appealed"),
    "grievance.escalated": _("escalated a grievance"),
    "grievance.assigned": _("assigned a grievance"),
    "grievance.files_attached": _("attached files to a grievance"),
    "risk.raised_by_grievances": _("raised a risk from recurring grievances"),
    # Platforms: forums, consultations and items travelling upward.
    "forum.member_added": _("added a member to a forum"),
    "forum.member_removed": _("removed a member from a forum"),
    "forum.role_changed": _("changed a forum member's role"),
    "forum.partnership_linked": _("linked a partnership to a forum"),
    "forum.partnership_unlinked": _("unlinked a partnership from a forum"),
    "forum.meeting_recorded": _("recorded a forum's meeting"),
    "invitation.revoked": _("revoked an invitation link"),
    "consultation.opened": _("opened a consultation"),
    "submission.made": _("made a submission to a consultation"),
    "item.forwarded": _("forwarded an item to the forum above"),
    "items.merged": _("merged duplicate items into one"),
    "synthesis.added": _("added the forum's synthesis"),
    "answer.given": _("answered an item of a consultation"),
    "answer.delivered": _("delivered an answer back to its origins"),
    "heard.said": _("said whether they feel heard by an answer"),
    # Partnering capabilities (capabilities/)
    "competency.self_assessed": _("recorded a competency self-assessment"),
    "rating.requested": _("asked for a 360° rating"),
    "rating.given": _("gave a 360° rating"),
    "rating.campaign_opened": _("opened a 360° rating campaign"),
    "rating.campaign_closed": _("closed a 360° rating campaign"),
    "goal.moved": _("moved a development goal to another state"),
    "mentoring.session_logged": _("logged a mentoring session"),
    "roleprofile.adapted": _("adapted a role profile for an office"),
    "enrolment.completed": _("recorded a course completion"),
}

ACTION = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*$")


def typed(verb_or_action: str, obj) -> str:
    """The typed action for `record(actor, verb_or_action, obj)`: a generic verb becomes
    `<model>.<past tense>`; a named action must be in NAMED (a typo fails loudly)."""
    if verb_or_action in GENERIC:
        noun = getattr(obj, "audit_noun", obj._meta.model_name)
        return f"{noun}.{GENERIC[verb_or_action]}"
    if verb_or_action not in NAMED:
        raise ValueError(f"unknown audit action {verb_or_action!r}: add it to audit.actions")
    return verb_or_action


def label(action: str) -> str:
    """What the history says for an action (after the actor's name)."""
    if action in NAMED:
        return NAMED[action]
    return str(GENERIC_LABELS.get(action.rpartition(".")[2], action))


def kinds(actions) -> list[tuple[str, str]]:
    """(action, label) choices for filtering a history by kind, in label order."""
    return sorted(((action, _kind_label(action)) for action in set(actions)),
                  key=lambda pair: pair[1])


def _kind_label(action: str) -> str:
    """A named action's label; a generic one says which kind of thing ("created (meeting)")."""
    if action in NAMED:
        return str(NAMED[action])
    noun, _dot, change = action.rpartition(".")
    if change not in GENERIC_KINDS:
        return action
    return str(GENERIC_KINDS[change]) % {"thing": _thing(noun)}


def _thing(noun: str) -> str:
    """The kind of thing an action's noun names, in the reader's language: the model's
    verbose name when a model has that name."""
    for model in apps.get_models():
        if model._meta.model_name == noun:
            return str(model._meta.verbose_name)
    return noun.replace("_", " ")
