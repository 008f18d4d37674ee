"""/api/v1/…/agreement/versions says which language each version is written in."""

import time_machine

from partnering.agreements.models import AgreementVersion
from tests.agreements.base import WORLD_BUILT, AgreementTestCase


@time_machine.travel(WORLD_BUILT, tick=True)
class LanguageOfVersions(AgreementTestCase):
    def test_it_gives_the_language_in_the_list_and_in_one_version(self):
        version = self.start()
        AgreementVersion.objects.filter(pk=version.pk).update(language="pt")
        self.sign_in(self.carol)
        items = self.assert_list(self.get(self.versions_path()), count=1)
        assert items[0]["language"] == "pt"
        body = self.assert_status(self.get(self.version_path(version.number)), 200)
        assert body["language"] == "pt"
