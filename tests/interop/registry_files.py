"""Files and settings shared by the registry import/export tests."""

import csv
import io
import shutil
import tempfile

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from partnering.interop.registry.columns import COLUMNS, ORGANISATIONS, PEOPLE
from partnering.interop.registry.uploads import preview_upload
from tests.base import PartneringTestCase

ORG_HEADER = COLUMNS[ORGANISATIONS]
PEOPLE_HEADER = COLUMNS[PEOPLE]


def csv_bytes(rows, delimiter=",", bom=False) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "registry.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def org_row(**cells) -> list[str]:
    return [cells.get(column, "") for column in ORG_HEADER]


def person_row(**cells) -> list[str]:
    return [cells.get(column, "") for column in PEOPLE_HEADER]


class RegistryFilesTestCase(PartneringTestCase):
    """Uploads go to a temporary MEDIA_ROOT."""

    def setUp(self):
        super().setUp()
        media = tempfile.mkdtemp(prefix="partnering-media-")
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        override = self.settings(MEDIA_ROOT=media)
        override.enable()
        self.addCleanup(override.disable)
        self.media = media

    def preview(self, user, rows, kind="organisations", name="registry.csv", data=None):
        data = data if data is not None else (
            xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows))
        return preview_upload(user, kind, upload(data, name))

    @staticmethod
    def by_row(plan) -> dict[int, dict]:
        return {row["row"]: row for row in plan.as_dict()["rows"]}
