"""Reading the shipped SDG framework files and validating SDG codes."""

import re
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DATA_DIR = Path(__file__).resolve().parent / "data" / "sdg"
TARGET_CODE = re.compile(r"^(\d{1,2})\.([0-9]{1,2}|[a-z])$")


def _read(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _sort_key(part: str) -> tuple[int, str]:
    # Numbered targets (4.1 .. 4.7) come before lettered ones (4.a, 4.b, 4.c).
    return (0, f"{int(part):03d}") if part.isdigit() else (1, part)


def read_goals() -> list[dict]:
    raw = _read("global_goals.yml")
    numbers = sorted({int(key.split("-")[0]) for key in raw})
    return [
        {"number": n, "short_title": raw[f"{n}-short"], "title": raw[f"{n}-title"]}
        for n in numbers
    ]


def read_targets() -> list[dict]:
    raw = _read("global_targets.yml")
    targets = []
    for key, title in raw.items():
        goal, part, _ = key.split("-")
        targets.append({"goal": int(goal), "part": part, "code": f"{goal}.{part}",
                        "title": " ".join(title.split())})
    targets.sort(key=lambda t: (t["goal"], _sort_key(t["part"])))
    return targets


def read_indicators() -> list[dict]:
    raw = _read("global_indicators.yml")
    indicators = []
    for key, title in raw.items():
        parts = key.split("-")
        if parts[-1] != "title" or len(parts) != 4:
            continue
        goal, part, number = parts[:3]
        indicators.append({"target": f"{goal}.{part}", "code": f"{goal}.{part}.{number}",
                           "number": int(number), "title": " ".join(str(title).split())})
    indicators.sort(key=lambda i: (int(i["target"].split(".")[0]),
                                   _sort_key(i["target"].split(".")[1]), i["number"]))
    return indicators


def parse_sdg_codes(codes) -> tuple[list[int], list[str]]:
    """Split SDG codes ("4", "SDG 4", "4.1", "17.b") into goal numbers and target codes.

    Raises ValidationError naming every code that is not in the framework.
    """
    from partnering.reference.models import SdgGoal, SdgTarget

    goals, targets, bad = set(), set(), []
    for raw in codes:
        code = str(raw).strip().upper().removeprefix("SDG").strip().lower()
        if not code:
            continue
        if code.isdigit():
            goals.add(int(code))
        elif TARGET_CODE.match(code):
            targets.add(code)
        else:
            bad.append(str(raw))
    known_goals = set(SdgGoal.objects.filter(number__in=goals).values_list("number", flat=True))
    known_targets = set(SdgTarget.objects.filter(code__in=targets).values_list("code", flat=True))
    bad += [str(g) for g in sorted(goals - known_goals)]
    bad += sorted(targets - known_targets)
    if bad:
        raise ValidationError(
            _("Unknown SDG code: %(codes)s. Goals are 1 to 17; targets look like 4.1 or "
              "17.b."),
            params={"codes": ", ".join(bad)}, code="unknown_sdg",
        )
    return sorted(goals), sorted(targets, key=target_sort_key)


def target_sort_key(code: str) -> tuple:
    goal, part = code.split(".")
    return (int(goal), _sort_key(part))
