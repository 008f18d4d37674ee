"""Pages and lists run a fixed number of queries, whatever the data size (5 or 50 rows)."""

from partnering.partnerships import services
from partnering.registry.models import Organisation, Person
from tests.base import PartneringTestCase, QueryCounting


class QueryCountTest(QueryCounting, PartneringTestCase):
    def grow(self, n: int) -> None:
        """Add n organisations (members of the private partnership, with a representative
        each), n public partnerships and n meetings."""
        for i in range(n):
            org = Organisation.objects.create(name=f"Org {n}-{i}", sector="private",
                                              iati_type="70", country="NE")
            org.sdg_goals.set([6, 9] if i % 2 else [6])
            person = Person.objects.create(name=f"Rep {n}-{i}", organisation=org)
            membership = services.add_member(self.admin, self.private, organisation=org)
            services.add_representative(self.admin, membership, person=person,
                                        has_mandate=bool(i % 2))
            services.create_partnership(self.admin, lead_organisation=org,
                                        title=f"Public {n}-{i}", visibility="public",
                                        problem_statement="A shared problem",
                                        sdg_codes=["6", "6.1"])
            services.record_meeting(self.admin, self.private, date="2026-01-01",
                                    purpose=f"Meeting {i}", organisations=[org],
                                    attendees=[person])

    def assert_fixed(self, *urls: str) -> None:
        self.sign_in(self.alice)
        self.assert_queries_fixed(*urls)

    def test_it_keeps_partnership_pages_fixed(self):
        p = self.private.pk
        self.assert_fixed(f"/partnerships/{p}/", f"/partnerships/{p}/members/",
                          f"/partnerships/{p}/lifecycle/", f"/partnerships/{p}/meetings/",
                          f"/partnerships/{p}/history/", f"/partnerships/{p}/meetings/new/")

    def test_it_keeps_directories_fixed(self):
        self.assert_fixed("/", "/partnerships/", "/directory/", "/organisations/", "/people/",
                          f"/organisations/{self.trust.pk}/")

    def test_it_keeps_api_lists_fixed(self):
        p = self.private.pk
        self.assert_fixed("/api/v1/organisations?limit=200", "/api/v1/people?limit=200",
                          "/api/v1/partnerships?limit=200", f"/api/v1/partnerships/{p}/members",
                          f"/api/v1/partnerships/{p}/meetings", f"/api/v1/partnerships/{p}/phase",
                          f"/api/v1/partnerships/{p}/history")
