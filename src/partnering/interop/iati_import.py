"""The old home of the IATI importer, kept for the demo data (interop/iati_demo.py) and any
caller not yet moved: the importer is `partnering.interop.iati.importer`."""

from partnering.interop.iati.importer import IatiImporter, summary_lines

__all__ = ["IatiImporter", "summary_lines"]
