"""Exports of a consultation's submissions and answers: CSV and XLSX, for the secretariat
only, anonymous input naming no one."""

import io

import time_machine
from openpyxl import load_workbook

from partnering.platforms.loops import services
from tests.platforms.loops import LoopWorld
from tests.platforms.world import TODAY


@time_machine.travel(TODAY, tick=False)
class ExportTests(LoopWorld):
    def setUp(self):
        services.answer_item(self.sam, self.merged_world(), outcome="accepted",
                             change_in_plan="A drainage programme")

    def test_it_exports_csv_with_anonymous_input_unnamed(self):
        self.sign_in(self.sam)
        response = self.client.get(f"/consultations/{self.mtf.pk}/export/csv/")
        assert response.status_code == 200
        text = b"".join(response.streaming_content).decode()
        lines = text.splitlines()
        assert len(lines) == 4
        assert "Alice Mensah" in text and "Sahel Water Trust" in text
        anonymous = next(line for line in lines if "flood our yards" in line)
        assert ",anonymous,,,," in anonymous
        assert "A drainage programme" in anonymous
        assert ("Riverton CDC → St. Catherine parish development committee → National "
                "working group on governance") in anonymous  # the path of the merged item

    def test_it_exports_xlsx(self):
        self.sign_in(self.sam)
        response = self.client.get(f"/consultations/{self.mtf.pk}/export/xlsx/")
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == "submission_id" and len(rows) == 4
        anonymous = next(r for r in rows if r[10] and "flood" in r[10])
        assert (anonymous[6], anonymous[7]) == (None, None)

    def test_it_refuses_everyone_but_the_secretariat(self):
        assert self.client.get(f"/consultations/{self.mtf.pk}/export/csv/"
                               ).status_code in (302, 403)
        for user in (self.alice, self.carol, self.olga):
            self.sign_in(user)
            assert self.client.get(f"/consultations/{self.mtf.pk}/export/csv/"
                                   ).status_code == 403
        self.sign_in(self.sam)
        assert self.client.get(f"/consultations/{self.mtf.pk}/export/pdf/").status_code == 404
