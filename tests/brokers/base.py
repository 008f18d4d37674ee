"""The brokers' world: a roster over the persona world of tests.base.

- ruth: an external broker, accredited by the Partnership Brokers Association, speaks
  Bosnian and English, works in Bosnia and Herzegovina, child protection, resolving
  conflicts, 6 days a month; listed on the public roster; mentored by Maya
- bob (the private partnership's broker): an external broker keeping a log book
- moussa: external, but staff of the Ministry of Water, a member of the private partnership
- emir: an internal broker at the Sahel Water Trust, not listed
"""

from datetime import date
from decimal import Decimal

from partnering.brokers.roster import services as roster
from partnering.partnerships import services as partnerships
from partnering.registry.models import Organisation
from tests.apitest import ApiTestCase
from tests.base import make_person, make_user


class BrokersTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ruth = make_user("ruth", first_name="Ruth", last_name="Achieng")
        cls.maya = make_user("maya", first_name="Maya", last_name="Mentor")
        cls.ezra = make_user("ezra", first_name="Ezra", last_name="Examiner")
        cls.ruth_person = make_person("Ruth Achieng", cls.brokers_org, cls.ruth)
        cls.maya_person = make_person("Maya Mentor", cls.brokers_org, cls.maya)
        cls.ezra_person = make_person("Ezra Examiner", cls.elsewhere, cls.ezra)
        cls.ruth_profile = roster.create_profile(
            cls.ruth, person=cls.ruth_person, kind="external", languages=["bs", "en"],
            countries=["BA"], sectors=["child_protection"],
            specialties=["conflict_resolution", "negotiating_agreements"],
            days_per_month=Decimal("6"), listed=True, mentor=cls.maya_person)
        roster.add_accreditation(cls.admin, cls.ruth_profile, level="Accredited Partnership "
                                 "Broker", awarded=date(2024, 3, 1), expires=date(2029, 3, 1))
        cls.bob_profile = roster.create_profile(
            cls.bob, person=cls.bob_person, kind="external", languages=["fr", "en"],
            countries=["NE"], sectors=["water_sanitation"], specialties=["health_checks"],
            days_per_month=Decimal("4"), mentor=cls.maya_person)
        cls.moussa_profile = roster.create_profile(
            cls.admin, person=cls.ministry_staff, kind="external", languages=["bs"],
            countries=["HR"], sectors=["child_protection"], days_per_month=Decimal("2"),
            listed=True)
        cls.emir_person = make_person("Emir Delić", cls.trust)
        cls.emir_profile = roster.create_profile(
            cls.admin, person=cls.emir_person, kind="internal", organisation=cls.trust,
            languages=["bs", "hr"], countries=["BA"], sectors=["education"],
            days_per_month=Decimal("3"))
        cls.bosnia = partnerships.create_partnership(
            cls.alice, lead_organisation=cls.trust, title="Roma children in school",
            problem_statement="Roma children drop out of school.", visibility="private",
            sdg_codes=["16.2", "4"], countries=["BA"], language="bs")
        cls.sarajevo = Organisation.objects.create(name="Sarajevo Child Rights Centre",
                                                   sector="civil_society", country="BA")
