"""The open-data zip carries the loop metrics of public platforms' consultations, private
forums unnamed, private platforms absent."""

import datetime as dt
import io
import zipfile

import time_machine

from partnering.platforms.consultations import services as consultations
from partnering.platforms.loops import services
from tests.platforms.loops import LoopWorld
from tests.platforms.world import TODAY


@time_machine.travel(TODAY, tick=False)
class LoopOpenDataTests(LoopWorld):
    def test_it_adds_the_loop_metrics_to_the_open_data_zip(self):
        services.answer_item(self.sam, self.merged_world(), outcome="accepted")
        consultations.open_consultation(
            self.admin, self.hidden, title="Secret consultation", document="Plan",
            opens_on=dt.date(2027, 2, 1), closes_on=dt.date(2027, 2, 28),
            levels=[self.hidden_level])
        response = self.client.get("/api/v1/open-data.zip")
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        text = archive.read("consultation_loop_metrics.csv").decode()
        assert "MTF 2027–2030" in text and "St. Catherine parish" in text
        assert "Riverton CDC" not in text and "Secret consultation" not in text
        total = next(line for line in text.splitlines() if ",total," in line)
        assert ",total,,3,3,1.0," in total
