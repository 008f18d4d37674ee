"""Importing organisations from CSV and XLSX: the preview, the confirmation, matching, limits."""

import io
import os
import time
import zipfile
from unittest import mock

from django.core.exceptions import ValidationError

from partnering.audit.models import AuditEvent
from partnering.interop.registry.columns import KEEP_UPLOADS, MAX_BYTES, MAX_UNZIPPED
from partnering.interop.registry.parse import NOT_XLSX, read_table
from partnering.interop.registry.plan import build_plan
from partnering.interop.registry.services import confirm_upload
from partnering.interop.registry.uploads import UploadGone, load_result, preview_upload, sweep
from partnering.registry.models import Organisation
from tests.interop.registry_files import (
    ORG_HEADER,
    RegistryFilesTestCase,
    csv_bytes,
    org_row,
    upload,
    xlsx_bytes,
)


def mixed_rows():
    """Row 2 creates, 3 updates the trust, 4 is unchanged, 5-7 are rejected."""
    return [
        ORG_HEADER,
        org_row(name="Niamey Water Cooperative", acronym="NWC", identifier="GB-CHC-1234567",
                iati_type="22", country="ne", website="nwc.example.org",
                motivations="Community voice and self-determination; social_development",
                competencies="kiosk management; billing | billing", sdg_goals="6; 11"),
        org_row(name="Sahel Water Trust", mission="Safe water and sanitation for rural "
                "communities", sdg_goals="6"),
        org_row(name="Ministry of Water", iati_type="10", sector="public", country="ne"),
        org_row(name="Bad Identifier Org", identifier="ZZ-NOPE-1", sector="private"),
        org_row(name="Goal Eighteen Org", sector="private", sdg_goals="6; 18"),
        org_row(name="Atlantis Water Board", sector="public", country="Atlantis"),
    ]


class PreviewTest(RegistryFilesTestCase):
    def test_it_previews_each_row_as_create_update_unchanged_or_rejected_with_reasons(self):
        _, plan = self.preview(self.admin, mixed_rows())
        rows = self.by_row(plan)
        assert plan.counts == {"create": 1, "update": 1, "unchanged": 1, "rejected": 3}
        assert rows[2]["action"] == "create"
        created = {c["field"]: c["new"] for c in rows[2]["changes"]}
        assert created["country"] == "NE"
        assert created["website"] == "https://nwc.example.org"
        assert created["motivations"] == "community_voice; social_development"
        assert created["competencies"] == "kiosk management; billing"
        assert rows[3]["action"] == "update"
        assert rows[3]["object_id"] == self.trust.pk
        assert {(c["field"], c["old"], c["new"]) for c in rows[3]["changes"]} == {
            ("mission", "Safe water for rural communities",
             "Safe water and sanitation for rural communities"),
            ("sdg_goals", "", "6")}
        assert rows[4] == {"row": 4, "action": "unchanged", "name": "Ministry of Water",
                           "object_id": self.ministry.pk, "changes": [], "reasons": []}
        # The registry's own messages, as the forms show them.
        assert rows[5]["reasons"] == [{
            "field": "identifier",
            "message": "“ZZ-NOPE” is not a registration agency in the org-id / IATI "
                       "OrganisationRegistrationAgency list (e.g. GB-CHC, XM-DAC, US-EIN)."}]
        assert rows[6]["reasons"] == [{
            "field": "sdg_goals",
            "message": "Unknown SDG code: 18. Goals are 1 to 17; targets look like 4.1 or 17.b."}]
        assert rows[7]["reasons"] == [{
            "field": "country", "message": "Use an ISO 3166 country code, e.g. KE or JM."}]

    def test_it_writes_nothing_when_previewing(self):
        before = (Organisation.objects.count(), AuditEvent.objects.count())
        mission = self.trust.mission
        self.preview(self.admin, mixed_rows())
        assert (Organisation.objects.count(), AuditEvent.objects.count()) == before
        assert self.reload(self.trust).mission == mission
        assert list(self.reload(self.trust).sdg_goals.all()) == []

    def test_it_previews_an_xlsx_exactly_like_the_csv(self):
        _, from_csv = self.preview(self.admin, mixed_rows())
        _, from_xlsx = self.preview(self.admin, mixed_rows(), name="registry.xlsx")
        assert from_xlsx.format == "xlsx"
        assert from_xlsx.as_dict()["rows"] == from_csv.as_dict()["rows"]

    def test_it_reads_numbers_typed_into_xlsx_cells_as_codes(self):
        rows = [ORG_HEADER, org_row(name="Typed Numbers Org", iati_type=22, sdg_goals=6)]
        _, plan = self.preview(self.admin, rows, name="numbers.xlsx")
        row = self.by_row(plan)[2]
        assert row["action"] == "create", row
        assert {c["field"]: c["new"] for c in row["changes"]}["iati_type"] == "22"

    def test_it_rejects_what_the_registry_form_would_reject(self):
        rows = [ORG_HEADER,
                org_row(name="x" * 201, sector="public"),
                org_row(name="No Sector Org"),
                org_row(name="Bad Site", sector="public", website="http://"),
                org_row(name="Targets Org", sector="public", sdg_goals="6.1"),
                org_row(name="Odd Sector", sector="government"),
                org_row(name="Odd Motive", sector="public", motivations="profit")]
        _, plan = self.preview(self.admin, rows)
        reasons = {n: [(r["field"], r["message"]) for r in row["reasons"]]
                   for n, row in self.by_row(plan).items()}
        assert reasons[2] == [("name", "Ensure this value has at most 200 characters "
                                       "(it has 201).")]
        assert reasons[3] == [("sector", "This field cannot be blank.")]
        assert reasons[4] == [("website", "Enter a valid URL.")]
        assert reasons[5] == [("sdg_goals", "Organisations list SDG goals (1–17), not targets.")]
        assert reasons[6][0][0] == "sector" and "“government” is not one of" in reasons[6][0][1]
        assert reasons[7][0][0] == "motivations"
        assert reasons[7][0][1].startswith("Unknown choice: profit")

    def test_it_rejects_every_row_that_describes_the_same_organisation(self):
        rows = [ORG_HEADER,
                org_row(name="Twin One", identifier="GB-CHC-555", sector="public"),
                org_row(name="Twin Two", identifier="gb-chc-555", sector="public"),
                org_row(name="Sahel Water Trust", acronym="SWT1"),
                org_row(name="sahel water trust", acronym="SWT2"),
                org_row(name="Lonely Org", sector="public")]
        _, plan = self.preview(self.admin, rows)
        rows = self.by_row(plan)
        assert [rows[n]["action"] for n in (2, 3, 4, 5, 6)] == [
            "rejected", "rejected", "rejected", "rejected", "create"]
        assert rows[2]["reasons"][-1]["message"] == (
            "Row 3 of this file also describes the organisation with the identifier "
            "GB-CHC-555; keep one.")
        assert rows[5]["reasons"][-1]["message"] == (
            "Row 4 of this file also describes “Sahel Water Trust (SWT)”; keep one.")

    def test_it_matches_by_identifier_first_then_by_a_name_that_does_not_contradict(self):
        kenya = Organisation.objects.create(name="Ministry of Health", sector="public",
                                            country="KE", identifier="XM-DAC-41122")
        jamaica = Organisation.objects.create(name="Ministry of Health", sector="public",
                                              country="JM")
        rows = [ORG_HEADER,
                org_row(name="Ministry of Health, Kenya", identifier="xm-dac-41122"),
                org_row(name="MINISTRY OF HEALTH", country="JM", acronym="MOHW"),
                org_row(name="Ministry of Health", country="GH", sector="public"),
                org_row(name="Ministry of Health", acronym="MoH")]
        _, plan = self.preview(self.admin, rows)
        rows = self.by_row(plan)
        assert (rows[2]["action"], rows[2]["object_id"]) == ("update", kenya.pk)
        assert rows[2]["changes"] == [{"field": "name", "old": "Ministry of Health",
                                       "new": "Ministry of Health, Kenya"}]
        assert (rows[3]["action"], rows[3]["object_id"]) == ("update", jamaica.pk)
        assert rows[4]["action"] == "create"  # another country's ministry
        assert rows[5]["action"] == "rejected"
        assert "2 organisations in the registry are called" in rows[5]["reasons"][0]["message"]

    def test_it_leaves_fields_alone_for_empty_cells_and_missing_columns(self):
        self.trust.sdg_goals.set([6])
        rows = [["Name", "Acronym", "SDG goals"], ["Sahel Water Trust", "", ""]]
        _, plan = self.preview(self.admin, rows)
        assert plan.rows[0].action == "unchanged"

    def test_it_matches_headers_in_any_case_and_reports_unknown_columns(self):
        rows = [["NAME", "Identifier", "SDG goals", "iati-type", "Favourite colour"],
                ["Sahel Water Trust", "", "6", "22", "blue"]]
        _, plan = self.preview(self.admin, rows)
        assert plan.columns == ["name", "identifier", "iati_type", "sdg_goals"]
        assert plan.unknown_columns == ["Favourite colour"]
        assert plan.rows[0].action == "update"

    def test_it_takes_off_the_exports_formula_guard(self):
        rows = [ORG_HEADER, org_row(name="'=Equals Co", sector="private",
                                    mission="'- a mission that starts with a dash")]
        _, plan = self.preview(self.admin, rows)
        created = {c["field"]: c["new"] for c in plan.as_dict()["rows"][0]["changes"]}
        assert created["name"] == "=Equals Co"
        assert created["mission"] == "- a mission that starts with a dash"


class ReadingFilesTest(RegistryFilesTestCase):
    ROWS = [ORG_HEADER, org_row(name="Bihać Women's Network", sector="civil_society",
                                country="BA", mission="Safe houses; legal aid, counselling",
                                competencies="legal aid; counselling")]

    def plan_of(self, data: bytes, name="registry.csv"):
        return build_plan(self.admin, read_table(
            "organisations", name, data)).as_dict()["rows"]

    def test_it_reads_commas_semicolons_tabs_with_or_without_a_byte_order_mark(self):
        expected = self.plan_of(csv_bytes(self.ROWS))
        assert expected[0]["action"] == "create"
        for delimiter in (",", ";", "\t"):
            for bom in (False, True):
                with self.subTest(delimiter=delimiter, bom=bom):
                    data = csv_bytes(self.ROWS, delimiter=delimiter, bom=bom)
                    table = read_table("organisations", "r.csv", data)
                    assert table.delimiter == delimiter
                    assert self.plan_of(data) == expected

    def test_it_refuses_text_that_is_not_utf8_and_says_how_to_save_it(self):
        data = "name,sector\nBihać Centre,public\n".encode("cp1250")
        with self.assertRaises(ValidationError) as refused:
            read_table("organisations", "r.csv", data)
        assert "not UTF-8" in refused.exception.messages[0]
        assert "CSV UTF-8" in refused.exception.messages[0]

    def test_it_refuses_files_that_are_not_valid_xlsx(self):
        bare_zip = io.BytesIO()
        with zipfile.ZipFile(bare_zip, "w") as archive:
            archive.writestr("hello.txt", "not a workbook")
        for data in (b"name,sector\nX,public\n", bare_zip.getvalue(), b"PK\x03\x04broken",
                     xlsx_bytes(self.ROWS)[:2000]):
            with self.subTest(data=data[:20]), self.assertRaises(ValidationError) as refused:
                read_table("organisations", "r.xlsx", data)
            assert refused.exception.messages == [NOT_XLSX]

    def test_it_refuses_a_zip_bomb_before_unpacking_it(self):
        bomb = io.BytesIO()
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (MAX_UNZIPPED + 1))
        assert len(bomb.getvalue()) < MAX_BYTES
        with self.assertRaises(ValidationError) as refused:
            read_table("organisations", "bomb.xlsx", bomb.getvalue())
        assert "unpacks to more than 100 MB" in refused.exception.messages[0]

    def test_it_refuses_other_file_types(self):
        for name, expected in (("r.xls", "Old Excel .xls"), ("r.ods", "Upload a .csv or")):
            with self.subTest(name=name), self.assertRaises(ValidationError) as refused:
                read_table("organisations", name, b"whatever")
            assert expected in refused.exception.messages[0]

    def test_it_refuses_a_file_larger_than_5_mb(self):
        data = csv_bytes(self.ROWS) + b"x" * MAX_BYTES
        with self.assertRaises(ValidationError) as refused:
            preview_upload(self.admin, "organisations", upload(data))
        assert refused.exception.messages == [
            "The file is larger than 5 MB; split it into smaller files."]
        assert not os.listdir(self.media)

    def test_it_refuses_more_than_10000_rows(self):
        rows = [["name", "sector"]] + [[f"Org {i}", "public"] for i in range(10_001)]
        with self.assertRaises(ValidationError) as refused:
            read_table("organisations", "big.csv", csv_bytes(rows))
        assert refused.exception.messages == [
            "The file has more than 10,000 rows; split it into smaller files."]
        table = read_table("organisations", "ok.csv", csv_bytes(rows[:-1]))
        assert len(table.rows) == 10_000

    def test_it_refuses_a_file_without_a_name_or_identifier_column(self):
        for rows in ([["title", "sector"], ["X", "public"]], [], [["name", "Name"]]):
            with self.subTest(rows=rows), self.assertRaises(ValidationError):
                read_table("organisations", "r.csv", csv_bytes(rows))

    def test_it_skips_blank_rows_and_counts_rows_as_a_spreadsheet_shows_them(self):
        rows = [ORG_HEADER, org_row(), org_row(name="Row Three Org", sector="public")]
        table = read_table("organisations", "r.xlsx", xlsx_bytes(rows))
        assert [number for number, _ in table.rows] == [3]


class ConfirmTest(RegistryFilesTestCase):
    def test_it_writes_the_valid_rows_in_one_transaction_with_audit_events(self):
        token, _ = self.preview(self.admin, mixed_rows())
        events = AuditEvent.objects.count()
        plan = confirm_upload(self.admin, token)
        assert plan.counts == {"create": 1, "update": 1, "unchanged": 1, "rejected": 3}
        cooperative = Organisation.objects.get(identifier="GB-CHC-1234567")
        assert cooperative.sector == "civil_society"  # from IATI type 22
        assert cooperative.competencies == ["kiosk management", "billing"]
        assert sorted(g.number for g in cooperative.sdg_goals.all()) == [6, 11]
        trust = self.reload(self.trust)
        assert trust.mission == "Safe water and sanitation for rural communities"
        assert [g.number for g in trust.sdg_goals.all()] == [6]
        assert not Organisation.objects.filter(name__in=[
            "Bad Identifier Org", "Goal Eighteen Org", "Atlantis Water Board"]).exists()
        assert AuditEvent.objects.count() == events + 2
        created = AuditEvent.objects.for_object(cooperative).get()
        assert (created.action, created.actor) == ("organisation.created", self.admin)
        updated = AuditEvent.objects.for_object(trust).get()
        assert updated.action == "organisation.updated"
        assert set(updated.changes) == {"mission", "sdg_goals"}
        rejected = [row for row in plan.as_dict()["rows"] if row["action"] == "rejected"]
        assert [row["row"] for row in rejected] == [5, 6, 7]
        assert all(row["reasons"] for row in rejected)

    def test_it_rolls_back_everything_when_the_import_fails(self):
        token, _ = self.preview(self.admin, mixed_rows())
        count = Organisation.objects.count()
        with mock.patch("partnering.registry.services.update_organisation",
                        side_effect=RuntimeError("disk full")), \
                self.assertRaises(RuntimeError):
            confirm_upload(self.admin, token)
        assert Organisation.objects.count() == count

    def test_it_checks_the_file_again_when_confirming(self):
        rows = [ORG_HEADER,
                org_row(name="Tillabéri Water Users", identifier="GB-CHC-777", sector="community"),
                org_row(name="Far Away Foundation", acronym="FAF")]
        self.olga_person.is_organisation_admin = True
        self.olga_person.save()
        token, preview = self.preview(self.olga, rows)
        assert [row.action for row in preview.rows] == ["create", "update"]
        # Meanwhile: someone registers the identifier, and olga loses her admin rights.
        already = Organisation.objects.create(name="Tillaberi WUA", identifier="GB-CHC-777",
                                              sector="community")
        self.olga_person.is_organisation_admin = False
        self.olga_person.save()
        plan = confirm_upload(self.reload(self.olga), token)
        rows = {row.number: row for row in plan.rows}
        assert rows[2].action == "rejected"  # now an update of someone else's organisation
        assert rows[2].target == already
        assert rows[3].action == "rejected"
        assert "You may not change “Far Away Foundation”" in rows[3].reasons[0][1]
        assert Organisation.objects.filter(identifier__iexact="GB-CHC-777").count() == 1
        assert self.reload(self.elsewhere).acronym == ""

    def test_it_forgets_the_upload_once_imported_and_keeps_it_to_its_uploader(self):
        token, _ = self.preview(self.alice, mixed_rows())
        with self.assertRaises(UploadGone):
            confirm_upload(self.olga, token)
        confirm_upload(self.alice, token)
        with self.assertRaises(UploadGone):
            confirm_upload(self.alice, token)
        assert load_result(self.alice, token)["counts"]["create"] == 1
        with self.assertRaises(UploadGone):
            load_result(self.olga, token)
        for bad in ("", "../../etc/passwd", "x" * 32 + "/.."):
            with self.subTest(bad=bad), self.assertRaises(UploadGone):
                confirm_upload(self.alice, bad)

    def test_it_keeps_an_upload_for_a_day(self):
        token, _ = self.preview(self.alice, mixed_rows())
        folder = os.path.join(self.media, "registry-imports", str(self.alice.pk))
        names = os.listdir(folder)
        assert len(names) == 2 and all(name.startswith(token) for name in names)
        assert all(os.stat(os.path.join(folder, n)).st_mode & 0o077 == 0 for n in names)
        old = time.time() - KEEP_UPLOADS - 60
        for name in names:
            os.utime(os.path.join(folder, name), (old, old))
        sweep()
        with self.assertRaises(UploadGone):
            confirm_upload(self.alice, token)


class PermissionsTest(RegistryFilesTestCase):
    ROWS = [ORG_HEADER,
            org_row(name="Sahel Water Trust", acronym="SWT-NE"),
            org_row(name="Ministry of Water", iati_type="10", sector="public", country="NE"),
            org_row(name="Kollo Women's Savings Group", sector="community", country="NE")]

    def test_it_rejects_updates_one_may_not_make_and_lets_anyone_create(self):
        _, plan = self.preview(self.alice, self.ROWS)
        rows = self.by_row(plan)
        assert [rows[n]["action"] for n in (2, 3, 4)] == ["rejected", "unchanged", "create"]
        assert rows[2]["reasons"] == [{
            "field": "", "message": "You may not change “Sahel Water Trust (SWT)”: only its "
                                    "organisation admins and platform admins can."}]
        assert rows[2]["changes"] == [{"field": "acronym", "old": "SWT", "new": "SWT-NE"}]

    def test_it_lets_an_organisation_admin_update_their_organisation(self):
        self.alice_person.is_organisation_admin = True
        self.alice_person.save()
        token, plan = self.preview(self.reload(self.alice), self.ROWS)
        assert [row.action for row in plan.rows] == ["update", "unchanged", "create"]
        confirm_upload(self.reload(self.alice), token)
        assert self.reload(self.trust).acronym == "SWT-NE"
