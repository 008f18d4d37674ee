"""The example file linked from the import page, against the demo registry."""

import shutil
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from partnering.interop.registry.uploads import preview_upload
from partnering.platform import demo

SAMPLE = (Path(__file__).resolve().parents[2] / "src" / "partnering" / "platform"
          / "demo_data" / "organisations_sample.csv")


class SampleFileTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load_demo()
        cls.users = {user.username: user for user in get_user_model().objects.all()}

    def setUp(self):
        media = tempfile.mkdtemp(prefix="partnering-media-")
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        override = self.settings(MEDIA_ROOT=media)
        override.enable()
        self.addCleanup(override.disable)

    def preview(self, username: str):
        upload = SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes())
        return preview_upload(self.users[username], "organisations", upload)[1]

    def test_it_updates_demo_organisations_creates_others_and_rejects_one_row(self):
        plan = self.preview("admin")
        assert len(plan.rows) == 10
        assert plan.counts == {"create": 6, "update": 3, "unchanged": 0, "rejected": 1}
        actions = {row.name: row.action for row in plan.rows}
        assert actions["Oxfam GB"] == actions["University of Nairobi"] == "update"
        bad = next(row for row in plan.rows if row.action == "rejected")
        assert bad.name == "Sarajevo Youth Council"
        assert {field for field, _ in bad.reasons} == {"country", "sdg_goals"}

    def test_it_shows_an_outsider_which_updates_are_not_theirs_to_make(self):
        plan = self.preview("outsider")
        assert plan.counts == {"create": 6, "update": 0, "unchanged": 0, "rejected": 4}
