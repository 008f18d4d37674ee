"""The power balance of a partnership (8 Actions, action 5: "maintain the power balance";
"ensure equity in decision making is maintained between all parties").

Pure computation over plain counts, no database: who tables proposals, who takes positions,
whose way decisions go, who blocks, who owns the actions, who commits the resources, who
comes to meetings and who is heard there, by member organisation and by sector.
`data.gather()` reads the counts; `balance()` turns them into shares (which sum to 1
per measure, or the measure has no data), an equity index, and flags that explain
themselves in plain language with what to do, drawn from 8 Actions.

The equity index is the normalised Shannon entropy of the members' shares, averaged over
the measures with data (see FORMULA and WHY_ENTROPY).
"""

from collections import defaultdict

from partnering.governance.power.arithmetic import (
    dominance_threshold,
    effective_number,
    equity_index,
    normalised_entropy,
    shares,
)
from partnering.governance.power.flags import dominance, no_mandate, sector_dominance, unheard
from partnering.governance.power.measures import MEASURES, Measure
from partnering.governance.power.report import (
    Flag,
    MeasureResult,
    Member,
    Part,
    PowerBalance,
    PowerData,
    SectorSummary,
    sector_label,
)


def balance(data: PowerData, *, threshold: float | None = None) -> PowerBalance:
    """Shares, equity index and flags for one partnership and period."""
    members = sorted(data.members, key=lambda m: (m.name.lower(), m.organisation_id))
    results = [_measure(measure, data, members, threshold) for measure in MEASURES]
    flags: list[Flag] = []
    for result in results:
        flags.extend(dominance(result, data))
    for result in results:
        flags.extend(sector_dominance(result, data))
    flags.extend(unheard(next(r for r in results if r.key == "speaking"), data, members))
    flags.extend(no_mandate(members))
    return PowerBalance(
        since=data.since, until=data.until, members=members, sectors=group_sectors(members),
        measures=results,
        index=equity_index(r.equity for r in results if r.measure.in_index),
        sector_index=equity_index(r.sector_equity for r in results if r.measure.in_index),
        configured_threshold=threshold, flags=flags, meetings=data.meetings)


def group_sectors(members: list[Member]) -> list[SectorSummary]:
    grouped = defaultdict(list)
    for member in members:
        grouped[member.sector].append(member)
    return sorted((SectorSummary(code, sector_label(code), group)
                   for code, group in grouped.items()), key=lambda s: s.label)


def _measure(measure: Measure, data: PowerData, members: list[Member],
             threshold: float | None) -> MeasureResult:
    raw = data.amounts.get(measure.key, {})
    # Only members (and former members) share a measure: guests at a consultation are not
    # partners. Observers do not decide, unless the records say they did.
    holders = [m for m in members
               if not (measure.deciding and m.is_observer) or raw.get(m.organisation_id)]
    sectors = group_sectors(holders)
    amounts = {m.organisation_id: raw.get(m.organisation_id, 0) for m in holders}
    member_shares = shares(amounts)
    total = sum(amounts.values())
    result = MeasureResult(measure, total, data.events.get(measure.key), holders, sectors,
                           [], [])
    if member_shares is None:
        return result
    sector_amounts = {s.sector: sum(amounts[m.organisation_id] for m in s.members)
                      for s in sectors}
    sector_shares = shares(sector_amounts)
    result.by_member = [Part(m.organisation_id, m.name, amounts[m.organisation_id],
                             member_shares[m.organisation_id]) for m in holders]
    result.by_sector = [Part(s.sector, s.label, sector_amounts[s.sector],
                             sector_shares[s.sector]) for s in sectors]
    result.equity = normalised_entropy(member_shares.values(), len(holders))
    result.sector_equity = normalised_entropy(sector_shares.values(), len(sectors))
    result.effective_members = effective_number(member_shares.values())
    result.threshold = dominance_threshold(len(holders), threshold)
    result.sector_threshold = dominance_threshold(len(sectors), threshold)
    return result
