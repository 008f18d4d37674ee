"""A partnerships office world for the capabilities specifications.

- World Vision Malawi's partnerships office, managed by Grace (grace), with six relationship
  managers who have accounts: Tiwonge (the person whose record is private), Chikondi (another
  office member), and four more
- Ruth (ruth) mentors Tiwonge
- olga (outsider), admin (platform admin) and the anonymous visitor from tests.base
"""

import datetime as dt

from partnering.capabilities.development import services as development
from partnering.capabilities.framework.loader import load_framework
from partnering.capabilities.offices import services as offices
from partnering.registry.models import Organisation
from tests.base import PartneringTestCase, make_person, make_user

NAMES = ["Tiwonge Mwale", "Chikondi Banda", "Kondwani Phiri", "Mphatso Jere", "Thoko Nyirenda",
         "Yamikani Chirwa"]


class OfficeTestCase(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.framework = load_framework()
        cls.wvm = Organisation.objects.create(name="World Vision Malawi", sector="civil_society",
                                              iati_type="21", country="MW")
        cls.grace = make_user("grace", first_name="Grace", last_name="Kamanga")
        cls.grace_person = make_person("Grace Kamanga", cls.wvm, cls.grace)
        cls.ruth = make_user("ruth", first_name="Ruth", last_name="Achieng")
        cls.ruth_person = make_person("Ruth Achieng", cls.brokers_org, cls.ruth)
        cls.office = offices.create_office(cls.admin, organisation=cls.wvm,
                                           name="World Vision Malawi partnerships office",
                                           manager=cls.grace_person)
        cls.people, cls.users = [], []
        for name in NAMES:
            user = make_user(name.split()[0].lower(), first_name=name.split()[0])
            person = make_person(name, cls.wvm, user)
            offices.add_member(cls.admin, cls.office, person)
            cls.people.append(person)
            cls.users.append(user)
        cls.tiwonge, cls.chikondi = cls.people[0], cls.people[1]
        cls.tiwonge_user, cls.chikondi_user = cls.users[0], cls.users[1]
        cls.pair = development.create_pair(cls.admin, mentor=cls.ruth_person,
                                           mentee=cls.tiwonge, starts=dt.date(2026, 1, 10))
        cls.plan = development.create_plan(cls.tiwonge_user, cls.tiwonge,
                                           title="Tiwonge's plan MARKER-PLAN")
        cls.goal = development.add_goal(
            cls.tiwonge_user, cls.plan, competency=cls.framework["negotiation"],
            target_level=3, current_level=2, due_date=dt.date(2026, 12, 31),
            note="MARKER-GOAL")
