"""The results of a broker's "Broker fairness and support" rounds, for the broker's profile:
the survey engine's own figures per dimension (hidden below its minimum group, nothing while
a round is open), never an individual answer nor a comment. Who may read them: access.py."""

from django.utils import translation

from partnering.assessments.models import content_language
from partnering.assessments.results import round_results
from partnering.brokers import access


def ratings_for(user, profile) -> list[dict]:
    lang = content_language(translation.get_language())
    rows = []
    for assignment in access.rated_assignments(user, profile):
        results = round_results(assignment.rating_round, lang=lang)
        rows.append({"assignment": assignment, "visible": results["visible"],
                     "respondents": results["respondents"],
                     "min_group": results["min_group"],
                     "dimensions": [{key: row.get(key) for key in
                                     ("label", "shown", "n", "mean")}
                                    for row in results["dimensions"]]})
    return rows
