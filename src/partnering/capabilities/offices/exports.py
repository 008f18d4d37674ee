"""A role profile as a Word file (python-docx) and a PDF (fpdf2, with the embedded font of
the agreement exports), for recruiting."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.capabilities.framework.models import LEVEL_NAMES
from partnering.formats import local_date


def _content(profile) -> dict:
    requirements = [(r.competency.name, f"{r.level} · {LEVEL_NAMES[r.level]}",
                     _descriptor(r)) for r in profile.requirements.select_related(
        "competency").prefetch_related("competency__levels")]
    return {"title": profile.title,
            "subtitle": _("%(series)s, grade %(grade)s") % {"series": profile.series,
                                                             "grade": profile.grade},
            "office": str(profile.office) if profile.office_id else _("Template"),
            "purpose": profile.purpose, "duties": profile.responsibility_lines,
            "requirements": requirements,
            "generated": _("Exported from Partnering on %(date)s.") % {
                "date": local_date(timezone.localdate())}}


def _descriptor(requirement) -> str:
    for level in requirement.competency.levels.all():
        if level.level == requirement.level:
            return level.in_practice
    return ""


def HEADER() -> tuple:  # noqa: N802 - the table's header, translated when called
    return (_("Competency"), _("Required level"), _("What it looks like in practice"))


def to_docx(profile) -> bytes:
    from docx import Document as Docx

    doc = _content(profile)
    word = Docx()
    word.core_properties.title = doc["title"][:255]
    word.core_properties.author = "Partnering"
    word.add_heading(doc["title"], level=0)
    word.add_paragraph(doc["subtitle"])
    word.add_paragraph(doc["office"])
    word.add_heading(_("Purpose"), level=1)
    word.add_paragraph(doc["purpose"])
    word.add_heading(_("Responsibilities"), level=1)
    for line in doc["duties"]:
        word.add_paragraph(line, style="List Bullet")
    word.add_heading(_("Competencies"), level=1)
    table = word.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER(), strict=True):
        cell.text = str(text)
    for row in doc["requirements"]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    word.add_paragraph(doc["generated"])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def to_pdf(profile) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    from partnering.agreements.exports.pdf import FONT, _font_files

    doc = _content(profile)
    pdf = FPDF(format="A4")
    for style, path in _font_files().items():
        pdf.add_font(FONT, style, str(path))
    pdf.set_title(doc["title"])
    pdf.set_author("Partnering")
    pdf.set_margins(18, 18, 18)
    pdf.add_page()

    def text(value, size=10.5, style="", gap=2):
        pdf.set_font(FONT, style, size)
        pdf.multi_cell(pdf.epw, size * 0.5, value or "—", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    text(doc["title"], 20, "B")
    text(doc["subtitle"], 12, "B")
    text(doc["office"])
    text(_("Purpose"), 14, "B", 1)
    text(doc["purpose"])
    text(_("Responsibilities"), 14, "B", 1)
    for line in doc["duties"]:
        text(f"• {line}", gap=0.5)
    text(_("Competencies"), 14, "B", 1)
    pdf.set_font(FONT, "", 9.5)
    with pdf.table(col_widths=(30, 20, 50), text_align="LEFT", line_height=5,
                   headings_style=FontFace(emphasis="BOLD")) as table:
        table.row([str(h) for h in HEADER()])
        for row in doc["requirements"]:
            table.row(row)
    pdf.ln(4)
    text(doc["generated"], 8, "I")
    return bytes(pdf.output())
