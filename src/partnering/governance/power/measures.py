"""The measures of the power balance, the equity index's formula, and the advice each flag
gives, drawn from 8 Actions."""

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from partnering.sources import cite

# A measure needs at least this many events (proposals, positions, decisions, blocks,
# actions, meetings, speaking turns) before a share in it is called dominant: one block,
# or the first two proposals, say little about a partnership.
MIN_EVENTS = 3

FORMULA = _("E = (1/|M|) · Σₘ Hₘ / ln n,   where Hₘ = −Σᵢ pₘᵢ · ln pₘᵢ")
FORMULA_WHERE = _(
    "pₘᵢ is member i's share of measure m, n the number of members, and M the measures with "
    "data (0 · ln 0 counts as 0). Blocks are shown but left out of the index: equal "
    "blocking is not a goal. E is 1 when every member holds an equal share of every "
    "measure, and 0 when one member holds all of every measure. The sector index is the "
    "same computation over the sectors at the table; a sector with more members there will "
    "hold more, so read it with the number of members in each."
)
WHY_ENTROPY = _(
    "Normalised entropy rather than 1 − Gini: it counts every member, also those with no "
    "share at all; it reads as an effective number of members (e^Hₘ: proposals come as if "
    "from 1.6 of the 4 members); and for any number of members it is exactly 1 only when "
    "shares are equal and 0 only when one member holds everything."
)


def _fill(message: str, detail: str, **values) -> str:
    """A message that cites 8 Actions, translated when shown: `detail` (which action) and
    the message are both msgids."""
    return gettext(message) % {"source": cite("eight-actions", gettext(detail)), **values}


cited = lazy(_fill, str)


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    description: str
    advice: str
    in_index: bool = True
    money: bool = False
    chart_label: str = ""  # shorter, for the chart; the label otherwise
    # Observers follow decisions but do not take positions: they are left out of the
    # measures of deciding.
    deciding: bool = False


MEASURES = (
    Measure(
        "proposals", _("Proposals tabled"),
        _("Proposals each member tabled, counted in the period they were tabled."),
        cited(gettext_noop(
            "Keep the problem at the centre and co-design the process (%(source)s): invite "
            "every partner to table proposals, ask the broker to gather proposals from the "
            "quieter partners before meetings, and rotate who drafts and who chairs."),
            gettext_noop("actions 2 and 4"))),
    Measure(
        "positions", _("Positions taken"),
        _("Positions (agree, abstain, disagree, block, or a vote for an option) each member "
          "took, on proposals tabled in the period. Observers do not take positions and are "
          "left out."),
        cited(gettext_noop(
            "Give permission to decide (%(source)s): ask the members who take few positions "
            "whether their representatives hold a mandate to decide, leave proposals open long "
            "enough, and ask the broker to follow up with members who have not taken a "
            "position."), gettext_noop("action 6")),
        deciding=True),
    Measure(
        "decisions", _("Decisions that went its way"),
        _("For each proposal decided in the period, every member whose position won counts "
          "once: it agreed to a motion that carried, disagreed with or blocked one that was "
          "not carried, or voted for the option chosen."),
        cited(gettext_noop(
            "Maintain equity in decision making (%(source)s): check that the decision rule and "
            "any weights do not hand one partner the outcome, hear objections before the vote, "
            "and let an independent facilitator run contentious decisions."),
            gettext_noop("action 5")),
        deciding=True, chart_label=_("Decisions gone its way")),
    Measure(
        "blocks", _("Blocks"),
        _("Blocks (reasoned objections under the consent rule), on proposals tabled in the "
          "period. Shown, but not part of the equity index."),
        cited(gettext_noop(
            "A member that blocks again and again holds a veto. Ask the hard questions "
            "(%(source)s): let the broker explore its objections with it, and co-design the "
            "next proposals with it before they are tabled (action 4)."),
            gettext_noop("action 7")),
        in_index=False, deciding=True),
    Measure(
        "actions", _("Actions owned"),
        _("Actions each member owns, created in the period (dropped actions left out)."),
        cited(gettext_noop(
            "Share accountability (%(source)s): spread the actions so that every partner owns "
            "part of the work and reports on it. A partner that carries most of the work can "
            "come to own the problem (action 2), and the others to leave it to them."),
            gettext_noop("action 7"))),
    Measure(
        "resources", _("Resources committed"),
        _("Estimated value of the resources each member committed (cash, in kind, staff "
          "time, expertise, data, networks), in the agreed partnering agreement in force at "
          "the end of the period."),
        cited(gettext_noop(
            "Whoever brings most of the money can come to set the agenda. Value the other "
            "partners' contributions in kind (staff time, expertise, data, networks, the trust "
            "of communities) in the agreement, and keep decisions to the agreed rule rather "
            "than to the size of a contribution (%(source)s)."), gettext_noop("action 5")),
        money=True),
    Measure(
        "attendance", _("Meetings attended"),
        _("Meetings in the period each member attended (guests who are not members are left "
          "out)."),
        cited(gettext_noop(
            "Set up a neutral platform (%(source)s): meet where and when every partner can "
            "come, rotate the venue and the chair, cover travel for partners who cannot afford "
            "it, and ask the members who stay away why."), gettext_noop("action 3"))),
    Measure(
        "speaking", _("Speaking turns"),
        _("Items each member spoke to, counted from the minutes of the meetings in the "
          "period that recorded them."),
        cited(gettext_noop(
            "Ask an independent facilitator or a rotating chair (%(source)s) to give every "
            "partner the floor in turn, hear the quieter partners first, circulate papers a "
            "week ahead, and offer interpretation where partners work in different "
            "languages."), gettext_noop("action 3"))),
)
MEASURE_BY_KEY = {measure.key: measure for measure in MEASURES}


def mandate_advice(name: str) -> str:
    return _fill(gettext_noop(
        "Give permission to decide (%(source)s): ask %(name)s to give a representative a "
        "mandate to decide, or agree in the governance section how its decisions are taken "
        "(for example referred to its leadership with an agreed time to answer)."),
        gettext_noop("action 6"), name=name)


def sector_advice(advice: str) -> str:
    return _fill(gettext_noop("One sector cannot solve a complex problem alone (%(source)s). "
                              "%(advice)s"), gettext_noop("action 1"), advice=advice)


def unheard_advice(name: str) -> str:
    return _fill(gettext_noop(
        "Being in the room is not being heard. Ask %(name)s what would help it speak (papers "
        "in advance and in its language, a word with the broker before the meeting), and ask "
        "the chair or an independent facilitator to give it the floor early (%(source)s)."),
        gettext_noop("actions 3 and 5"), name=name)
