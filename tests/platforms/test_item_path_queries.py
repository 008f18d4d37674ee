"""Every item's path in a list (the items API, the consultation, forum and answers pages,
the exports) costs a fixed number of queries, however many items are listed and however
deep they were merged; and the paths read the same as one item's path."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnering.platforms.consultations import items as escalation
from partnering.platforms.loops import services as loops
from tests.base import QueryCounting
from tests.platforms.loops import LoopWorld
from tests.platforms.world import TODAY

RIVERTON, PARISH, NATIONAL = ("Riverton CDC", "St. Catherine parish development committee",
                              "National working group on governance")


@time_machine.travel(TODAY, tick=False)
class ItemPathQueryTests(LoopWorld, QueryCounting):
    def grow(self, n: int) -> None:
        """n more of: two Riverton items forwarded and merged at the parish committee, that
        merged item merged again with a parish item and forwarded (merged twice, then
        answered), and an item left waiting at Riverton."""
        for _i in range(n):
            riverton = [self.item_of(self.submit("Drains")) for _j in range(2)]
            for item in riverton:
                escalation.forward_item(self.sam, item)
            once = escalation.merge_items(self.carol, self.pdc,
                                          [self.reload(i) for i in riverton],
                                          title="Drains", text="Drains")
            parish = self.item_of(self.submit("Roads", user=self.carol, forum=self.pdc))
            twice = escalation.merge_items(self.carol, self.pdc, [self.reload(once), parish],
                                           title="Drains and roads", text="Both")
            escalation.forward_item(self.carol, twice)
            loops.answer_item(self.sam, self.reload(twice), outcome="accepted")
            self.submit("Waiting")

    def count(self, url: str) -> int:
        """The queries of a GET, a streamed export's included."""
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def test_it_lists_items_with_their_paths_in_a_fixed_number_of_queries(self):
        self.sign_in(self.sam)
        mtf = self.mtf.pk
        self.assert_queries_fixed(
            f"/api/v1/consultations/{mtf}/items?limit=100", f"/consultations/{mtf}/",
            f"/forums/{self.cdc.pk}/", f"/forums/{self.pdc.pk}/answers/",
            f"/consultations/{mtf}/answers/", f"/consultations/{mtf}/export/csv/",
            f"/consultations/{mtf}/export/xlsx/")
        # session, user, consultation, its access, count, page, merged chains, steps,
        # forums the reader sees
        self.assertEqual(self.count(f"/api/v1/consultations/{mtf}/items?limit=100"), 9)

    def test_it_gives_a_twice_merged_item_the_path_of_its_first_origin(self):
        self.grow(1)
        self.sign_in(self.sam)
        items = self.client.get(f"/api/v1/consultations/{self.mtf.pk}/items").json()["items"]
        paths = {item["title"]: item["path"] for item in items}
        assert paths["Drains and roads"] == [RIVERTON, PARISH, NATIONAL]
        assert paths["Drains"] == [RIVERTON, PARISH]
        assert paths["Roads"] == [PARISH]
        assert paths["Waiting"] == [RIVERTON]
        by_item = {item["id"]: item["path"] for item in items}
        for item in escalation.Item.objects.all():
            assert [f.title for f in escalation.path_of(item)] == by_item[item.pk]

    def test_it_names_a_private_forum_as_such_to_whoever_may_not_see_it(self):
        self.grow(1)
        self.sign_in(self.carol)
        items = self.client.get(f"/api/v1/consultations/{self.mtf.pk}/items").json()["items"]
        paths = {item["title"]: item["path"] for item in items}
        assert paths["Drains and roads"] == ["a private forum", PARISH, NATIONAL]
        assert "Waiting" not in paths  # waiting at the private Riverton CDC
