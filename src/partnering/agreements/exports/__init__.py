"""A version of the agreement as a document: `document()` reads it once, and the DOCX
(`docx`), the PDF (`pdf`) and the printable HTML page all show that, so they say the same
thing, each with the signatures table."""

from partnering.agreements.exports.document import (
    DOCX_TYPE,
    PDF_TYPE,
    Document,
    clean,
    deliverable_rows,
    document,
    filename,
    money,
    rule_lines,
)
from partnering.agreements.exports.docx import to_docx
from partnering.agreements.exports.pdf import to_pdf

__all__ = ["DOCX_TYPE", "PDF_TYPE", "Document", "clean", "deliverable_rows", "document",
           "filename", "money", "rule_lines", "to_docx", "to_pdf"]
