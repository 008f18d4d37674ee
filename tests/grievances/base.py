"""A grievance world on top of the personas (tests/base.py):

- henry: grievance focal point of the private partnership, of the Sahel Water Trust (lead)
- fatima: grievance focal point too, of the Ministry of Water
- gina: the partnership's governance body (sees escalated cases)
- bob: its broker (a steward: reads cases that are not restricted)
- alice, carol: ordinary members (see no case); olga: an outsider; admin: everything
"""

import datetime as dt

from partnering.grievances import services
from partnering.grievances.models import GrievanceHandler
from tests.base import PartneringTestCase, make_person, make_user

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)  # a Monday


class GrievanceTestCase(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.henry = make_user("henry", first_name="Henry", last_name="Handler")
        cls.fatima = make_user("fatima", first_name="Fatima", last_name="Focal")
        cls.gina = make_user("gina", first_name="Gina", last_name="Governor")
        make_person("Henry Handler", cls.trust, cls.henry)
        make_person("Fatima Focal", cls.ministry, cls.fatima)
        make_person("Gina Governor", cls.elsewhere, cls.gina)
        for user, role in ((cls.henry, "focal_point"), (cls.fatima, "focal_point"),
                           (cls.gina, "governance_body")):
            GrievanceHandler.objects.create(partnership=cls.private, user=user, role=role)

    def file(self, partnership=None, **data):
        fields = {"category": "service", "severity": "standard",
                  "description": "The referral took three months.", "language": "en",
                  "complainant_name": "Amina", "complainant_contact": "+227 90 00 00 00",
                  **data}
        return services.file_grievance(partnership or self.private, **fields)
