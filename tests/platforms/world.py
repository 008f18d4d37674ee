"""A platform world for the tests of platforms: Vision 2030 Jamaica with three levels.

- national (public): "National working group on governance", chaired by an independent
  facilitator (bob); the secretariat is the Planning Institute (person: sam)
- parish (public): "St. Catherine parish development committee" (carol facilitates)
- community (private): "Riverton CDC" under the parish committee; alice is a member and
  speaks for Sahel Water Trust; olga is an outsider
- a second private platform nobody but its secretariat sees
"""

import datetime as dt

from partnering.platforms.consultations import services as consultations
from partnering.platforms.forums import services as forums
from partnering.registry.models import Organisation
from tests.base import PartneringTestCase, make_person, make_user

TODAY = dt.datetime(2027, 2, 10, 15, 0, tzinfo=dt.UTC)


class PlatformWorld(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pioj = Organisation.objects.create(name="Planning Institute", sector="public",
                                               country="JM")
        cls.sam = make_user("sam", first_name="Sam", last_name="Secretariat")
        cls.sam_person = make_person("Sam Secretariat", cls.pioj, cls.sam)
        cls.platform = forums.create_platform(
            cls.admin, title="Vision 2030 Jamaica", visibility="public",
            time_zone="America/Jamaica", secretariat_organisations=[cls.pioj],
            secretariat_people=[cls.sam_person])
        cls.community = forums.add_level(cls.sam, cls.platform, name="Community", rank=1)
        cls.parish = forums.add_level(cls.sam, cls.platform, name="Parish", rank=2)
        cls.national = forums.add_level(cls.sam, cls.platform, name="National", rank=3)
        cls.nwg = forums.create_forum(
            cls.sam, cls.platform, level=cls.national, visibility="public",
            title="National working group on governance", chair=cls.bob_person,
            chair_is_independent=True)
        cls.pdc = forums.create_forum(
            cls.sam, cls.platform, level=cls.parish, parent=cls.nwg, visibility="public",
            title="St. Catherine parish development committee", chair=cls.carol_person)
        cls.cdc = forums.create_forum(
            cls.sam, cls.platform, level=cls.community, parent=cls.pdc,
            title="Riverton CDC", visibility="private", partnerships=[cls.private])
        forums.add_forum_member(cls.sam, cls.cdc, person=cls.alice_person)
        forums.add_forum_member(cls.sam, cls.cdc, organisation=cls.ministry)
        cls.mtf = consultations.open_consultation(
            cls.sam, cls.platform, title="MTF 2027–2030", document="Medium-Term Framework",
            opens_on=dt.date(2027, 2, 1), closes_on=dt.date(2027, 2, 28),
            levels=[cls.community, cls.parish],
            sections=[("1", "Governance", "Chapter one"), ("2", "Water", "Chapter two")])
        cls.governance, cls.water = list(cls.mtf.sections.all())
        cls.hidden = forums.create_platform(cls.admin, title="Hidden platform")
        cls.hidden_level = forums.add_level(cls.admin, cls.hidden, name="Only", rank=1)
        cls.hidden_forum = forums.create_forum(cls.admin, cls.hidden, level=cls.hidden_level,
                                               title="Hidden forum", visibility="public")
