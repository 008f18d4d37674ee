"""Plain rows the API answers (and pages may show)."""

from partnering.capabilities.framework.models import LEVEL_NAMES


def competency_row(c) -> dict:
    return {"id": c.pk, "code": c.code, "name": c.name, "description": c.description,
            "group": c.group, "order": c.order, "active": c.active,
            "question_code": c.question.code if c.question_id else None,
            "levels": [{"level": lv.level, "name": str(LEVEL_NAMES[lv.level]),
                        "in_practice": lv.in_practice} for lv in c.levels.all()]}


def goal_row(g) -> dict:
    return {"id": g.pk, "competency_id": g.competency_id, "competency_code": g.competency.code,
            "competency_name": g.competency.name, "current_level": g.current_level,
            "target_level": g.target_level, "gap": g.gap, "due_date": g.due_date,
            "state": g.state, "note": g.note,
            "actions": [{"id": a.pk, "kind": a.kind, "description": a.description,
                         "due_date": a.due_date, "cohort_id": a.cohort_id,
                         "mentoring_pair_id": a.mentoring_pair_id, "done": a.done}
                        for a in g.actions.all()],
            "evidence": [{"id": e.pk, "text": e.text, "link": e.link, "created": e.created}
                         for e in g.evidence.all()]}


def plan_row(plan) -> dict:
    goals = plan.goals.select_related("competency").prefetch_related("actions", "evidence")
    return {"id": plan.pk, "person_id": plan.person_id, "person_name": plan.person.name,
            "title": plan.title, "role_profile_id": plan.role_profile_id,
            "created": plan.created, "goals": [goal_row(g) for g in goals]}


def pair_row(pair) -> dict:
    return {"id": pair.pk, "mentor_id": pair.mentor_id, "mentor_name": pair.mentor.name,
            "mentee_id": pair.mentee_id, "mentee_name": pair.mentee.name, "goals": pair.goals,
            "starts": pair.starts, "ends": pair.ends,
            "sessions": list(pair.sessions.values("id", "date", "topics", "next_steps"))}


def role_profile_row(p) -> dict:
    return {"id": p.pk, "office_id": p.office_id, "based_on_id": p.based_on_id,
            "series": p.series, "grade": p.grade, "title": p.title, "purpose": p.purpose,
            "responsibilities": p.responsibility_lines,
            "requirements": [{"competency_id": r.competency_id, "code": r.competency.code,
                              "name": r.competency.name, "level": r.level}
                             for r in p.requirements.select_related("competency")]}
