"""The models of platforms hold the loop's shape: levels by rank, forums under forums, and
an anonymous submission that names no one."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError

from partnering.platforms.models import (
    Consultation,
    Forum,
    ForumLevel,
    Platform,
    Submission,
)
from tests.base import PartneringTestCase


class ModelTests(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.platform = Platform.objects.create(title="Vision 2030 Jamaica", slug="vision-2030",
                                               time_zone="America/Jamaica")
        cls.community = ForumLevel.objects.create(platform=cls.platform, name="CDC", rank=1)
        cls.parish = ForumLevel.objects.create(platform=cls.platform, name="PDC", rank=2)
        cls.pdc = Forum.objects.create(platform=cls.platform, level=cls.parish,
                                       title="St. Catherine PDC")
        cls.cdc = Forum.objects.create(platform=cls.platform, level=cls.community,
                                       parent=cls.pdc, title="Riverton CDC")

    def test_it_refuses_a_forum_above_on_a_lower_level(self):
        forum = Forum(platform=self.platform, level=self.parish, parent=self.cdc, title="X")
        with self.assertRaises(ValidationError):
            forum.clean()

    def test_it_refuses_an_unknown_time_zone(self):
        platform = Platform(title="P", slug="p", time_zone="Mars/Olympus")
        with self.assertRaises(ValidationError):
            platform.full_clean()

    def test_it_refuses_an_anonymous_submission_with_a_name(self):
        consultation = Consultation.objects.create(
            platform=self.platform, title="MTF", document="MTF 2027–2030",
            opens_on=datetime.date(2027, 1, 1), closes_on=datetime.date(2027, 2, 1),
            answer_deadline=datetime.date(2027, 3, 3))
        with self.assertRaises(IntegrityError):
            Submission.objects.create(consultation=consultation, forum=self.cdc,
                                      level=self.community, text="t", anonymous=True,
                                      name="Someone")
