"""Loading the SDG framework into the database (called by a data migration)."""

from partnering.reference import sdg


def load_sdg_framework(goal_model, target_model, indicator_model) -> None:
    goals = {}
    for row in sdg.read_goals():
        goals[row["number"]], _ = goal_model.objects.update_or_create(
            number=row["number"],
            defaults={"short_title": row["short_title"], "title": row["title"]},
        )
    targets = {}
    for position, row in enumerate(sdg.read_targets()):
        targets[row["code"]], _ = target_model.objects.update_or_create(
            code=row["code"],
            defaults={"goal": goals[row["goal"]], "title": row["title"], "position": position},
        )
    for position, row in enumerate(sdg.read_indicators()):
        target = targets.get(row["target"])
        if target is None:
            continue
        indicator_model.objects.update_or_create(
            code=row["code"],
            defaults={"target": target, "title": row["title"], "position": position},
        )
