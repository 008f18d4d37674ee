"""The `Document` of a version as a Word file (python-docx)."""

import io

from django.utils.translation import gettext as _

from partnering.agreements.exports.document import (
    DELIVERABLES_HEADER,
    NO_DELIVERABLES,
    Document,
)


def to_docx(doc: Document) -> bytes:
    from docx import Document as Docx
    from docx.shared import Pt

    word = Docx()
    word.core_properties.title = f"{doc.title}: {doc.partnership}"[:255]
    word.core_properties.author = "Partnering"
    word.styles["Normal"].font.size = Pt(10.5)
    _front(word, doc)
    _terms(word, doc)
    _commitments(word, doc)
    _deliverables(word, doc)
    _signatures(word, doc)
    word.add_paragraph(_("Exported from Partnering on %(date)s.") % {"date": doc.generated})
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _front(word, doc: Document) -> None:
    """The title, the status, the sections and the decision rule."""
    word.add_heading(doc.title, level=0)
    word.add_paragraph(doc.partnership).runs[0].bold = True
    word.add_paragraph(doc.version_line)
    word.add_paragraph(doc.status_note).runs[0].italic = True
    for title, text in doc.sections:
        word.add_heading(title, level=1)
        _text(word, text)
    word.add_heading(_("Decision rule"), level=1)
    for line in doc.rule:
        word.add_paragraph(line)


def _terms(word, doc: Document) -> None:
    word.add_heading(_("Member terms"), level=1)
    for org, items in doc.terms:
        word.add_heading(org, level=2)
        for label, text in items:
            para = word.add_paragraph()
            para.add_run(_("%(label)s: ") % {"label": label}).bold = True
            para.add_run(text or "—")


def _table(word, header):
    table = word.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        cell.paragraphs[0].runs[0].bold = True
    return table


def _row(table, texts) -> None:
    for cell, text in zip(table.add_row().cells, texts, strict=True):
        cell.text = text


def _commitments(word, doc: Document) -> None:
    word.add_heading(_("Resources committed"), level=1)
    table = _table(word, (_("Member"), _("Commitments"), _("Estimated value")))
    for org, lines, total in doc.commitments:
        _row(table, (org, "\n".join(lines) or "—", total))
    cells = table.add_row().cells
    cells[0].text, cells[2].text = _("All members"), doc.total


def _deliverables(word, doc: Document) -> None:
    word.add_heading(_("Deliverables"), level=1)
    if not doc.deliverables:
        word.add_paragraph(str(NO_DELIVERABLES))
        return
    table = _table(word, DELIVERABLES_HEADER)
    for row in doc.deliverables:
        _row(table, (row.title, row.responsible, row.due, row.status))


def _signatures(word, doc: Document) -> None:
    word.add_heading(_("Signatures"), level=1)
    table = _table(word, (_("Member organisation"), _("Signed by"), _("Signed on")))
    for row in doc.signatures:
        _row(table, (row.organisation, row.signatory, row.signed_at or "—"))


def _text(word, text: str) -> None:
    if not text:
        word.add_paragraph("—")
        return
    for block in text.split("\n\n"):
        word.add_paragraph(block)
