"""What an office's page and API read: its people's competency profile as a distribution
(competency × level, groups and levels under MIN_GROUP suppressed), trends across its
assessment rounds, course enrolments. Nothing here names an individual: callers add
individuals only for the people capabilities/access.py lets the reader see."""

from collections import Counter, defaultdict

from django.db.models import Count, Q

from partnering.capabilities.framework.models import LEVELS, Competency, SelfAssessment
from partnering.capabilities.offices.models import EnrolmentStatus, Office

MIN_GROUP = 5
COMPETENCIES_INSTRUMENT = "partnering-competencies"


def latest_levels(person_ids) -> dict[int, dict]:
    """Each person's levels by competency code (their latest assessment of each)."""
    found: dict[int, dict] = defaultdict(dict)
    rows = SelfAssessment.objects.filter(person_id__in=list(person_ids)).values(
        "person_id", "levels").order_by("-taken_on", "-id")
    for row in rows:
        for code, level in row["levels"].items():
            found[row["person_id"]].setdefault(code, level)
    return found


def cells(counts: Counter) -> tuple[list | None, bool]:
    """One competency's people per level, as shown: None for a level of fewer than
    MIN_GROUP people, with enough other levels hidden beside it (smallest first) that the
    row's total minus the levels shown tells nothing of fewer than MIN_GROUP people (the
    survey results' complementary suppression); and no counts at all (`uniform` True)
    when everyone assessed is at one level, which would tell each person's level."""
    from partnering.assessments.results import hidden_groups

    if len([level for level in LEVELS if counts.get(level)]) == 1:
        return None, True
    hidden = hidden_groups({level: counts.get(level, 0) for level in LEVELS}, MIN_GROUP)
    return [None if level in hidden else counts.get(level, 0) for level in LEVELS], False


def heat_map(office: Office) -> dict:
    """Per competency: how many of the office's people are at each level; a row of fewer
    than MIN_GROUP assessed people is suppressed (counts None), and so are small levels
    and a row where everyone is at one level (`cells`)."""
    people = list(office.members.values_list("person_id", flat=True))
    levels = latest_levels(people)
    rows = []
    for competency in Competency.objects.filter(active=True):
        counts = Counter(own[competency.code] for own in levels.values()
                         if competency.code in own)
        group = sum(counts.values())
        shown, uniform = group >= MIN_GROUP, False
        found = None
        if shown:
            found, uniform = cells(counts)
        rows.append({"competency_id": competency.pk, "code": competency.code,
                     "name": competency.name, "group": competency.group,
                     "assessed": group if shown else None,
                     "suppressed": not shown or uniform, "uniform": uniform,
                     "counts": found})
    return {"people": len(people), "assessed": len(levels) if len(levels) >= MIN_GROUP
            else None, "min_group": MIN_GROUP, "rows": rows}


def _round_people(round_) -> dict[int, dict]:
    """Each person's latest levels in a round."""
    by_person = {}
    for row in SelfAssessment.objects.filter(round=round_).values(
            "person_id", "levels").order_by("-taken_on", "-id"):
        by_person.setdefault(row["person_id"], row["levels"])
    return by_person


def trends(office: Office) -> list[dict]:
    """Per assessment round of the office: the average level per competency of the
    people who assessed themselves in it (suppressed under MIN_GROUP people), and, rounds
    taken in date order, withheld (`overlap`) where the people behind it are nearly those
    behind the same figure of an earlier round shown, so that subtracting the two would
    tell one or a few people's levels (the rule of 360° campaigns, ratings/overlap.py)."""
    from partnering.capabilities.ratings.overlap import safe_to_show

    competencies = list(Competency.objects.filter(active=True).values_list("code", "name"))
    shown_sets: dict[str, list[set]] = defaultdict(list)
    found = []
    for round_ in office.rounds.all():
        by_person = _round_people(round_)
        shown, averages, overlap = len(by_person) >= MIN_GROUP, {}, False
        for code, _name in competencies:
            people = {p for p, own in by_person.items() if code in own}
            safe = safe_to_show(shown_sets[code], people, MIN_GROUP)
            averages[code] = None
            if shown and len(people) >= MIN_GROUP and safe:
                shown_sets[code].append(people)
                averages[code] = round(sum(by_person[p][code] for p in people)
                                       / len(people), 1)
            overlap |= shown and len(people) >= MIN_GROUP and not safe
        found.append({"round_id": round_.pk, "name": round_.name, "held_on": round_.held_on,
                      "people": len(by_person) if shown else None, "suppressed": not shown,
                      "overlap": overlap, "averages": averages})
    return found


def enrolments(office: Office) -> list[dict]:
    """Per cohort of the office: how many enrolled and how many completed."""
    return list(office.cohorts.values("id", "name", "starts", "ends", "course__title")
                .annotate(enrolled=Count("enrolments"),
                          completed=Count("enrolments", filter=Q(
                              enrolments__status=EnrolmentStatus.COMPLETED)))
                .order_by("-starts", "id"))


def survey_rounds(office: Office, user) -> list[dict]:
    """The survey engine's "Partnering competencies" rounds to which the office's people
    were invited and that `user` may see (assessments' own rule), with the engine's whole-
    round figures: respondents and mean agreement, None under its minimum group. Those
    answers are anonymous, so they are never a person's levels, nor the office's alone."""
    from partnering.assessments.models import Round
    from partnering.assessments.results import overall_scores, results_visible

    emails = {e.lower() for pair in office.members.values_list("person__user__email",
                                                               "person__email")
              for e in pair if e}
    if not emails:
        return []
    rounds = list(Round.objects.visible_to(user).filter(
        instrument__key=COMPETENCIES_INSTRUMENT, invitations__email__in=emails)
        .distinct().order_by("opens_at", "id"))
    scores = overall_scores(rounds)
    return [{"round_id": r.pk, "title": r.title, "opens_at": r.opens_at,
             "closed": results_visible(r),
             "respondents": scores.get(r.pk, (None, None))[0]
             if scores.get(r.pk, (0, None))[1] is not None else None,
             "mean": scores.get(r.pk, (None, None))[1]} for r in rounds]


def accreditations(person_ids) -> list[dict]:
    """The brokers' accreditations of these people (brokers app), latest first per person."""
    from partnering.brokers.roster.models import Accreditation

    rows = Accreditation.objects.filter(profile__person_id__in=list(person_ids)).select_related(
        "profile__person").order_by("profile__person__name", "-awarded", "-id")
    return [{"person_id": a.profile.person_id, "name": a.profile.person.name,
             "kind": a.profile.get_kind_display(), "body": a.body, "level": a.level,
             "awarded": a.awarded, "expires": a.expires, "status": a.status,
             "status_label": a.status_label} for a in rows]
