"""The whole log book as a PDF (fpdf2), with the agreement export's embedded font (Source
Sans Pro) so names such as “Emir Delić” render anywhere. Entries in week order, each with
its citations, addenda (with their own timestamps) and comments; then the examiner's marks.
Who may download it: partnering.brokers.access (the log book's readers only)."""

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from partnering.agreements.exports.pdf import FONT, _font_files
from partnering.brokers.logbook.rubric import CRITERIA, RUBRIC, TOTAL
from partnering.formats import local_date, local_datetime


def _pdf(title: str):
    from fpdf import FPDF

    class Pdf(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font(FONT, "I", 8)
            page = _("page %(number)s of %(total)s") % {"number": self.page_no(),
                                                         "total": "{nb}"}
            self.cell(0, 6, f"{title} · {page}", align="C")

    pdf = Pdf(format="A4")
    for style, path in _font_files().items():
        pdf.add_font(FONT, style, str(path))
    pdf.set_title(title)
    pdf.set_author("Partnering")
    pdf.set_lang(get_language() or "en")
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    return pdf


class _Out:
    def __init__(self, pdf):
        self.pdf = pdf

    def text(self, value: str, size: float = 10.5, style: str = "", gap: float = 2) -> None:
        self.pdf.set_font(FONT, style, size)
        self.pdf.multi_cell(self.pdf.epw, size * 0.5, value or "—", align="L",
                            new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)


def _entry(out: _Out, entry) -> None:
    out.text(_("Week of %(date)s") % {"date": local_date(entry.week)}, 13, "B", 1)
    status = (_("Submitted and locked on %(when)s") % {"when": local_datetime(entry.submitted_at)}
              if entry.locked else _("Draft (not submitted)"))
    out.text(status, 9, "I")
    for label, body in ((_("Aims"), entry.aims), (_("Strategies"), entry.strategies),
                        (_("What happened"), entry.happened),
                        (_("Personal reflection"), entry.reflection)):
        out.text(label, 10.5, "B", 0)
        out.text(body)
    for citation in entry.citations.all():
        out.text(_("Cites: %(label)s (%(date)s)") % {"label": citation.label,
                                                     "date": local_date(citation.event_date)}, 9)
    for addendum in entry.addenda.all():
        out.text(_("Addendum, %(when)s") % {"when": local_datetime(addendum.created)},
                 10, "B", 0)
        out.text(addendum.text)
    for note in entry.comments.all():
        out.text(f"{note.author_name} ({note.get_role_display()}), "
                 f"{local_datetime(note.created)}", 10, "BI", 0)
        out.text(note.text)


def logbook_pdf(logbook) -> bytes:
    title = _("Reflective log book of %(broker)s") % {"broker": logbook.broker.person.name}
    pdf = _pdf(title)
    out = _Out(pdf)
    out.text(title, 18, "B")
    mentor = logbook.broker.mentor
    out.text(_("Mentor: %(mentor)s · Examiner: %(examiner)s") % {
        "mentor": mentor.name if mentor else "—",
        "examiner": logbook.examiner.name if logbook.examiner else "—"}, 10, "", 4)
    for entry in logbook.entries.order_by("week").prefetch_related(
            "citations", "addenda", "comments"):
        _entry(out, entry)
    marks = {m.criterion: m for m in logbook.marks.all()}
    out.text(_("Examination"), 14, "B")
    for criterion in RUBRIC:
        row = marks.get(criterion.code)
        out.text(f"{criterion.label}: {row.mark if row else '—'} / {criterion.maximum}",
                 10.5, "B", 0)
        out.text(row.comment if row and row.comment else "")
    if marks:
        total = sum(m.mark for code, m in marks.items() if code in CRITERIA)
        out.text(_("Total: %(total)s / %(max)s") % {"total": total, "max": TOTAL}, 11, "B")
    out.text(_("Exported from Partnering on %(date)s.")
             % {"date": local_date(timezone.localdate())}, 8, "I")
    return bytes(pdf.output())
