"""The unfiltered partnership list reads its first page with prepared SQL: the same rows,
for every kind of viewer, as the list built through the ORM."""

from django.contrib.auth.models import AnonymousUser

from partnering.partnerships.queries import (
    PAGE_COLUMNS,
    listed_partnerships,
    partnership_list,
    partnership_rows,
)
from partnering.rows import FirstPageRows
from tests.base import PartneringTestCase


class FirstPageOfTheList(PartneringTestCase):
    def built(self, user, public_only=False):
        return partnership_rows(partnership_list(user, public_only=public_only),
                                PAGE_COLUMNS, targets=False)

    def test_it_reads_each_viewers_own_first_page(self):
        viewers = [AnonymousUser(), self.olga, self.alice, self.bob, self.carol, self.admin]
        for user in viewers:
            for public_only in (False, True):
                listed = listed_partnerships(user, PAGE_COLUMNS, targets=False,
                                             public_only=public_only)
                assert isinstance(listed, FirstPageRows)
                expected = self.built(user, public_only)
                assert listed[0:50] == expected[0:50], (user, public_only)
                assert listed[1:3] == expected[1:3]
                assert listed.count() == expected.count()

    def test_it_builds_the_query_when_filtered(self):
        listed = listed_partnerships(self.alice, PAGE_COLUMNS, targets=False, q="Sahel")
        assert not isinstance(listed, FirstPageRows)
        assert listed[0:50] == partnership_rows(partnership_list(self.alice, q="Sahel"),
                                                PAGE_COLUMNS, targets=False)[0:50]

    def test_it_tells_members_apart(self):
        mine = {row["id"] for row in listed_partnerships(self.alice)[0:50]}
        outsider = {row["id"] for row in listed_partnerships(self.olga)[0:50]}
        assert self.private.pk in mine
        assert self.private.pk not in outsider
