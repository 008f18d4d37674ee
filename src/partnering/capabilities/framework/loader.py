"""Loads the default competency framework and the partnership officer role profiles.
Idempotent: what exists (and an admin's edits) is left alone; what is missing is made.
Called by the data migration, and callable by the demo."""

from django.db import transaction

from partnering.capabilities.framework.defaults import PARTNERING, PROCESS
from partnering.capabilities.framework.models import Competency, CompetencyGroup, CompetencyLevel
from partnering.capabilities.offices.defaults import GRADES, SERIES

INSTRUMENT_KEY = "partnering-competencies"


def _question(code: str):
    from partnering.assessments.models import Question

    return Question.objects.filter(instrument__key=INSTRUMENT_KEY, code=code).first()


def _competency(group, order, code, name, description, levels) -> Competency:
    competency, created = Competency.objects.get_or_create(code=code, defaults={
        "name": name, "description": description, "group": group, "order": order})
    if group == CompetencyGroup.PARTNERING and competency.question_id is None:
        question = _question(code)
        if question is not None and not hasattr(question, "competency"):
            competency.question = question
            competency.save(update_fields=["question"])
    for level, text in enumerate(levels, start=1):
        CompetencyLevel.objects.get_or_create(competency=competency, level=level,
                                              defaults={"in_practice": text})
    return competency


def _role_profiles(competencies: dict) -> None:
    from partnering.capabilities.offices.models import RoleProfile, RoleRequirement

    for order, (key, grade, title, purpose, duties, base, levels) in enumerate(GRADES):
        profile, created = RoleProfile.objects.get_or_create(
            office=None, key=key, defaults={"series": SERIES, "grade": grade, "title": title,
                                            "purpose": purpose, "responsibilities": duties,
                                            "order": order})
        if not created:
            continue
        RoleRequirement.objects.bulk_create([
            RoleRequirement(profile=profile, competency=competency,
                            level=levels.get(code, base))
            for code, competency in competencies.items()])


@transaction.atomic
def load_framework() -> dict:
    """The framework's competencies by code (made when missing), with the role profiles."""
    from partnering.assessments.builtins import load_builtins

    load_builtins()  # the self-assessment whose questions map onto the framework
    made = {}
    for group, items in ((CompetencyGroup.PARTNERING, PARTNERING),
                         (CompetencyGroup.PROCESS, PROCESS)):
        for order, (code, name, description, levels) in enumerate(items):
            made[code] = _competency(group, order, code, name, description, levels)
    _role_profiles(made)
    return made
