"""What a recommendation is asked: the signals and their weights (`text:2,gaps:1`), and a
problem statement worth ranking for."""

import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partnering.discovery.bm25 import tokenize
from partnering.limits import MAX_TEXT

SIGNALS = ("text", "gaps", "diversity", "network", "geography", "sdg")
DEFAULT_WEIGHTS = {"text": 2.0, "gaps": 1.5, "diversity": 0.5, "network": 1.0,
                   "geography": 1.0, "sdg": 0.5}
MAX_WEIGHT = 100


def parse_weights(raw: str | dict | None) -> dict[str, float]:
    """`text:2,gaps:1` (or a dict) → weights; unknown names, negatives, all-zero → error."""
    weights = dict(DEFAULT_WEIGHTS)
    if raw in (None, "", {}):
        return weights
    if isinstance(raw, str):
        pairs = {}
        for part in raw.split(","):
            name, sep, value = part.partition(":")
            if not sep:
                raise ValidationError({"weights": _("Write weights as name:number pairs, "
                                                    "e.g. text:2,gaps:1.")})
            pairs[name.strip()] = value.strip()
        raw = pairs
    for name, value in raw.items():
        if name not in SIGNALS:
            raise ValidationError({"weights": _("Unknown reason “%(name)s”; use %(names)s.")
                                   % {"name": name, "names": ", ".join(SIGNALS)}})
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValidationError({"weights": _("The weight of %(name)s is not a number.")
                                   % {"name": name}}) from None
        if not math.isfinite(number) or number < 0 or number > MAX_WEIGHT:
            raise ValidationError({"weights": _("Weights are numbers from 0 to %(max)s.")
                                   % {"max": MAX_WEIGHT}})
        weights[name] = number
    if not any(weights.values()):
        raise ValidationError({"weights": _("At least one weight must be above zero.")})
    return weights


def check_problem(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"problem_statement": _("Describe the problem to find partners "
                                                      "for.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"problem_statement": _("At most %(max)s characters.")
                               % {"max": MAX_TEXT}})
    if not tokenize(text):
        raise ValidationError({"problem_statement": _("Use words that describe the "
                                                      "problem.")})
    return text
