"""Reads the counts behind a partnership's power balance (governance/power/balance.py) from the
database: one aggregate query per measure, the same number of queries whatever the size of
the partnership.

Periods: proposals, positions and blocks count by the day the proposal was tabled;
decisions by the day they were decided; actions by the day they were created; meetings,
attendance and speaking turns by the meeting's date; resources as the agreements app
counts them for the period.
"""

from collections import Counter
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from partnering.governance.models import Action, Decision, Position, Proposal
from partnering.governance.power.balance import balance
from partnering.governance.power.report import Member, PowerBalance, PowerData
from partnering.governance.vocabulary import ActionStatus, Outcome, Stance
from partnering.partnerships.models import Meeting, Membership, Partnership
from partnering.partnerships.vocabulary import MemberRole
from partnering.registry.models import Organisation

# A position "went its way": it agreed to a motion that carried, disagreed with or blocked
# one that was not carried, or voted for the option chosen.
WON = (
    Q(stance=Stance.AGREE, proposal__decision__outcome=Outcome.CARRIED)
    | (Q(stance__in=[Stance.DISAGREE, Stance.BLOCK])
       & ~Q(proposal__decision__outcome__in=[Outcome.CARRIED, Outcome.CHOSEN]))
    | (~Q(option="") & Q(option=F("proposal__decision__chosen_option")))
)
NOT_RECORDED = Q(speaking_turns={})


def check_period(since: date | None, until: date | None) -> None:
    if since and until and until < since:
        raise ValidationError({"until": _("The end of the period is before its start.")})


def _within(prefix: str, since: date | None, until: date | None) -> Q:
    q = Q()
    if since:
        q &= Q(**{f"{prefix}__gte": since})
    if until:
        q &= Q(**{f"{prefix}__lte": until})
    return q


def _committed(partnership: Partnership, since: date | None, until: date | None) -> dict:
    # Imported here: the agreements app builds on governance.
    from partnering.agreements.services import committed_value_by_member

    return committed_value_by_member(partnership, since=since, until=until)


ORG = ("__name", "__acronym", "__sector")


class _Organisations:
    """The member organisations of a partnership, and former members with records in the
    period (whose records still count)."""

    def __init__(self, partnership: Partnership):
        self.known: dict[int, Member] = {}
        self.former: dict[int, Member] = {}
        for row in (Membership.objects.filter(partnership=partnership)
                    .values("organisation_id", "organisation__name", "organisation__acronym",
                            "organisation__sector", "role")
                    .annotate(reps=Count("representatives"),
                              mandated=Count("representatives",
                                             filter=Q(representatives__has_mandate=True)))):
            self.known[row["organisation_id"]] = Member(
                row["organisation_id"], row["organisation__name"], row["organisation__sector"],
                acronym=row["organisation__acronym"],
                is_observer=row["role"] == MemberRole.OBSERVER,
                representatives=row["reps"], mandated=row["mandated"])

    def __contains__(self, org_id: int) -> bool:
        return org_id in self.known or org_id in self.former

    def note(self, org_id: int, name: str | None = None, acronym: str = "", sector: str = ""):
        """Records of an organisation that is no longer a member still count."""
        if org_id not in self and name is not None:
            self.former[org_id] = Member(org_id, name, sector, acronym=acronym or "",
                                         is_member=False)

    def note_row(self, row: dict, prefix: str) -> int:
        """Note the organisation a values() row names through `prefix`; its id."""
        org_id = row[f"{prefix}_id"]
        self.note(org_id, *(row[prefix + f] for f in ORG))
        return org_id

    def everyone(self) -> list[Member]:
        return [*self.known.values(), *self.former.values()]


def _fields(prefix: str) -> list[str]:
    return [prefix + f for f in ("_id", *ORG)]


def _proposals(partnership, since, until, orgs: _Organisations) -> dict:
    rows = (Proposal.objects.filter(_within("created__date", since, until),
                                    partnership=partnership)
            .values(*_fields("proposed_by_organisation")).annotate(n=Count("id")))
    return {orgs.note_row(row, "proposed_by_organisation"): row["n"] for row in rows}


def _positions(partnership, since, until, orgs: _Organisations) -> tuple[dict, dict]:
    """Positions and blocks, on proposals tabled in the period."""
    rows = (Position.objects.filter(_within("proposal__created__date", since, until),
                                    proposal__partnership=partnership)
            .values(*_fields("organisation"))
            .annotate(n=Count("id"), blocks=Count("id", filter=Q(stance=Stance.BLOCK))))
    positions, blocks = {}, {}
    for row in rows:
        org_id = orgs.note_row(row, "organisation")
        positions[org_id], blocks[org_id] = row["n"], row["blocks"]
    return positions, blocks


def _positions_all_time(partnership, orgs: _Organisations) -> tuple[dict, dict, dict]:
    """Positions, blocks and decisions won over all time, in one query (with a period the
    positions count by the day tabled and the decisions by the day decided: two queries)."""
    rows = (Position.objects.filter(proposal__partnership=partnership)
            .values(*_fields("organisation"))
            .annotate(n=Count("id"), blocks=Count("id", filter=Q(stance=Stance.BLOCK)),
                      won=Count("id", filter=Q(proposal__decision__isnull=False) & WON),
                      decided=Count("id", filter=Q(proposal__decision__isnull=False))))
    positions, blocks, won = {}, {}, {}
    for row in rows:
        org_id = orgs.note_row(row, "organisation")
        positions[org_id], blocks[org_id] = row["n"], row["blocks"]
        if row["decided"]:  # as _decisions_won: organisations with a decided position
            won[org_id] = row["won"]
    return positions, blocks, won


def _decisions_won(partnership, since, until, orgs: _Organisations) -> dict:
    decided = _within("proposal__decision__decided_at__date", since, until)
    rows = (Position.objects.filter(decided, proposal__partnership=partnership,
                                    proposal__decision__isnull=False)
            .values(*_fields("organisation")).annotate(won=Count("id", filter=WON)))
    return {orgs.note_row(row, "organisation"): row["won"] for row in rows}


def _actions(partnership, since, until, orgs: _Organisations) -> dict:
    rows = (Action.objects.filter(_within("created__date", since, until),
                                  partnership=partnership)
            .exclude(status=ActionStatus.DROPPED)
            .values(*_fields("owner_organisation")).annotate(n=Count("id")))
    return {orgs.note_row(row, "owner_organisation"): row["n"] for row in rows}


def _resources(partnership, since, until, orgs: _Organisations) -> dict:
    resources = {int(k): v for k, v in _committed(partnership, since, until).items() if v}
    missing = [k for k in resources if k not in orgs]
    if missing:  # a former member's commitments, with no other record in the period
        for row in Organisation.objects.filter(pk__in=missing).values(
                "pk", "name", "acronym", "sector"):
            orgs.note(row["pk"], row["name"], row["acronym"], row["sector"])
    return resources


def _attendance(meetings) -> tuple[dict, dict]:
    """Meetings each organisation attended, and those of them that recorded speaking turns."""
    through = Meeting.organisations.through.objects.filter(meeting__in=meetings.values("pk"))
    attendance, recorded = {}, {}
    for row in (through.values("organisation_id")
                .annotate(n=Count("id"), recorded=Count("id", filter=~Q(
                    meeting__speaking_turns={})))):
        attendance[row["organisation_id"]] = row["n"]
        recorded[row["organisation_id"]] = row["recorded"]
    return attendance, recorded


def _speaking_turns(meetings) -> Counter:
    # JSON keys cannot be summed portably in SQL (json_each / jsonb_each): one row per
    # meeting that recorded turns, added up here.
    turns = Counter()
    for recorded in meetings.exclude(NOT_RECORDED).values_list("speaking_turns", flat=True):
        for key, count in (recorded or {}).items():
            if str(key).isdigit() and isinstance(count, int):
                turns[int(key)] += count
    return turns


def _events(amounts: dict, decisions: int, meetings: int) -> dict[str, int | None]:
    """How many things each measure counted (None: no minimum, for resources)."""
    events = {key: sum(amounts[key].values())
              for key in ("proposals", "positions", "blocks", "actions", "speaking")}
    events.update(decisions=decisions, resources=None, attendance=meetings)
    return events


def gather(partnership: Partnership, since: date | None = None,
           until: date | None = None) -> PowerData:
    check_period(since, until)
    orgs = _Organisations(partnership)
    amounts: dict[str, dict] = {"proposals": _proposals(partnership, since, until, orgs)}
    if since is None and until is None:
        amounts["positions"], amounts["blocks"], amounts["decisions"] = _positions_all_time(
            partnership, orgs)
    else:
        amounts["positions"], amounts["blocks"] = _positions(partnership, since, until, orgs)
        amounts["decisions"] = _decisions_won(partnership, since, until, orgs)
    amounts["actions"] = _actions(partnership, since, until, orgs)
    amounts["resources"] = _resources(partnership, since, until, orgs)
    meetings = Meeting.objects.filter(_within("date", since, until), partnership=partnership)
    counts = meetings.aggregate(n=Count("id"), recorded=Count("id", filter=~NOT_RECORDED))
    amounts["attendance"], recorded_attendance = _attendance(meetings)
    amounts["speaking"] = dict(_speaking_turns(meetings))
    decisions = Decision.objects.filter(_within("decided_at__date", since, until),
                                        partnership=partnership).count()
    return PowerData(
        members=orgs.everyone(), amounts=amounts,
        events=_events(amounts, decisions, counts["n"]), meetings=counts["n"],
        recorded_meetings=counts["recorded"], recorded_attendance=recorded_attendance,
        since=since, until=until)


def power_balance(partnership: Partnership, since: date | None = None,
                  until: date | None = None) -> PowerBalance:
    """The power balance of a partnership over a period. All time (the default): as the
    partnership's summary keeps it (monitoring/rollup: one query, computed on the spot
    when missing or outdated)."""
    if since is None and until is None:
        from partnering.monitoring.rollup.read import summary_power

        return summary_power(partnership)
    return compute_power_balance(partnership, since, until)


def compute_power_balance(partnership: Partnership, since: date | None = None,
                          until: date | None = None) -> PowerBalance:
    """The power balance computed from the database."""
    return balance(gather(partnership, since, until),
                   threshold=getattr(settings, "POWER_DOMINANCE_THRESHOLD", None))
