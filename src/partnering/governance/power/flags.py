"""The flags of the power balance, each explaining itself in plain language with what to
do: one member or sector dominating a measure, a member present but seldom heard, a member
with nobody who may decide for it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from partnering.governance.power.arithmetic import amount_text, percent, shares
from partnering.governance.power.measures import mandate_advice, sector_advice, unheard_advice
from partnering.governance.power.report import Flag, MeasureResult, Member, Part, PowerData

# Who holds how much of what, per measure (a measure needs at least 3 events to be flagged,
# so the totals are plural).
WHAT = {
    "proposals": gettext_noop("%(subject)s tabled %(amount)s of the %(total)s proposals "
                              "(%(share)s)"),
    "positions": gettext_noop("%(subject)s took %(amount)s of the %(total)s positions on "
                              "proposals (%(share)s)"),
    "decisions": gettext_noop("%(subject)s was on the winning side of decisions %(amount)s "
                              "times out of the %(total)s times any member was (%(share)s)"),
    "blocks": gettext_noop("%(subject)s made %(amount)s of the %(total)s blocks (%(share)s)"),
    "actions": gettext_noop("%(subject)s owns %(amount)s of the %(total)s actions "
                            "(%(share)s)"),
    "resources": gettext_noop("%(subject)s committed %(share)s of the estimated value of the "
                              "resources (%(amount)s of %(total)s)"),
    "attendance": gettext_noop("%(subject)s accounts for %(amount)s of the %(total)s "
                               "attendances by members at the %(meetings)s meetings "
                               "(%(share)s): the others seldom come"),
    "speaking": gettext_noop("%(subject)s had %(amount)s of the %(total)s speaking turns "
                             "recorded in the minutes (%(share)s)"),
}


def _what(result: MeasureResult, subject: str, part: Part, data: PowerData) -> str:
    """The plain sentence: who holds how much of what."""
    return _(WHAT[result.key]) % {
        "subject": subject, "amount": amount_text(part.amount, result.measure.money),
        "total": amount_text(result.total, result.measure.money),
        "share": percent(part.share), "meetings": data.meetings}


def _cannot_decide(result: MeasureResult, outside: str | None = None) -> str:
    """For the measures of deciding: members who cannot take positions (no mandate), which
    concentrates the measure in the others' hands."""
    if not result.measure.deciding:
        return ""
    silent = [m.short_name for m in result.holders
              if m.is_member and not m.has_mandate and m.sector != outside]
    if not silent:
        return ""
    return " " + ngettext(
        "%(count)s member here cannot take positions for lack of a mandate to decide "
        "(%(names)s), which concentrates this measure in the others' hands.",
        "%(count)s members here cannot take positions for lack of a mandate to decide "
        "(%(names)s), which concentrates this measure in the others' hands.",
        len(silent)) % {"count": len(silent), "names": ", ".join(silent)}


def _dominates(label: str, result: MeasureResult) -> str:
    return _("%(name)s dominates “%(measure)s”") % {"name": label,
                                                     "measure": result.measure.label}


def dominance(result: MeasureResult, data: PowerData) -> list[Flag]:
    if result.threshold is None or not result.enough_for_flags:
        return []
    n = len(result.holders)
    return [Flag(
        "member_dominance", _dominates(part.label, result),
        _("%(what)s; with %(members)s members here an equal share is %(equal)s, and a share "
          "above %(threshold)s is flagged.") % {
            "what": _what(result, part.label, part, data), "members": n,
            "equal": percent(1 / n, True), "threshold": percent(result.threshold, True)}
        + _cannot_decide(result),
        str(result.measure.advice), measure=result.key, organisation_id=part.key,
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
        subject = _("%(sector)s (%(count)s of %(members)s members: %(names)s)") % {
            "sector": part.label, "count": len(group), "members": n_members,
            "names": ", ".join(m.short_name for m in group)}
        flags.append(Flag(
            "sector_dominance", _dominates(part.label, result),
            _("%(what)s; with %(sectors)s sectors at the table an equal share is %(equal)s, "
              "and a share above %(threshold)s is flagged.") % {
                "what": _what(result, subject, part, data), "sectors": n_sectors,
                "equal": percent(1 / n_sectors, True),
                "threshold": percent(result.sector_threshold, True)}
            + _cannot_decide(result, outside=part.key),
            sector_advice(result.measure.advice), measure=result.key, sector=part.key,
            share=part.share, threshold=result.sector_threshold))
    return flags


def _unheard_explanation(part: Part, attended: int, meetings: int, present: float,
                         speaking: MeasureResult) -> str:
    return ngettext(
        "%(name)s was present at %(attended)s of the %(meetings)s meeting whose speaking turns "
        "were recorded (%(presence)s of the attendances there) but had %(turns)s of the "
        "%(total)s speaking turns (%(share)s): less than half of what its presence would "
        "suggest.",
        "%(name)s was present at %(attended)s of the %(meetings)s meetings whose speaking "
        "turns were recorded (%(presence)s of the attendances there) but had %(turns)s of the "
        "%(total)s speaking turns (%(share)s): less than half of what its presence would "
        "suggest.", meetings) % {
        "name": part.label, "attended": attended, "meetings": meetings,
        "presence": percent(present), "turns": amount_text(part.amount),
        "total": amount_text(speaking.total), "share": percent(part.share)}


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
    flags = []
    observers = {m.organisation_id for m in members if m.is_observer}
    for part in speaking.by_member:
        attended = attendance[part.key]
        # Observers come to follow, not to speak.
        if not attended or part.key in observers or part.share >= present[part.key] / 2:
            continue
        flags.append(Flag(
            "unheard", _("%(name)s attends but is seldom heard") % {"name": part.label},
            _unheard_explanation(part, attended, data.recorded_meetings, present[part.key],
                                 speaking),
            unheard_advice(part.label), measure="speaking",
            organisation_id=part.key, share=part.share))
    return flags


def _no_mandate_explanation(member: Member) -> str:
    reps = member.representatives
    if not reps:
        return _("%(name)s has no representative named, so nobody can take its position on "
                 "proposals or sign the agreement for it.") % {"name": member.name}
    return ngettext(
        "%(name)s has a representative here but no mandate to decide, so it cannot take "
        "positions on proposals: its voice counts only in comments.",
        "%(name)s has %(count)s representatives here but none with a mandate to decide, so "
        "it cannot take positions on proposals: its voice counts only in comments.",
        reps) % {"name": member.name, "count": reps}


def no_mandate(members: list[Member]) -> list[Flag]:
    """Members (observers aside) with nobody who may decide for them."""
    return [Flag(
        "no_mandate", _("%(name)s cannot take part in decisions") % {"name": member.name},
        _no_mandate_explanation(member), mandate_advice(member.name),
        organisation_id=member.organisation_id)
        for member in members
        if member.is_member and not member.is_observer and not member.has_mandate]

