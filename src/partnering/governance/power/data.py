"""Reads the counts behind a partnership's power balance (governance/power.py) from the
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

from partnering.governance.models import Action, Decision, Position, Proposal
from partnering.governance.power.balance import Member, PowerBalance, PowerData, balance
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
        raise ValidationError({"until": "The end of the period is before its start."})


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


def gather(partnership: Partnership, since: date | None = None,
           until: date | None = None) -> PowerData:
    check_period(since, until)
    known: dict[int, Member] = {}
    for row in (Membership.objects.filter(partnership=partnership)
                .values("organisation_id", "organisation__name", "organisation__acronym",
                        "organisation__sector", "role")
                .annotate(reps=Count("representatives"),
                          mandated=Count("representatives",
                                         filter=Q(representatives__has_mandate=True)))):
        known[row["organisation_id"]] = Member(
            row["organisation_id"], row["organisation__name"], row["organisation__sector"],
            acronym=row["organisation__acronym"], is_observer=row["role"] == MemberRole.OBSERVER,
            representatives=row["reps"], mandated=row["mandated"])
    former: dict[int, Member] = {}

    def note(org_id: int, name: str | None = None, acronym: str = "", sector: str = ""):
        """Records of an organisation that is no longer a member still count."""
        if org_id not in known and org_id not in former and name is not None:
            former[org_id] = Member(org_id, name, sector, acronym=acronym or "",
                                    is_member=False)

    org = ("__name", "__acronym", "__sector")
    amounts: dict[str, dict] = {}
    events: dict[str, int | None] = {}

    tabled = _within("created__date", since, until)
    rows = (Proposal.objects.filter(tabled, partnership=partnership)
            .values(*("proposed_by_organisation" + f for f in ("_id", *org)))
            .annotate(n=Count("id")))
    amounts["proposals"] = {}
    for row in rows:
        org_id = row["proposed_by_organisation_id"]
        note(org_id, *(row["proposed_by_organisation" + f] for f in org))
        amounts["proposals"][org_id] = row["n"]

    rows = (Position.objects.filter(_within("proposal__created__date", since, until),
                                    proposal__partnership=partnership)
            .values(*("organisation" + f for f in ("_id", *org)))
            .annotate(n=Count("id"), blocks=Count("id", filter=Q(stance=Stance.BLOCK))))
    amounts["positions"], amounts["blocks"] = {}, {}
    for row in rows:
        note(row["organisation_id"], *(row["organisation" + f] for f in org))
        amounts["positions"][row["organisation_id"]] = row["n"]
        amounts["blocks"][row["organisation_id"]] = row["blocks"]

    decided = _within("proposal__decision__decided_at__date", since, until)
    rows = (Position.objects.filter(decided, proposal__partnership=partnership,
                                    proposal__decision__isnull=False)
            .values(*("organisation" + f for f in ("_id", *org)))
            .annotate(won=Count("id", filter=WON)))
    amounts["decisions"] = {}
    for row in rows:
        note(row["organisation_id"], *(row["organisation" + f] for f in org))
        amounts["decisions"][row["organisation_id"]] = row["won"]

    rows = (Action.objects.filter(_within("created__date", since, until),
                                  partnership=partnership)
            .exclude(status=ActionStatus.DROPPED)
            .values(*("owner_organisation" + f for f in ("_id", *org)))
            .annotate(n=Count("id")))
    amounts["actions"] = {}
    for row in rows:
        note(row["owner_organisation_id"], *(row["owner_organisation" + f] for f in org))
        amounts["actions"][row["owner_organisation_id"]] = row["n"]

    amounts["resources"] = {int(k): v for k, v in
                            _committed(partnership, since, until).items() if v}
    missing = [k for k in amounts["resources"] if k not in known and k not in former]
    if missing:  # a former member's commitments, with no other record in the period
        for row in Organisation.objects.filter(pk__in=missing).values(
                "pk", "name", "acronym", "sector"):
            note(row["pk"], row["name"], row["acronym"], row["sector"])

    meetings = Meeting.objects.filter(_within("date", since, until), partnership=partnership)
    counts = meetings.aggregate(n=Count("id"), recorded=Count("id", filter=~NOT_RECORDED))
    through = Meeting.organisations.through.objects.filter(
        meeting__in=meetings.values("pk"))
    amounts["attendance"], recorded_attendance = {}, {}
    for row in (through.values("organisation_id")
                .annotate(n=Count("id"), recorded=Count("id", filter=~Q(
                    meeting__speaking_turns={})))):
        amounts["attendance"][row["organisation_id"]] = row["n"]
        recorded_attendance[row["organisation_id"]] = row["recorded"]
    # JSON keys cannot be summed portably in SQL (json_each / jsonb_each): one row per
    # meeting that recorded turns, added up here.
    turns = Counter()
    for recorded in meetings.exclude(NOT_RECORDED).values_list("speaking_turns", flat=True):
        for key, count in (recorded or {}).items():
            if str(key).isdigit() and isinstance(count, int):
                turns[int(key)] += count
    amounts["speaking"] = dict(turns)

    events["proposals"] = sum(amounts["proposals"].values())
    events["positions"] = sum(amounts["positions"].values())
    events["blocks"] = sum(amounts["blocks"].values())
    events["decisions"] = Decision.objects.filter(
        _within("decided_at__date", since, until), partnership=partnership).count()
    events["actions"] = sum(amounts["actions"].values())
    events["resources"] = None
    events["attendance"] = counts["n"]
    events["speaking"] = sum(turns.values())
    return PowerData(
        members=[*known.values(), *former.values()], amounts=amounts, events=events,
        meetings=counts["n"], recorded_meetings=counts["recorded"],
        recorded_attendance=recorded_attendance, since=since, until=until)


def power_balance(partnership: Partnership, since: date | None = None,
                  until: date | None = None) -> PowerBalance:
    """The power balance of a partnership over a period (all time by default)."""
    return balance(gather(partnership, since, until),
                   threshold=getattr(settings, "POWER_DOMINANCE_THRESHOLD", None))
