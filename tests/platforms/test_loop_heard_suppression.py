""""Feel heard" shares cannot be worked out by subtraction. A group under five responses
shows no share, and enough of its sibling groups (smallest first) are hidden with it that
the total's share minus the shares shown tells nothing of fewer than five people; forums
the reader may not see count as hidden groups too (the same rule as survey results)."""

from partnering.platforms.loops.metrics import Row
from partnering.platforms.loops.tables import hide_heard


def row(key, heard, yes):
    found = Row(key=key)
    found.counts.update(heard=heard, yes=yes)
    return found


def shares(rows: dict) -> dict:
    return {key: r.heard_share() for key, r in rows.items()}


def test_it_hides_the_other_group_when_only_two_would_give_the_small_one_away():
    """The attack: the total shows 22 responses, English 20 of them: total minus English
    is the two French speakers' answers."""
    rows = {"en": row("en", 20, 12), "fr": row("fr", 2, 2)}
    hide_heard(rows, {"en", "fr"})
    assert shares(rows) == {"en": None, "fr": None}


def test_it_hides_the_smallest_sibling_with_a_small_group_and_shows_the_rest():
    rows = {"en": row("en", 20, 12), "es": row("es", 8, 4), "fr": row("fr", 2, 2)}
    hide_heard(rows, set(rows))
    assert shares(rows) == {"en": 0.6, "es": None, "fr": None}


def test_a_forum_left_out_for_the_reader_counts_as_hidden():
    """A private forum is counted in the total but not named: with one response there,
    the total minus the named forums would be that person's answer."""
    rows = {1: row(1, 12, 6), 2: row(2, 9, 9), 3: row(3, 1, 0)}
    hide_heard(rows, {1, 2})
    assert shares(rows) == {1: 0.5, 2: None, 3: None}


def test_groups_of_five_or_more_all_show():
    rows = {"en": row("en", 20, 12), "fr": row("fr", 5, 5)}
    hide_heard(rows, set(rows))
    assert shares(rows) == {"en": 0.6, "fr": 1.0}
