"""Which decision rule binds a partnership's proposals: the one in its agreed partnering
agreement, or, while nothing is agreed, the platform's default. A proposer never chooses it;
only a new version of the agreement, agreed under the current rule, changes it.

`departures()` compares a proposal with the rule that was in force when it was made, so the
decision log can mark decisions taken under another rule (made before this was enforced)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from partnering.governance.vocabulary import RULE_NAMES, DecisionRule


@dataclass(frozen=True)
class RuleInForce:
    rule: str
    quorum_percent: int
    majority_percent: int
    notice_days: int
    source: str
    agreed: bool
    weights: dict = field(default_factory=dict)  # organisation id -> Decimal

    @property
    def name(self) -> str:
        return str(RULE_NAMES.get(self.rule, self.rule))

    def describe(self) -> str:
        """“Consensus, quorum 67%, at least 7 days' notice”."""
        return describe(self.rule, self.quorum_percent, self.majority_percent,
                        self.notice_days)


def describe(rule: str, quorum: int, majority: int, notice_days: int | None = None) -> str:
    text = _("%(rule)s, quorum %(quorum)s%%") % {"rule": RULE_NAMES.get(rule, rule),
                                                 "quorum": quorum}
    if rule == DecisionRule.QUALIFIED_MAJORITY:
        text += _(", at least %(majority)s%% of the votes cast") % {"majority": majority}
    if notice_days == 0:
        text += _(", no minimum notice")
    elif notice_days == 1:
        text += _(", at least 1 day's notice")
    elif notice_days is not None:
        text += _(", at least %(days)s days' notice") % {"days": notice_days}
    return text


# The rule while no partnering agreement is agreed: the agreement's own defaults.
DEFAULT_RULE = DecisionRule.CONSENSUS
DEFAULT_QUORUM = 50
DEFAULT_MAJORITY = 67
DEFAULT_NOTICE_DAYS = 7
# Minutes between reading the clock on the form and saving count towards the notice.
NOTICE_SLACK = dt.timedelta(minutes=5)


def platform_default() -> RuleInForce:
    return RuleInForce(DEFAULT_RULE, DEFAULT_QUORUM, DEFAULT_MAJORITY, DEFAULT_NOTICE_DAYS,
                       _("The platform's default rule, until a partnering agreement is agreed"),
                       agreed=False)


def agreed_rule(partnership):
    from partnering.agreements import services as agreements

    return agreements.agreed_rule(partnership)


def rule_in_force(partnership) -> RuleInForce:
    """The agreed agreement's rule, quorum, majority, weights and notice; the platform's
    default while nothing is agreed."""
    agreed = agreed_rule(partnership)
    if agreed is None:
        return platform_default()
    rule, quorum, majority, weights, source = tuple(agreed)[:5]
    notice = getattr(agreed, "notice_days", DEFAULT_NOTICE_DAYS)
    return RuleInForce(rule, quorum, majority or DEFAULT_MAJORITY, notice,
                       source or _("The partnering agreement"), agreed=True,
                       weights={int(k): Decimal(str(v)) for k, v in (weights or {}).items()})


# --- The decision log: was a decision taken under the rule in force? ----------------------

def agreed_versions(partnership_ids) -> dict[int, list[dict]]:
    """Every agreed (or since superseded) version of these partnerships, latest first: one
    query."""
    return by_partnership(agreed_version_rows(partnership_ids))


def agreed_version_rows(partnership_ids):
    """The query of `agreed_versions`."""
    from partnering.agreements.models import AgreementVersion

    return AgreementVersion.objects.filter(
        partnership_id__in=list(partnership_ids), agreed_at__isnull=False,
    ).order_by("-agreed_at", "-number").values(
        "partnership_id", "number", "agreed_at", "decision_rule", "quorum_percent",
        "majority_percent", "notice_days")


def by_partnership(rows) -> dict[int, list[dict]]:
    versions: dict[int, list[dict]] = {}
    for row in rows:
        versions.setdefault(row["partnership_id"], []).append(row)
    return versions


def in_force_at(versions: list[dict], moment: dt.datetime) -> dict:
    """The rule in force at `moment`: the version agreed last before it, else the default."""
    for version in versions:
        if version["agreed_at"] <= moment:
            return {"rule": version["decision_rule"], "quorum": version["quorum_percent"],
                    "majority": version["majority_percent"], "notice": version["notice_days"],
                    "source": _("partnering agreement, version %(n)s") % {
                        "n": version["number"]}}
    return {"rule": DEFAULT_RULE, "quorum": DEFAULT_QUORUM, "majority": DEFAULT_MAJORITY,
            "notice": DEFAULT_NOTICE_DAYS, "source": _("the platform's default rule")}


def departure(proposal: dict, versions: list[dict]) -> str:
    """Why a proposal was not decided under the rule in force when it was made, or "".
    `proposal` holds rule, quorum_percent, majority_percent, created and closes_at."""
    expected = in_force_at(versions, proposal["created"])
    problems = []
    same_majority = (proposal["rule"] != DecisionRule.QUALIFIED_MAJORITY
                     or proposal["majority_percent"] == expected["majority"])
    if (proposal["rule"] != expected["rule"] or proposal["quorum_percent"] != expected["quorum"]
            or not same_majority):
        problems.append(_("decided by %(used)s, not by the rule in force: %(agreed)s (%(src)s)")
                        % {"used": describe(proposal["rule"], proposal["quorum_percent"],
                                            proposal["majority_percent"]),
                           "agreed": describe(expected["rule"], expected["quorum"],
                                              expected["majority"]),
                           "src": expected["source"]})
    open_for = proposal["closes_at"] - proposal["created"]
    if open_for < dt.timedelta(days=expected["notice"]) - NOTICE_SLACK:
        problems.append(_("open for positions %(open)s, less than the %(days)s days' notice")
                        % {"open": _duration(open_for), "days": expected["notice"]})
    return "; ".join(problems)


def _duration(span: dt.timedelta) -> str:
    minutes = max(int(span.total_seconds() // 60), 0)
    if minutes < 60:
        return _("%(n)s minutes") % {"n": minutes}
    if minutes < 48 * 60:
        return _("%(n)s hours") % {"n": minutes // 60}
    return _("%(n)s days") % {"n": minutes // (24 * 60)}
