"""Writes of the competency framework (platform admins) and of self-assessments."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record, save_audited
from partnering.capabilities import access
from partnering.capabilities.framework.models import (
    LEVELS,
    Competency,
    CompetencyLevel,
    SelfAssessment,
)
from partnering.guards import require, require_platform_admin

# The self-assessment's agreement (1–5) as a level: "strongly disagree" and "disagree" that
# one is confident are both level 1 (aware); "strongly agree" is leading.
AGREEMENT_TO_LEVEL = {1: 1, 2: 1, 3: 2, 4: 3, 5: 4}
COMPETENCY_FIELDS = ["code", "name", "description", "group", "order", "active"]


def framework():
    """The active competencies with their levels, in order (two queries)."""
    return list(Competency.objects.filter(active=True).select_related("question")
                .prefetch_related("levels"))


@transaction.atomic
def create_competency(actor, **data) -> Competency:
    require_platform_admin(actor)
    competency = save_audited(actor, Competency(), data, fields=COMPETENCY_FIELDS,
                              summary=f"Added the competency “{data.get('name', '')}”")
    for level in LEVELS:
        CompetencyLevel.objects.create(competency=competency, level=level,
                                       in_practice=data.get("name", ""))
    return competency


@transaction.atomic
def update_competency(actor, competency: Competency, **data) -> Competency:
    require_platform_admin(actor)
    return save_audited(actor, competency, data, fields=COMPETENCY_FIELDS)


@transaction.atomic
def describe_level(actor, competency: Competency, level: int, in_practice: str):
    """What `level` of `competency` looks like in practice."""
    require_platform_admin(actor)
    if level not in LEVELS:
        raise ValidationError({"level": _("A level is 1 to 4.")})
    row = CompetencyLevel.objects.get_or_create(competency=competency, level=level,
                                                defaults={"in_practice": in_practice})[0]
    return save_audited(actor, row, {"in_practice": in_practice}, fields=["in_practice"])


def levels_from_answers(answers: dict) -> dict:
    """The self-assessment's answers (question code → agreement 1–5) as levels by competency
    code, through each competency's mapped question."""
    mapped = dict(Competency.objects.filter(active=True, question__isnull=False)
                  .values_list("question__code", "code"))
    levels = {}
    for question_code, value in answers.items():
        if question_code not in mapped:
            raise ValidationError({"answers": _("%(code)s is no question of the partnering "
                                                "competencies self-assessment.")
                                   % {"code": question_code}})
        if value not in AGREEMENT_TO_LEVEL:
            raise ValidationError({"answers": _("Answer each question 1 to 5.")})
        levels[mapped[question_code]] = AGREEMENT_TO_LEVEL[value]
    return levels


def _checked_levels(levels: dict) -> dict:
    codes = set(Competency.objects.filter(active=True).values_list("code", flat=True))
    for code, level in levels.items():
        if code not in codes:
            raise ValidationError({"levels": _("No competency %(code)s in the framework.")
                                   % {"code": code}})
        if level not in LEVELS:
            raise ValidationError({"levels": _("A level is 1 to 4.")})
    return levels


@transaction.atomic
def record_self_assessment(actor, person, *, answers: dict | None = None,
                           levels: dict | None = None, round=None,
                           taken_on: dt.date | None = None) -> SelfAssessment:
    """A person's own levels: from their answers to the partnering competencies
    self-assessment, and for competencies it does not ask about (the broker's process
    skills), levels given directly. The person records it (a platform admin may enter one on
    their behalf, e.g. from a paper form or the demo; `recorded_by` says who did)."""
    require(access.is_self(actor, person) or access.is_admin(actor),
            _("Only the person assesses themselves."))
    answers = {str(k): v for k, v in (answers or {}).items()}
    found = {**_checked_levels(dict(levels or {})), **levels_from_answers(answers)}
    if not found:
        raise ValidationError({"answers": _("Answer at least one question.")})
    if round is not None and not round.office.members.filter(person=person).exists():
        raise ValidationError({"round": _("That round is of an office you are not in.")})
    assessment = SelfAssessment.objects.create(
        person=person, round=round, answers=answers, levels=found, recorded_by=actor,
        taken_on=taken_on or timezone.localdate())
    record(actor, "competency.self_assessed", assessment)
    return assessment


def current_levels(person) -> dict:
    """The person's levels by competency code: their latest self-assessment of each."""
    levels = {}
    for row in SelfAssessment.objects.filter(person=person).values("levels"):
        for code, level in row["levels"].items():
            levels.setdefault(code, level)
    return levels
