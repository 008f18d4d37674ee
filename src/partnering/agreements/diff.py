"""The difference between two versions of an agreement, section by section (difflib).

Text is compared word by word (the default: shows a changed phrase inside a paragraph) or
line by line (shows whole changed lines, like a redline of clauses). Member terms are
compared per organisation and field; resource commitments per organisation, as lines.
"""

import difflib
import re
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.agreements.models import SECTIONS
from partnering.agreements.vocabulary import ResourceKind
from partnering.governance.vocabulary import DecisionRule

MODES = ("word", "line")
EXACT_LIMIT = 40_000
# A word with the spaces after it: whitespace alone rarely anchors a false match.
WORDS = re.compile(r"\S+\s*|\s+")
SETTINGS = [("title", _("Title")), ("decision_rule", _("Decision rule")),
            ("quorum_percent", _("Quorum (%)")),
            ("majority_percent", _("Qualified majority (%)")),
            ("notice_days", _("Minimum notice (days)")),
            ("valuation_currency", _("Valuation currency"))]
TERMS_TEXT = [("own_goals", _("Own goals")), ("interests", _("Interests")),
              ("roles", _("Roles and responsibilities"))]


def _tokens(text: str, mode: str) -> list[str]:
    text = (text or "").replace("\r\n", "\n")
    if mode == "line":
        return text.splitlines(keepends=True)
    return WORDS.findall(text)


def text_ops(old: str, new: str, mode: str = "word") -> list[dict]:
    """[{"op": "equal" | "delete" | "insert", "text": ...}] turning `old` into `new`."""
    a, b = _tokens(old, mode), _tokens(new, mode)
    ops = []
    # Exact matching costs up to len(a) * len(b); on long texts difflib's "autojunk" (ignore
    # tokens that make up over 1% of the new text) keeps repetitive input from taking minutes.
    exact = len(a) * len(b) <= EXACT_LIMIT
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=not exact)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append({"op": "equal", "text": "".join(a[i1:i2])})
            continue
        if tag in ("delete", "replace"):
            ops.append({"op": "delete", "text": "".join(a[i1:i2])})
        if tag in ("insert", "replace"):
            ops.append({"op": "insert", "text": "".join(b[j1:j2])})
    return ops


def _count(ops: list[dict], op: str, mode: str) -> int:
    texts = [o["text"] for o in ops if o["op"] == op]
    if mode == "line":
        return sum(len(t.splitlines()) or 1 for t in texts)
    return sum(len(t.split()) for t in texts)


def _text_change(name: str, title: str, old: str, new: str, mode: str) -> dict:
    changed = (old or "") != (new or "")
    ops = text_ops(old, new, mode) if changed else [{"op": "equal", "text": new or ""}]
    return {"field": name, "title": str(title), "changed": changed, "ops": ops,
            "added": _count(ops, "insert", mode), "removed": _count(ops, "delete", mode)}


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _setting_label(name: str, value) -> str:
    if name == "decision_rule":
        return str(dict(DecisionRule.choices).get(value, value))
    return _plain(value)


def commitment_line(c, currency: str) -> str:
    """One commitment as a line of text, to compare and to show."""
    kind = dict(ResourceKind.choices).get(c.kind, c.kind)
    parts = [gettext("%(kind)s: %(description)s") % {"kind": kind,
                                                      "description": c.description}]
    if c.amount is not None:
        parts.append(f"{_money(c.amount)} {c.currency}".strip())
    if c.estimated_value is not None:
        parts.append(gettext("estimated value %(value)s %(currency)s") % {
            "value": _money(c.estimated_value), "currency": currency})
    return " · ".join(parts)


def _money(value: Decimal) -> str:
    from partnering.formats import money

    return money(value)


def _settings(old, new) -> list[dict]:
    changes = []
    for name, label in SETTINGS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append({"field": name, "title": str(label),
                            "old": _setting_label(name, before),
                            "new": _setting_label(name, after)})
    return changes


def _sections(old, new, mode: str) -> list[dict]:
    sections = [_text_change(name, title, getattr(old, name), getattr(new, name), mode)
                for name, title, _help in SECTIONS]
    sections.append(_text_change("change_note", gettext("What changes and why"), old.change_note,
                                 new.change_note, mode))
    return sections


def _terms_change(org_id: int, name: str, before, after, mode: str) -> dict:
    """One organisation's terms: added, removed or kept, field by field."""
    status = ("added" if before is None else "removed" if after is None else "kept")
    fields = [_text_change(field, label, getattr(before, field, ""),
                           getattr(after, field, ""), mode) for field, label in TERMS_TEXT]
    weight_before = _plain(getattr(before, "vote_weight", None))
    weight_after = _plain(getattr(after, "vote_weight", None))
    changed = status != "kept" or weight_before != weight_after or \
        any(f["changed"] for f in fields)
    return {"organisation_id": org_id, "organisation": name, "status": status,
            "changed": changed, "fields": fields,
            "vote_weight": {"old": weight_before, "new": weight_after,
                            "changed": weight_before != weight_after}}


def _terms(old, new, names: dict, mode: str) -> list[dict]:
    """Per organisation in either version (by name); fills `names` (id → name)."""
    old_terms = {t.organisation_id: t for t in old.member_terms.all()}
    new_terms = {t.organisation_id: t for t in new.member_terms.all()}
    names.update({t.organisation_id: str(t.organisation)
                  for t in [*old_terms.values(), *new_terms.values()]})
    order = sorted(names, key=lambda org_id: names[org_id].lower())
    return [_terms_change(org_id, names[org_id], old_terms.get(org_id),
                          new_terms.get(org_id), mode) for org_id in order]


def _commitment_lines(version, names: dict) -> dict:
    by_org = {}
    for c in version.commitments.all():
        by_org.setdefault(c.organisation_id, []).append(
            commitment_line(c, version.valuation_currency))
        names.setdefault(c.organisation_id, str(c.organisation))
    return by_org


def _commitments(old, new, names: dict) -> list[dict]:
    old_lines, new_lines = _commitment_lines(old, names), _commitment_lines(new, names)
    commitments = []
    for org_id in sorted(set(old_lines) | set(new_lines), key=lambda o: names[o].lower()):
        before = sorted(old_lines.get(org_id, []))
        after = sorted(new_lines.get(org_id, []))
        removed = [line for line in before if line not in after]
        added = [line for line in after if line not in before]
        commitments.append({"organisation_id": org_id, "organisation": names[org_id],
                            "changed": bool(removed or added), "removed": removed,
                            "added": added, "kept": [line for line in after if line in before]})
    return commitments


def _summary(settings, sections, terms, commitments) -> dict:
    changed_sections = [s["title"] for s in sections if s["changed"]]
    changed_terms = [t["organisation"] for t in terms if t["changed"]]
    changed_commitments = [c["organisation"] for c in commitments if c["changed"]]
    return {
        "settings": len(settings), "sections": changed_sections, "terms": changed_terms,
        "commitments": changed_commitments,
        "identical": not (settings or changed_sections or changed_terms
                          or changed_commitments),
    }


def compare(old, new, mode: str = "word") -> dict:
    """Everything that differs between versions `old` and `new` (model instances with their
    terms, commitments and organisations loaded)."""
    if mode not in MODES:
        raise ValueError(mode)
    names = {}
    settings = _settings(old, new)
    sections = _sections(old, new, mode)
    terms = _terms(old, new, names, mode)
    commitments = _commitments(old, new, names)
    return {
        "from_version": old.number, "to_version": new.number, "mode": mode,
        "summary": _summary(settings, sections, terms, commitments),
        "settings": settings, "sections": sections, "terms": terms,
        "commitments": commitments,
    }
