"""The call page shows two forms with an organisation field (respond, invite): each field
keeps an id of its own, so each label names its own select."""

import datetime as dt
from collections import Counter

from django.utils import timezone
from lxml import html

from partnering.discovery import services
from tests.base import PartneringTestCase


class CallPageIdsTest(PartneringTestCase):
    def test_it_gives_the_respond_and_invite_forms_distinct_ids(self):
        call = services.publish_call(
            self.alice, self.public, title="Partners for open water data", needs="A host",
            deadline=timezone.localdate() + dt.timedelta(days=20))
        self.sign_in(self.alice)  # she manages the call and can respond for her organisation
        response = self.client.get(f"/partnerships/{self.public.pk}/calls/{call.pk}/")
        page = html.fromstring(response.content)
        ids = Counter(page.xpath("//@id"))
        self.assertEqual([name for name, n in ids.items() if n > 1], [])
        for action, label in (("respond", "Responding for"), ("invite", "Organisation")):
            form = page.xpath(f"//form[contains(@action, '/{action}/')]")[0]
            select = form.xpath(".//select[@name='organisation']")[0]
            self.assertEqual(select.get("id"), f"{action}_organisation")
            labels = page.xpath(f"//label[@for='{select.get('id')}']")
            self.assertEqual([lab.text.strip() for lab in labels], [label])
