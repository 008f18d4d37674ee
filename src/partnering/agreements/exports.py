"""A version of the agreement as a document: DOCX (python-docx), PDF (fpdf2) and the
printable HTML page all read the same `document()` so they say the same thing, each with
the signatures table: who signed for which organisation and when, and who has not yet.

The PDF embeds Source Sans Pro (SIL Open Font License 1.1, from the `font-source-sans-pro`
package, whose LICENSE.txt ships beside the font files), so names such as “Emir Delić” or
“Haris Kovačević” render on any machine without system fonts.
"""

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify

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
    if value is None:
        return "—"
    return f"{value:,.2f}".removesuffix(".00")


def when(moment) -> str:
    return local_datetime(moment) if moment else ""


def rule_lines(version) -> list[str]:
    """The decision rule in plain words."""
    rule = dict(DecisionRule.choices).get(version.decision_rule, version.decision_rule)
    lines = [f"Decision rule: {rule}."]
    basis = "of the weight" if version.decision_rule == DecisionRule.WEIGHTED else \
        "of the member organisations"
    lines.append(f"Quorum: {version.quorum_percent}% {basis} must take a position for a "
                 "decision to count.")
    if version.decision_rule == DecisionRule.QUALIFIED_MAJORITY:
        lines.append(f"A proposal carries with at least {version.majority_percent}% of the "
                     "votes cast.")
    lines.append(f"Notice: a proposal stays open for positions for at least "
                 f"{version.notice_days} day{'s' if version.notice_days != 1 else ''}.")
    if version.decision_rule == DecisionRule.WEIGHTED:
        weights = weights_of(version)
        names = {t.organisation_id: str(t.organisation) for t in version.member_terms.all()}
        given = [t.vote_weight is not None for t in version.member_terms.all()]
        basis_text = ("vote weights agreed below" if any(given)
                      else "each member's share of the estimated value committed"
                      if any(w != 1 for w in weights.values()) else "equal weights")
        lines.append(f"Weights ({basis_text}): " + "; ".join(
            f"{names[org]} {weights[org].normalize():f}" for org in names) + ".")
    lines.append("Representatives without a mandate to decide may take part in discussion "
                 "but do not take positions for their organisation.")
    return lines


def document(version) -> Document:
    """Everything an export shows, read from a version loaded with `queries.detailed()`."""
    status = version.get_status_display()
    if version.status == VersionStatus.AGREED:
        note = f"Agreed on {when(version.agreed_at)}: signed by every member organisation."
    elif version.status == VersionStatus.PROPOSED:
        note = (f"Proposed for sign-off on {when(version.proposed_at)}. Not in force until "
                "every member organisation has signed.")
    elif version.status == VersionStatus.SUPERSEDED:
        note = f"Agreed on {when(version.agreed_at)}; since superseded by a later version."
    else:
        note = "Draft: not yet proposed for sign-off, not in force."
    currency = version.valuation_currency
    doc = Document(
        title=clean(version.title), partnership=clean(version.partnership.title),
        version_line=f"Version {version.number} · {status}"
        + (f" · based on version {version.based_on.number}" if version.based_on else ""),
        status_note=note, generated=when(timezone.now()),
    )
    for name, title, _ in SECTIONS:
        doc.sections.append((title, clean(getattr(version, name))))
    doc.rule = rule_lines(version)
    for t in version.member_terms.all():
        items = [("Own goals", clean(t.own_goals)), ("Interests", clean(t.interests)),
                 ("Roles and responsibilities", clean(t.roles))]
        if t.vote_weight is not None:
            items.append(("Vote weight", f"{t.vote_weight.normalize():f}"))
        doc.terms.append((clean(t.organisation), items))
    grand = Decimal(0)
    for org, items, total in commitments_by_member(version):
        grand += total
        doc.commitments.append((clean(org), [clean(commitment_line(c, currency))
                                             for c in items],
                                f"{money(total)} {currency}"))
    doc.total = f"{money(grand)} {currency}"
    doc.deliverables = deliverable_rows(version.partnership)
    for party in party_status(version):
        s = party.signature
        if s:
            who = person(s.signatory_name or s.person.name, "an authorised representative")
            if s.signatory_title:
                who += f", {s.signatory_title}"
            doc.signatures.append(SignatureRow(clean(party.organisation), clean(who),
                                               when(s.signed_at), True))
        else:
            doc.signatures.append(SignatureRow(clean(party.organisation), "Not yet signed",
                                               "", False))
    return doc


def deliverable_rows(partnership) -> list[DeliverableRow]:
    """The partnership's deliverables as they stand when exported (they belong to the
    partnership, not to one version): one query."""
    rows = []
    for d in partnership.deliverables.select_related("responsible_organisation"):
        status = d.get_status_display()
        if d.delivered_on:
            status += f" on {local_date(d.delivered_on)}"
        elif d.days_overdue:
            status += f", {d.days_overdue} day{'' if d.days_overdue == 1 else 's'} overdue"
        title = clean(d.title) + (f"\n{clean(d.description)}" if d.description.strip() else "")
        rows.append(DeliverableRow(title, clean(d.responsible_organisation) or "—",
                                   local_date(d.due_date) or "—", status))
    return rows


DELIVERABLES_HEADER = ("Deliverable", "Responsible member", "Due", "Status")
NO_DELIVERABLES = "No deliverables recorded."


def filename(version, extension: str) -> str:
    slug = slugify(version.partnership.title)
    if len(slug) > 60:
        slug = slug[:61].rsplit("-", 1)[0]
    slug = slug.strip("-") or "partnership"
    return f"agreement-{slug}-v{version.number}.{extension}"


# --- DOCX ----------------------------------------------------------------------------------

def to_docx(doc: Document) -> bytes:
    from docx import Document as Docx
    from docx.shared import Pt

    word = Docx()
    word.core_properties.title = f"{doc.title}: {doc.partnership}"[:255]
    word.core_properties.author = "Partnering"
    word.styles["Normal"].font.size = Pt(10.5)
    word.add_heading(doc.title, level=0)
    word.add_paragraph(doc.partnership).runs[0].bold = True
    word.add_paragraph(doc.version_line)
    word.add_paragraph(doc.status_note).runs[0].italic = True

    for title, text in doc.sections:
        word.add_heading(title, level=1)
        _docx_text(word, text)
    word.add_heading("Decision rule", level=1)
    for line in doc.rule:
        word.add_paragraph(line)

    word.add_heading("Member terms", level=1)
    for org, items in doc.terms:
        word.add_heading(org, level=2)
        for label, text in items:
            para = word.add_paragraph()
            para.add_run(f"{label}: ").bold = True
            para.add_run(text or "—")

    word.add_heading("Resources committed", level=1)
    table = word.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells,
                          ("Member", "Commitments", "Estimated value"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for org, lines, total in doc.commitments:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = org, "\n".join(lines) or "—", total
    cells = table.add_row().cells
    cells[0].text, cells[2].text = "All members", doc.total

    word.add_heading("Deliverables", level=1)
    if doc.deliverables:
        table = word.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, DELIVERABLES_HEADER, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in doc.deliverables:
            cells = table.add_row().cells
            for cell, text in zip(cells, (row.title, row.responsible, row.due, row.status),
                                  strict=True):
                cell.text = text
    else:
        word.add_paragraph(NO_DELIVERABLES)

    word.add_heading("Signatures", level=1)
    table = word.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Member organisation", "Signed by", "Signed on"),
                          strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in doc.signatures:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = row.organisation, row.signatory, \
            row.signed_at or "—"
    word.add_paragraph(f"Exported from Partnering on {doc.generated}.")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _docx_text(word, text: str) -> None:
    if not text:
        word.add_paragraph("—")
        return
    for block in text.split("\n\n"):
        word.add_paragraph(block)


# --- PDF -----------------------------------------------------------------------------------

def _font_files() -> dict:
    import font_source_sans_pro

    folder = Path(font_source_sans_pro.font_directory)
    return {"": folder / "SourceSansPro-Regular.ttf", "B": folder / "SourceSansPro-Bold.ttf",
            "I": folder / "SourceSansPro-It.ttf"}


def to_pdf(doc: Document) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class Pdf(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("SourceSans", "I", 8)
            self.cell(0, 6, f"{doc.title} · {doc.version_line} · page {self.page_no()}/{{nb}}",
                      align="C")

    pdf = Pdf(format="A4")
    for style, path in _font_files().items():
        pdf.add_font("SourceSans", style, str(path))
    pdf.set_title(f"{doc.title}: {doc.partnership}")
    pdf.set_author("Partnering")
    pdf.set_lang("en")
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    width = pdf.epw

    def text(value: str, size: float = 10.5, style: str = "", gap: float = 2) -> None:
        pdf.set_font("SourceSans", style, size)
        pdf.multi_cell(width, size * 0.5, value or "—", align="L", new_x="LMARGIN",
                       new_y="NEXT")
        pdf.ln(gap)

    def heading(value: str, size: float = 14) -> None:
        pdf.ln(2)
        text(value, size, "B", 1)

    text(doc.title, 20, "B")
    text(doc.partnership, 12, "B")
    text(doc.version_line, 10.5)
    text(doc.status_note, 10.5, "I", 4)
    for title, body in doc.sections:
        heading(title)
        text(body)
    heading("Decision rule")
    for line in doc.rule:
        text(line)
    heading("Member terms")
    for org, items in doc.terms:
        text(org, 12, "B", 1)
        for label, body in items:
            text(label, 10.5, "B", 0)
            text(body)
    heading("Resources committed")
    bold = FontFace(emphasis="BOLD")
    pdf.set_font("SourceSans", "", 9.5)
    with pdf.table(col_widths=(30, 50, 20), text_align="LEFT", headings_style=bold,
                   line_height=5) as table:
        table.row(("Member", "Commitments", "Estimated value"))
        for org, lines, total in doc.commitments:
            table.row((org, "\n".join(lines) or "—", total))
        table.row(("All members", "", doc.total))
    heading("Deliverables")
    if doc.deliverables:
        pdf.set_font("SourceSans", "", 9.5)
        with pdf.table(col_widths=(45, 25, 12, 18), text_align="LEFT", headings_style=bold,
                       line_height=5) as table:
            table.row(DELIVERABLES_HEADER)
            for row in doc.deliverables:
                table.row((row.title, row.responsible, row.due, row.status))
    else:
        text(NO_DELIVERABLES)
    heading("Signatures")
    pdf.set_font("SourceSans", "", 9.5)
    with pdf.table(col_widths=(35, 40, 25), text_align="LEFT", headings_style=bold,
                   line_height=5) as table:
        table.row(("Member organisation", "Signed by", "Signed on"))
        for row in doc.signatures:
            table.row((row.organisation, row.signatory, row.signed_at or "—"))
    pdf.ln(4)
    text(f"Exported from Partnering on {doc.generated}.", 8, "I")
    return bytes(pdf.output())
