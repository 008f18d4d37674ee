"""Pinned query counts of the platform, forum and consultation pages: the number of queries
does not grow with the forums, items, members, meetings or partnerships shown (the site's
baseline file fills parameters from the partnership world, which has no platforms)."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.platforms.consultations import services
from partnering.platforms.forums import services as forums
from tests.platforms.world import TODAY, PlatformWorld


@time_machine.travel(TODAY, tick=False)
class QueryCountTests(PlatformWorld):
    def pages(self):
        return (f"/platforms/{self.platform.pk}/", f"/forums/{self.cdc.pk}/",
                f"/forums/{self.pdc.pk}/", f"/consultations/{self.mtf.pk}/")

    def count(self, url) -> int:
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def grow(self, n: int):
        """n more forums, submissions, meetings and members."""
        for i in range(n):
            forum = forums.create_forum(self.sam, self.platform, level=self.community,
                                        parent=self.pdc, title=f"CDC {i}",
                                        visibility="public", chair=self.carol_person)
            forums.record_forum_meeting(self.sam, self.cdc, date=TODAY.date(),
                                        purpose=f"Meeting {i}",
                                        attendees=[self.alice_person])
            services.submit(self.alice, self.mtf, self.cdc, text=f"Input {i}")
            services.submit(self.carol, self.mtf, forum, text=f"Input {i}")
        if not self.cdc.partnerships.filter(pk=self.public.pk).exists():
            forums.link_partnership(self.admin, self.cdc, self.public)

    def test_pages_run_as_many_queries_however_much_they_show(self):
        self.grow(1)
        for user in (None, self.alice, self.sam):
            self.client.logout()
            if user:
                self.sign_in(user)
            before = [self.count(url) for url in self.pages() if self.visible(url, user)]
            self.grow(3)
            after = [self.count(url) for url in self.pages() if self.visible(url, user)]
            self.assertEqual(before, after, user)

    def visible(self, url, user) -> bool:
        return user is not None or str(self.cdc.pk) not in url.split("/")

    def test_pinned_counts(self):
        self.grow(2)
        self.sign_in(self.sam)
        sam = tuple(self.count(url) for url in self.pages())
        self.client.logout()
        anonymous = tuple(self.count(url) for url in self.pages()[::2])
        self.assertEqual((sam, anonymous), (PINNED_SAM, PINNED_ANONYMOUS))
        with self.assertNumQueries(PINNED_ANONYMOUS[0]):
            self.client.get(self.pages()[0])


PINNED_SAM = (8, 16, 13, 13)
PINNED_ANONYMOUS = (4, 8)
