"""Anonymity across campaigns: no subtraction between two closed campaigns of one person.

A campaign's figures are averages over the people who answered it. Two closed campaigns
whose answering raters differ by one person give that person's levels by subtraction (the
sums are the averages times the counts); two that differ by a few give those few people's
levels together. And three or more can be combined the same way (B minus A, then C minus
that). So, the campaigns of a person taken in the order they closed, a closed campaign with
MIN_RATERS answers or more shows its figures only when, with the campaigns already shown:

- its answering raters and those of each shown campaign are the same people, or differ
  (added and removed together) by MIN_RATERS people or more; and
- no one rater's level can be worked out from all of them together, by any combination
  (one person's level can be, exactly when a row of the reduced echelon form of the rater
  sets names that person alone; every row must name MIN_RATERS people or more).

Otherwise it is withheld for good ("overlap"): a campaign shown once is never hidden by a
later one, and one withheld is never shown later, so nothing moves over time. Who answered
is read from the rating requests and never leaves this module: the page says only that the
raters were nearly the same as before."""

from fractions import Fraction

from partnering.capabilities.ratings.models import MIN_RATERS, RatingCampaign, RatingRequest


def _reduced_rows(rows: list[set]) -> list[dict]:
    """The reduced row echelon form of 0/1 rows over raters, each row {rater: weight}."""
    columns = sorted(set().union(*rows))
    matrix = [[Fraction(int(c in row)) for c in columns] for row in rows]
    reduced, lead = [], 0
    for column in range(len(columns)):
        pivot = next((r for r in range(lead, len(matrix)) if matrix[r][column]), None)
        if pivot is None:
            continue
        matrix[lead], matrix[pivot] = matrix[pivot], matrix[lead]
        top = [value / matrix[lead][column] for value in matrix[lead]]
        matrix[lead] = top
        for r in range(len(matrix)):
            if r != lead and matrix[r][column]:
                factor = matrix[r][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], top, strict=True)]
        lead += 1
    for row in matrix[:lead]:
        reduced.append({c: w for c, w in zip(columns, row, strict=True) if w})
    return reduced


def safe_to_show(shown: list[set], candidate: set, k: int = MIN_RATERS) -> bool:
    """May a campaign answered by `candidate` be shown beside campaigns answered by the sets
    in `shown` (see the module)?"""
    for earlier in shown:
        if 0 < len(earlier ^ candidate) < k:
            return False
    return all(len(row) >= k for row in _reduced_rows([*shown, candidate]))


def rater_sets(person) -> dict[int, set]:
    """Who answered each campaign of the person (one query; never shown to anyone)."""
    found: dict[int, set] = {}
    for campaign_id, rater_id in RatingRequest.objects.filter(
            campaign__subject=person, answered=True).values_list("campaign_id", "rater_id"):
        found.setdefault(campaign_id, set()).add(rater_id)
    return found


def withheld(person, today) -> set[int]:
    """The closed campaigns of the person with MIN_RATERS answers or more whose figures are
    withheld because of another campaign (see the module)."""
    sets = rater_sets(person)
    closed = [c for c in RatingCampaign.objects.filter(subject=person).order_by(
        "closed_at", "closes_on", "id").only("id", "closed_at", "closes_on")
        if not c.is_open(today) and len(sets.get(c.pk, ())) >= MIN_RATERS]
    shown, hidden = [], set()
    for campaign in closed:
        raters = sets[campaign.pk]
        if safe_to_show(shown, raters):
            shown.append(raters)
        else:
            hidden.add(campaign.pk)
    return hidden
