"""The flags of the power balance, each explaining itself in plain language with what to
do: one member or sector dominating a measure, a member present but seldom heard, a member
with nobody who may decide for it."""

from partnering.governance.power.arithmetic import amount_text, percent, shares
from partnering.governance.power.measures import MANDATE_ADVICE, SECTOR_ADVICE, UNHEARD_ADVICE
from partnering.governance.power.report import Flag, MeasureResult, Member, Part, PowerData


def _what(result: MeasureResult, subject: str, part: Part, data: PowerData) -> str:
    """The plain sentence: who holds how much of what."""
    a = amount_text(part.amount, result.measure.money)
    total = amount_text(result.total, result.measure.money)
    pct = percent(part.share)
    match result.key:
        case "proposals":
            return f"{subject} tabled {a} of the {total} proposals ({pct})"
        case "positions":
            return f"{subject} took {a} of the {total} positions on proposals ({pct})"
        case "decisions":
            return (f"{subject} was on the winning side of decisions {a} times out of the "
                    f"{total} times any member was ({pct})")
        case "blocks":
            return f"{subject} made {a} of the {total} blocks ({pct})"
        case "actions":
            return f"{subject} owns {a} of the {total} actions ({pct})"
        case "resources":
            return (f"{subject} committed {pct} of the estimated value of the resources "
                    f"({a} of {total})")
        case "attendance":
            return (f"{subject} accounts for {a} of the {total} attendances by members at the "
                    f"{data.meetings} meetings ({pct}): the others seldom come")
        case "speaking":
            return (f"{subject} had {a} of the {total} speaking turns recorded in the minutes "
                    f"({pct})")
    return f"{subject} holds {a} of {total} ({pct})"  # pragma: no cover - every measure named


def _cannot_decide(result: MeasureResult, outside: str | None = None) -> str:
    """For the measures of deciding: members who cannot take positions (no mandate), which
    concentrates the measure in the others' hands."""
    if not result.measure.deciding:
        return ""
    silent = [m.short_name for m in result.holders
              if m.is_member and not m.has_mandate and m.sector != outside]
    if not silent:
        return ""
    return (f" {len(silent)} member{'s' if len(silent) != 1 else ''} here cannot take "
            f"positions for lack of a mandate to decide ({', '.join(silent)}), which "
            "concentrates this measure in the others' hands.")


def dominance(result: MeasureResult, data: PowerData) -> list[Flag]:
    if result.threshold is None or not result.enough_for_flags:
        return []
    n = len(result.holders)
    return [Flag(
        "member_dominance", f"{part.label} dominates “{result.measure.label}”",
        f"{_what(result, part.label, part, data)}; with {n} members here an equal share is "
        f"{percent(1 / n, True)}, and a share above {percent(result.threshold, True)} is "
        f"flagged.{_cannot_decide(result)}",
        result.measure.advice, measure=result.key, organisation_id=part.key,
        share=part.share, threshold=result.threshold,
    ) for part in result.by_member if part.share > result.threshold]


def sector_dominance(result: MeasureResult, data: PowerData) -> list[Flag]:
    if result.sector_threshold is None or not result.enough_for_flags:
        return []
    flags = []
    n_members = len(result.holders)
    n_sectors = len(result.sectors)
    by_code = {s.sector: s for s in result.sectors}
    for part in result.by_sector:
        if part.share <= result.sector_threshold:
            continue
        group = by_code[part.key].members
        subject = (f"{part.label} ({len(group)} of {n_members} members: "
                   f"{', '.join(m.short_name for m in group)})")
        flags.append(Flag(
            "sector_dominance", f"{part.label} dominates “{result.measure.label}”",
            f"{_what(result, subject, part, data)}; with {n_sectors} sectors at the table an "
            f"equal share is {percent(1 / n_sectors, True)}, and a share above "
            f"{percent(result.sector_threshold, True)} is flagged."
            f"{_cannot_decide(result, outside=part.key)}",
            SECTOR_ADVICE + result.measure.advice, measure=result.key, sector=part.key,
            share=part.share, threshold=result.sector_threshold))
    return flags


def unheard(speaking: MeasureResult, data: PowerData, members: list[Member]) -> list[Flag]:
    """Members present at the meetings whose speaking turns were recorded, whose share of
    the turns there is less than half their share of the attendance."""
    if not speaking.enough_for_flags or len(members) < 2:
        return []
    attendance = {m.organisation_id: data.recorded_attendance.get(m.organisation_id, 0)
                  for m in members}
    present = shares(attendance)
    if present is None:
        return []
    meetings = data.recorded_meetings
    flags = []
    observers = {m.organisation_id for m in members if m.is_observer}
    for part in speaking.by_member:
        attended = attendance[part.key]
        # Observers come to follow, not to speak.
        if not attended or part.key in observers or part.share >= present[part.key] / 2:
            continue
        flags.append(Flag(
            "unheard", f"{part.label} attends but is seldom heard",
            f"{part.label} was present at {attended} of the {meetings} "
            f"meeting{'s' if meetings != 1 else ''} whose speaking turns were recorded "
            f"({percent(present[part.key])} of the attendances there) but had "
            f"{amount_text(part.amount)} of the {amount_text(speaking.total)} speaking turns "
            f"({percent(part.share)}): less than half of what its presence would suggest.",
            UNHEARD_ADVICE.format(name=part.label), measure="speaking",
            organisation_id=part.key, share=part.share))
    return flags


def no_mandate(members: list[Member]) -> list[Flag]:
    """Members (observers aside) with nobody who may decide for them."""
    flags = []
    for member in members:
        if not member.is_member or member.is_observer or member.has_mandate:
            continue
        reps = member.representatives
        if reps:
            named = "a representative" if reps == 1 else f"{reps} representatives"
            explanation = (f"{member.name} has {named} here but "
                           f"{'no' if reps == 1 else 'none with a'} mandate to decide, so it "
                           "cannot take positions on proposals: its voice counts only in "
                           "comments.")
        else:
            explanation = (f"{member.name} has no representative named, so nobody can take "
                           "its position on proposals or sign the agreement for it.")
        flags.append(Flag(
            "no_mandate", f"{member.name} cannot take part in decisions", explanation,
            MANDATE_ADVICE.format(name=member.name), organisation_id=member.organisation_id))
    return flags
