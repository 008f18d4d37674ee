"""The unsearched organisation list reads its first page with prepared SQL: the same rows,
signed in or not, as the list built through the ORM."""

from django.contrib.auth.models import AnonymousUser

from partnering.registry.models import Organisation
from partnering.registry.queries import PAGE_COLUMNS, listed_organisations, organisation_rows
from partnering.rows import FirstPageRows
from tests.base import PartneringTestCase

WITH_JSON_AND_DATES = ["id", "name", "acronym", "sector", "country", "motivations", "created"]


class FirstPageOfTheRegistry(PartneringTestCase):
    def built(self, user, columns, **search):
        return organisation_rows(Organisation.objects.visible_to(user).search(**search),
                                 columns)

    def test_it_reads_the_same_first_page_as_the_orm(self):
        for user in (AnonymousUser(), self.olga, self.admin):
            for columns in (PAGE_COLUMNS, WITH_JSON_AND_DATES):
                listed = listed_organisations(user, columns)
                assert isinstance(listed, FirstPageRows)
                expected = self.built(user, columns)
                assert listed[0:3] == expected[0:3]
                assert listed[2:4] == expected[2:4]
                assert listed.count() == expected.count() == Organisation.objects.count()

    def test_it_builds_the_query_when_searched(self):
        listed = listed_organisations(self.olga, PAGE_COLUMNS, text="Sahel", country="NE")
        assert not isinstance(listed, FirstPageRows)
        assert listed[0:50] == self.built(self.olga, PAGE_COLUMNS, text="Sahel",
                                          country="NE")[0:50]
