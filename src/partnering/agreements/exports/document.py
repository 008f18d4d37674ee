"""A version of the agreement as one `Document`: what the DOCX, the PDF and the printable
HTML page all show, so they say the same thing, each with the signatures table: who signed
for which organisation and when, and who has not yet."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from partnering import formats
from partnering.agreements.diff import commitment_line
from partnering.agreements.models import SECTIONS
from partnering.agreements.queries import commitments_by_member, party_status
from partnering.agreements.services import weights_of
from partnering.agreements.vocabulary import VersionStatus
from partnering.governance.vocabulary import DecisionRule
from partnering.jinja2 import local_date, local_datetime
from partnering.visitors import person

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
# Characters a document format cannot hold (C0 controls other than tab and newline).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class SignatureRow:
    organisation: str
    signatory: str
    signed_at: str
    signed: bool


@dataclass
class DeliverableRow:
    title: str
    responsible: str
    due: str
    status: str


@dataclass
class Document:
    title: str
    partnership: str
    version_line: str
    status_note: str
    sections: list = field(default_factory=list)  # (title, text)
    rule: list = field(default_factory=list)  # lines
    terms: list = field(default_factory=list)  # (organisation, [(label, text)])
    commitments: list = field(default_factory=list)  # (organisation, [lines], total)
    total: str = ""
    deliverables: list = field(default_factory=list)  # DeliverableRow
    signatures: list = field(default_factory=list)  # SignatureRow
    generated: str = ""


def clean(text) -> str:
    return CONTROL.sub("", str(text or "")).replace("\r\n", "\n").strip()


def money(value: Decimal | None) -> str:
    """The sum in the language of the export ("—" for none)."""
    return formats.money(value)


def when(moment) -> str:
    return local_datetime(moment) if moment else ""


def rule_lines(version) -> list[str]:
    """The decision rule in plain words, in the active language."""
    rule = dict(DecisionRule.choices).get(version.decision_rule, version.decision_rule)
    lines = [gettext("Decision rule: %(rule)s.") % {"rule": rule}]
    quorum = {"percent": version.quorum_percent}
    lines.append(gettext("Quorum: %(percent)s%% of the weight must take a position for a "
                         "decision to count.") % quorum
                 if version.decision_rule == DecisionRule.WEIGHTED else
                 gettext("Quorum: %(percent)s%% of the member organisations must take a "
                         "position for a decision to count.") % quorum)
    if version.decision_rule == DecisionRule.QUALIFIED_MAJORITY:
        lines.append(gettext("A proposal carries with at least %(percent)s%% of the votes "
                             "cast.") % {"percent": version.majority_percent})
    lines.append(ngettext(
        "Notice: a proposal stays open for positions for at least %(days)s day.",
        "Notice: a proposal stays open for positions for at least %(days)s days.",
        version.notice_days) % {"days": version.notice_days})
    if version.decision_rule == DecisionRule.WEIGHTED:
        lines.append(_weights_line(version))
    lines.append(gettext("Representatives without a mandate to decide may take part in "
                         "discussion but do not take positions for their organisation."))
    return lines


def _weights_line(version) -> str:
    weights = weights_of(version)
    names = {t.organisation_id: str(t.organisation) for t in version.member_terms.all()}
    given = [t.vote_weight is not None for t in version.member_terms.all()]
    basis = (gettext("vote weights agreed below") if any(given)
             else gettext("each member's share of the estimated value committed")
             if any(w != 1 for w in weights.values()) else gettext("equal weights"))
    listed = "; ".join(f"{names[org]} {weights[org].normalize():f}" for org in names)
    return gettext("Weights (%(basis)s): %(weights)s.") % {"basis": basis, "weights": listed}


STATUS_NOTES = {
    VersionStatus.AGREED: _("Agreed on %(agreed)s: signed by every member organisation."),
    VersionStatus.PROPOSED: _("Proposed for sign-off on %(proposed)s. Not in force until "
                              "every member organisation has signed."),
    VersionStatus.SUPERSEDED: _("Agreed on %(agreed)s; since superseded by a later version."),
}
DRAFT_NOTE = _("Draft: not yet proposed for sign-off, not in force.")


def status_note(version) -> str:
    note = STATUS_NOTES.get(version.status)
    if note is None:
        return str(DRAFT_NOTE)
    return str(note) % {"agreed": when(version.agreed_at), "proposed": when(version.proposed_at)}


def _terms(version) -> list:
    terms = []
    for t in version.member_terms.all():
        items = [(gettext("Own goals"), clean(t.own_goals)),
                 (gettext("Interests"), clean(t.interests)),
                 (gettext("Roles and responsibilities"), clean(t.roles))]
        if t.vote_weight is not None:
            items.append((gettext("Vote weight"), f"{t.vote_weight.normalize():f}"))
        terms.append((clean(t.organisation), items))
    return terms


def _commitments(version) -> tuple[list, str]:
    """Each member's commitments with its total, and the total of all members."""
    currency = version.valuation_currency
    rows, grand = [], Decimal(0)
    for org, items, total in commitments_by_member(version):
        grand += total
        rows.append((clean(org), [clean(commitment_line(c, currency)) for c in items],
                     f"{money(total)} {currency}"))
    return rows, f"{money(grand)} {currency}"


def _signature_row(party) -> SignatureRow:
    s = party.signature
    if not s:
        return SignatureRow(clean(party.organisation), gettext("Not yet signed"), "", False)
    who = person(s.signatory_name or s.person.name, gettext("an authorised representative"))
    if s.signatory_title:
        who += f", {s.signatory_title}"
    return SignatureRow(clean(party.organisation), clean(who), when(s.signed_at), True)


def document(version) -> Document:
    """Everything an export shows, read from a version loaded with `queries.detailed()`."""
    line = {"n": version.number, "status": version.get_status_display()}
    version_line = gettext("Version %(n)s · %(status)s · based on version %(based_on)s") % {
        **line, "based_on": version.based_on.number} if version.based_on else \
        gettext("Version %(n)s · %(status)s") % line
    doc = Document(
        title=clean(version.title), partnership=clean(version.partnership.title),
        version_line=version_line, status_note=status_note(version),
        generated=when(timezone.now()),
    )
    doc.sections = [(str(title), clean(getattr(version, name)))
                    for name, title, _help in SECTIONS]
    doc.rule = rule_lines(version)
    doc.terms = _terms(version)
    doc.commitments, doc.total = _commitments(version)
    doc.deliverables = deliverable_rows(version.partnership)
    doc.signatures = [_signature_row(party) for party in party_status(version)]
    return doc

def deliverable_rows(partnership) -> list[DeliverableRow]:
    """The partnership's deliverables as they stand when exported (they belong to the
    partnership, not to one version): one query."""
    rows = []
    for d in partnership.deliverables.select_related("responsible_organisation"):
        status = str(d.get_status_display())
        if d.delivered_on:
            status = gettext("%(status)s on %(date)s") % {"status": status,
                                                          "date": local_date(d.delivered_on)}
        elif d.days_overdue:
            status = ngettext("%(status)s, %(days)s day overdue",
                              "%(status)s, %(days)s days overdue", d.days_overdue) % {
                "status": status, "days": d.days_overdue}
        title = clean(d.title) + (f"\n{clean(d.description)}" if d.description.strip() else "")
        rows.append(DeliverableRow(title, clean(d.responsible_organisation) or "—",
                                   local_date(d.due_date) or "—", status))
    return rows


DELIVERABLES_HEADER = (_("Deliverable"), _("Responsible member"), _("Due"), _("Status"))
NO_DELIVERABLES = _("No deliverables recorded.")


def filename(version, extension: str) -> str:
    slug = slugify(version.partnership.title)
    if len(slug) > 60:
        slug = slug[:61].rsplit("-", 1)[0]
    slug = slug.strip("-") or "partnership"
    return f"agreement-{slug}-v{version.number}.{extension}"
