"""Read-side queries for proposals, decisions and actions, shared by pages and the API; each
a fixed number of SQL queries whatever the number of rows."""

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from partnering.formats import local_date
from partnering.governance.decisions import in_force
from partnering.governance.decisions.members import voting_memberships
from partnering.governance.models import Decision, Position, Proposal
from partnering.governance.vocabulary import (
    RULE_NAMES,
    STANCE_LABELS,
    ActionStatus,
    Outcome,
    ProposalStatus,
)
from partnering.partnerships.models import Partnership, Representative
from partnering.prepared import Prepared
from partnering.rows import Rows

OUTCOME_LABELS = dict(Outcome.choices)
STATUS_LABELS = dict(ProposalStatus.choices)
ACTION_STATUS_LABELS = dict(ActionStatus.choices)
OUTSTANDING = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


# Read by every decisions and proposal page: SQL written once (partnering.prepared).
_VOTING = Prepared(lambda _key, pid: voting_memberships(Partnership(pk=pid))
                   .order_by("organisation__name").values(
                       "organisation_id", "organisation__name", "organisation__acronym",
                       "role"), int)
_MANDATED = Prepared(lambda _key, pid: Representative.objects.filter(
    membership__partnership_id=pid, has_mandate=True,
).values_list("membership__organisation_id", flat=True), int)
_AGREED = Prepared(lambda _key, pid: in_force.agreed_version_rows([pid]), int)


def voting_members(partnership: Partnership) -> list[dict]:
    """Voting member organisations with whether someone among their representatives may
    decide: two queries."""
    members = _VOTING("voting", partnership.pk)
    mandated = set(_MANDATED("mandated", partnership.pk))
    return [{"organisation_id": m["organisation_id"], "name": m["organisation__name"],
             "acronym": m["organisation__acronym"], "role": m["role"],
             "can_decide": m["organisation_id"] in mandated} for m in members]


PROPOSAL_COLUMNS = [
    "id", "title", "text", "language", "kind", "options", "proposed_by_organisation_id",
    "proposed_by_organisation__name", "proposed_by_person_id", "proposed_by_person__name",
    "meeting_id", "created", "closes_at", "rule", "quorum_percent", "majority_percent",
    "weights", "rule_source", "status", "decision__outcome", "decision__chosen_option",
]


def _remembered(shared: dict | None, key, compute):
    """`compute()`, read once per `shared` dict: a page listing several sets of rows of one
    partnership (open, withdrawn, the decision log) shares its members and agreed versions."""
    if shared is None:
        return compute()
    if key not in shared:
        shared[key] = compute()
    return shared[key]


def _versions(partnership_ids, shared: dict | None) -> dict[int, list[dict]]:
    ids = frozenset(partnership_ids)
    if len(ids) == 1:
        return _remembered(shared, ("versions", ids), lambda: in_force.by_partnership(
            _AGREED("agreed", next(iter(ids)))))
    return _remembered(shared, ("versions", ids), lambda: in_force.agreed_versions(ids))


def _proposal_attacher(partnership: Partnership, shared: dict | None = None):
    def attach(rows: list[dict]) -> None:
        members = _remembered(shared, "members", lambda: voting_members(partnership)) \
            if rows else []
        versions = _versions([partnership.pk], shared).get(partnership.pk, []) \
            if rows else []
        taken = defaultdict(set)
        if rows:
            for proposal_id, org in Position.objects.filter(
                    proposal_id__in=[row["id"] for row in rows]).values_list(
                    "proposal_id", "organisation_id"):
                taken[proposal_id].add(org)
        now = timezone.now()
        for row in rows:
            row["proposed_by_organisation_name"] = row.pop("proposed_by_organisation__name")
            row["proposed_by_person_name"] = row.pop("proposed_by_person__name") or ""
            row["outcome"] = row.pop("decision__outcome")
            row["chosen_option"] = row.pop("decision__chosen_option") or ""
            row["rule_name"] = str(RULE_NAMES.get(row["rule"], row["rule"]))
            row["status_label"] = str(STATUS_LABELS.get(row["status"], row["status"]))
            row["outcome_label"] = str(OUTCOME_LABELS.get(row["outcome"], ""))
            row["weights"] = {str(k): str(v) for k, v in (row["weights"] or {}).items()}
            row["rule_departure"] = in_force.departure(row, versions)
            voting = {m["organisation_id"] for m in members}
            done = taken[row["id"]] & voting
            row["voting_members"] = len(members)
            row["positions_taken"] = len(done)
            is_open = row["status"] == ProposalStatus.OPEN
            row["accepting_positions"] = is_open and row["closes_at"] > now
            row["ready_to_close"] = is_open and (row["closes_at"] <= now
                                                 or len(done) == len(members))
            row["awaiting"] = [
                {"organisation_id": m["organisation_id"], "name": m["name"],
                 "can_decide": m["can_decide"]}
                for m in members if m["organisation_id"] not in done
            ] if is_open else []
    return attach


def proposal_rows(partnership: Partnership, proposals=None, shared: dict | None = None) -> Rows:
    """Proposals as plain rows with their progress: who has not yet taken a position.
    Row sets built with the same `shared` dict read the members and versions once."""
    queryset = proposals if proposals is not None else partnership.proposals.all()
    return Rows(queryset, PROPOSAL_COLUMNS, (_proposal_attacher(partnership, shared),))


def proposal_list(partnership: Partnership, *, status: str = "", kind: str = "",
                  closing_within_hours: int | None = None):
    proposals = partnership.proposals.all()
    if status:
        proposals = proposals.filter(status=status)
    if kind:
        proposals = proposals.filter(kind=kind)
    if closing_within_hours is not None:
        now = timezone.now()
        proposals = proposals.filter(
            status=ProposalStatus.OPEN, closes_at__gt=now,
            closes_at__lte=now + dt.timedelta(hours=closing_within_hours),
        ).order_by("closes_at", "id")
    return proposals


def open_proposals(partnership: Partnership):
    return partnership.proposals.filter(status=ProposalStatus.OPEN).order_by("closes_at", "id")


# The decisions page's two short lists, SQL written once (partnering.prepared).
_LISTED = Prepared(lambda status, pid: (
    open_proposals(Partnership(pk=pid))[:100] if status == ProposalStatus.OPEN
    else Proposal.objects.filter(partnership_id=pid, status=status)[:20]
).values(*PROPOSAL_COLUMNS), int)


def listed_proposal_rows(partnership: Partnership, status: str, shared: dict) -> list[dict]:
    """`proposal_rows` of the open proposals (the first 100) or of the withdrawn ones (the
    first 20)."""
    rows = _LISTED(status, partnership.pk)
    for attach in proposal_rows(partnership, Proposal.objects.none(), shared).attach:
        attach(rows)
    return rows


def position_rows(proposal: Proposal) -> list[dict]:
    rows = list(proposal.positions.order_by("organisation__name").values(
        "id", "organisation_id", "organisation__name", "stance", "option", "reason",
        "person_id", "person__name", "updated"))
    for row in rows:
        row["organisation_name"] = row.pop("organisation__name")
        row["person_name"] = row.pop("person__name")
        row["stance_label"] = str(STANCE_LABELS.get(row["stance"], ""))
    return rows


def comment_rows(proposal: Proposal, comments=None):
    return Rows(comments if comments is not None else proposal.comments.all(), [
        "id", "author_name", "person_id", "organisation_id", "organisation__name", "text",
        "created"], (_comment_names,))


def _comment_names(rows: list[dict]) -> None:
    for row in rows:
        row["organisation_name"] = row.pop("organisation__name") or ""


def position_table(proposal: Proposal, members: list[dict]) -> list[dict]:
    """One row per voting member: its representatives (with their mandates) and its
    position, if taken. Three queries."""
    positions = {row["organisation_id"]: row for row in position_rows(proposal)}
    reps = defaultdict(list)
    for org, name, mandate in Representative.objects.filter(
            membership__partnership_id=proposal.partnership_id).order_by(
            "person__name").values_list("membership__organisation_id", "person__name",
                                        "has_mandate"):
        reps[org].append({"name": name, "has_mandate": mandate})
    return [{**member, "representatives": reps[member["organisation_id"]],
             "position": positions.get(member["organisation_id"])} for member in members]


DECISION_COLUMNS = [
    "id", "proposal_id", "proposal__title", "proposal__language", "proposal__kind",
    "proposal__rule", "proposal__quorum_percent", "proposal__proposed_by_organisation__name",
    "outcome", "chosen_option", "reasoning", "tally", "review_date", "decided_at",
    "recorded_by__first_name", "recorded_by__last_name", "recorded_by__username",
    "partnership_id", "proposal__created", "proposal__closes_at", "proposal__majority_percent",
]


def _decision_names(rows: list[dict], shared: dict | None = None) -> None:
    versions = _versions({row["partnership_id"] for row in rows}, shared) if rows else {}
    for row in rows:
        row["rule_departure"] = in_force.departure({
            "rule": row["proposal__rule"], "quorum_percent": row["proposal__quorum_percent"],
            "majority_percent": row.pop("proposal__majority_percent"),
            "created": row.pop("proposal__created"), "closes_at": row.pop("proposal__closes_at"),
        }, versions.get(row.pop("partnership_id"), []))
        row["proposal_title"] = row.pop("proposal__title")
        # The proposal as a row of its own kind, for translated(d.proposal, "title", "proposal").
        row["proposal"] = {"id": row["proposal_id"], "title": row["proposal_title"],
                           "language": row.pop("proposal__language")}
        row["kind"] = row.pop("proposal__kind")
        row["rule"] = row.pop("proposal__rule")
        row["rule_name"] = str(RULE_NAMES.get(row["rule"], row["rule"]))
        row["quorum_percent"] = row.pop("proposal__quorum_percent")
        row["proposed_by_organisation_name"] = row.pop(
            "proposal__proposed_by_organisation__name")
        row["outcome_label"] = str(OUTCOME_LABELS.get(row["outcome"], row["outcome"]))
        first, last = row.pop("recorded_by__first_name"), row.pop("recorded_by__last_name")
        username = row.pop("recorded_by__username")
        row["recorded_by_name"] = f"{first or ''} {last or ''}".strip() or username or ""
        row["carried"] = row["outcome"] in (Outcome.CARRIED, Outcome.CHOSEN)


def decision_rows(partnership: Partnership, decisions=None, shared: dict | None = None) -> Rows:
    """The decision log, newest first."""
    queryset = decisions if decisions is not None else Decision.objects.filter(
        partnership=partnership)
    return Rows(queryset, DECISION_COLUMNS,
                (lambda rows: _decision_names(rows, shared),))


def first(rows: Rows) -> dict | None:
    found = rows[0:1]
    return found[0] if found else None


ACTION_COLUMNS = [
    "id", "title", "description", "owner_organisation_id", "owner_organisation__name",
    "owner_person_id", "owner_person__name", "due_date", "status", "decision_id",
    "decision__proposal__title", "decision__proposal_id", "meeting_id", "meeting__purpose",
    "meeting__date", "created", "completed_at",
]


def _action_names(rows: list[dict]) -> None:
    today = timezone.localdate()
    for row in rows:
        row["owner_organisation_name"] = row.pop("owner_organisation__name")
        row["owner_person_name"] = row.pop("owner_person__name") or ""
        row["decision_title"] = row.pop("decision__proposal__title") or ""
        row["proposal_id"] = row.pop("decision__proposal_id")
        purpose, day = row.pop("meeting__purpose"), row.pop("meeting__date")
        row["meeting_title"] = f"{local_date(day)}: {purpose}" if day else ""
        row["status_label"] = str(ACTION_STATUS_LABELS.get(row["status"], row["status"]))
        row["is_overdue"] = row["status"] in OUTSTANDING and row["due_date"] < today
        row["days_overdue"] = (today - row["due_date"]).days if row["is_overdue"] else 0


def action_rows(actions) -> Rows:
    return Rows(actions, ACTION_COLUMNS, (_action_names,))


def action_list(partnership: Partnership, *, overdue: bool | None = None,
                owner: int | None = None, status: str = ""):
    actions = partnership.actions.all()
    if overdue is True:
        actions = actions.overdue()
    elif overdue is False:
        actions = actions.exclude(pk__in=partnership.actions.overdue().values("pk"))
    if owner is not None:
        actions = actions.filter(owner_organisation_id=owner)
    if status:
        actions = actions.filter(status=status)
    return actions


def overdue_by_owner(partnership: Partnership) -> list[dict]:
    """Overdue actions grouped per owner organisation, the most overdue owner first."""
    groups: dict[int, dict] = {}
    for row in action_rows(partnership.actions.overdue().order_by(
            "owner_organisation__name", "due_date", "id")):
        group = groups.setdefault(row["owner_organisation_id"], {
            "organisation_id": row["owner_organisation_id"],
            "name": row["owner_organisation_name"], "actions": []})
        group["actions"].append(row)
    return sorted(groups.values(), key=lambda g: (-len(g["actions"]), g["name"]))


def owed(partnership: Partnership, organisations: set[int]) -> tuple[Rows, Rows]:
    """Outstanding actions the given organisations owe, and those the other members owe."""
    outstanding = partnership.actions.filter(status__in=OUTSTANDING)
    return (action_rows(outstanding.filter(owner_organisation_id__in=organisations)),
            action_rows(outstanding.exclude(owner_organisation_id__in=organisations)))


# Asked by every dashboard: SQL written once per process (partnering.prepared).
_REPRESENTING = Prepared(lambda _key, user_id: Representative.objects.filter(
    person__user_id=user_id, membership__partnership__status="active",
).exclude(membership__role="observer").values(
    "membership__partnership_id", "membership__organisation_id",
    "membership__organisation__name", "has_mandate"), int)


def awaiting_positions(user) -> list[dict]:
    """Open proposals, in the user's partnerships, still waiting for the position of an
    organisation the user represents: three queries."""
    if not user.is_authenticated:
        return []
    reps = _REPRESENTING("representing", user.pk)
    if not reps:
        return []
    by_partnership = defaultdict(list)
    for rep in reps:
        by_partnership[rep["membership__partnership_id"]].append(rep)
    proposals = list(Proposal.objects.filter(
        partnership_id__in=list(by_partnership), status=ProposalStatus.OPEN,
        closes_at__gt=timezone.now(),
    ).order_by("closes_at", "id").values("id", "title", "closes_at", "partnership_id",
                                         "partnership__title")[:50])
    taken = set(Position.objects.filter(proposal_id__in=[p["id"] for p in proposals])
                .values_list("proposal_id", "organisation_id"))
    rows = []
    for proposal in proposals:
        for rep in by_partnership[proposal["partnership_id"]]:
            org = rep["membership__organisation_id"]
            if (proposal["id"], org) not in taken:
                rows.append({**proposal, "organisation_id": org,
                             "organisation_name": rep["membership__organisation__name"],
                             "can_decide": rep["has_mandate"]})
    return rows


def decision_for(proposal: Proposal):
    return Decision.objects.filter(proposal=proposal).select_related("recorded_by").first()


def follow_up_actions(decision) -> list:
    if decision is None:
        return []
    return list(action_rows(decision.actions.all()))
