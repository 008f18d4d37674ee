"""The `Document` of a version as a PDF (fpdf2).

The PDF embeds Source Sans Pro (SIL Open Font License 1.1, from the `font-source-sans-pro`
package, whose LICENSE.txt ships beside the font files), so names such as “Emir Delić” or
“Haris Kovačević” render on any machine without system fonts.
"""

from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from partnering.agreements.exports.document import (
    DELIVERABLES_HEADER,
    NO_DELIVERABLES,
    Document,
)

FONT = "SourceSans"


def _font_files() -> dict:
    import font_source_sans_pro

    folder = Path(font_source_sans_pro.font_directory)
    return {"": folder / "SourceSansPro-Regular.ttf", "B": folder / "SourceSansPro-Bold.ttf",
            "I": folder / "SourceSansPro-It.ttf"}


def _pdf(doc: Document):
    """An A4 page set with the embedded font and a footer naming the version."""
    from fpdf import FPDF

    class Pdf(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font(FONT, "I", 8)
            page = _("page %(number)s of %(total)s") % {"number": self.page_no(),
                                                         "total": "{nb}"}
            self.cell(0, 6, f"{doc.title} · {doc.version_line} · {page}", align="C")

    pdf = Pdf(format="A4")
    for style, path in _font_files().items():
        pdf.add_font(FONT, style, str(path))
    pdf.set_title(f"{doc.title}: {doc.partnership}")
    pdf.set_author("Partnering")
    pdf.set_lang(get_language() or "en")
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    return pdf


class _Writer:
    def __init__(self, pdf):
        from fpdf.fonts import FontFace

        self.pdf = pdf
        self.width = pdf.epw
        self.bold = FontFace(emphasis="BOLD")

    def text(self, value: str, size: float = 10.5, style: str = "", gap: float = 2) -> None:
        self.pdf.set_font(FONT, style, size)
        self.pdf.multi_cell(self.width, size * 0.5, value or "—", align="L", new_x="LMARGIN",
                            new_y="NEXT")
        self.pdf.ln(gap)

    def heading(self, value: str, size: float = 14) -> None:
        self.pdf.ln(2)
        self.text(value, size, "B", 1)

    def table(self, widths, header, rows) -> None:
        self.pdf.set_font(FONT, "", 9.5)
        with self.pdf.table(col_widths=widths, text_align="LEFT", headings_style=self.bold,
                            line_height=5) as table:
            table.row(header)
            for row in rows:
                table.row(row)


def to_pdf(doc: Document) -> bytes:
    pdf = _pdf(doc)
    out = _Writer(pdf)
    _front(out, doc)
    _terms(out, doc)
    out.heading(_("Resources committed"))
    out.table((30, 50, 20), (_("Member"), _("Commitments"), _("Estimated value")),
              [*((org, "\n".join(lines) or "—", total) for org, lines, total in doc.commitments),
               (_("All members"), "", doc.total)])
    out.heading(_("Deliverables"))
    if doc.deliverables:
        out.table((45, 25, 12, 18), [str(label) for label in DELIVERABLES_HEADER],
                  [(row.title, row.responsible, row.due, row.status) for row in doc.deliverables])
    else:
        out.text(str(NO_DELIVERABLES))
    out.heading(_("Signatures"))
    out.table((35, 40, 25), (_("Member organisation"), _("Signed by"), _("Signed on")),
              [(row.organisation, row.signatory, row.signed_at or "—") for row in doc.signatures])
    pdf.ln(4)
    out.text(_("Exported from Partnering on %(date)s.") % {"date": doc.generated}, 8, "I")
    return bytes(pdf.output())


def _front(out: _Writer, doc: Document) -> None:
    """The title, the status, the sections and the decision rule."""
    out.text(doc.title, 20, "B")
    out.text(doc.partnership, 12, "B")
    out.text(doc.version_line, 10.5)
    out.text(doc.status_note, 10.5, "I", 4)
    for title, body in doc.sections:
        out.heading(title)
        out.text(body)
    out.heading(_("Decision rule"))
    for line in doc.rule:
        out.text(line)


def _terms(out: _Writer, doc: Document) -> None:
    out.heading(_("Member terms"))
    for org, items in doc.terms:
        out.text(org, 12, "B", 1)
        for label, body in items:
            out.text(label, 10.5, "B", 0)
            out.text(body)
