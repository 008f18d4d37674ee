"""/api/v1/partnerships/{id}/meetings: the record of who met, why, and what follows."""

import datetime as dt

import time_machine

from partnering.partnerships.models import Meeting
from tests.apitest import TOO_LONG, ApiTestCase

WORLD_BUILT = dt.datetime(2026, 10, 1, 8, 0, tzinfo=dt.UTC)
MEETING_DAY = dt.datetime(2026, 11, 12, 16, 30, tzinfo=dt.UTC)


@time_machine.travel(WORLD_BUILT, tick=True)
class MeetingsTestCase(ApiTestCase):
    @property
    def meetings(self) -> str:
        return f"/partnerships/{self.private.pk}/meetings"

    @property
    def first_meeting(self) -> str:
        return f"{self.meetings}/{self.meeting.pk}"

    def payload(self, **extra) -> dict:
        return {"date": "2026-11-12", "purpose": "Agree the roles", "location": "Niamey",
                "organisations": [self.trust.pk, self.ministry.pk, self.bottler.pk],
                "attendees": [self.alice_person.pk, self.carol_person.pk],
                "minutes": "Roles agreed; Clearwater joins as a guest.",
                "follow_ups": ["Draft the agreement (Alice, 1 Dec)", "  ", "Share the map"],
                **extra}


class ReadingMeetings(MeetingsTestCase):
    def test_it_lists_the_meetings_of_a_partnership(self):
        self.sign_in(self.carol)
        (meeting,) = self.assert_list(self.get(self.meetings), count=1)
        assert meeting["date"] == "2026-10-01"
        assert meeting["purpose"] == "First structured dialogue"
        assert set(meeting["organisations"]) == {self.trust.pk, self.ministry.pk}
        assert set(meeting["attendees"]) == {self.alice_person.pk, self.carol_person.pk}
        assert meeting["follow_ups"] == ["Share the map"]

    def test_it_shows_one_meeting(self):
        self.sign_in(self.bob)
        body = self.assert_status(self.get(self.first_meeting), 200)
        assert body["minutes"] == "We agreed the problem statement."

    def test_it_hides_the_meetings_of_a_private_partnership(self):
        self.assert_error(self.get(self.meetings), 404)
        self.assert_error(self.get(self.first_meeting), 404)
        self.sign_in(self.olga)
        self.assert_error(self.get(self.meetings), 404)
        self.assert_error(self.get(self.first_meeting), 404)

    def test_it_finds_a_meeting_only_under_its_own_partnership(self):
        self.sign_in(self.alice)
        self.assert_error(
            self.get(f"/partnerships/{self.public.pk}/meetings/{self.meeting.pk}"), 404)
        self.assert_error(self.get(f"{self.meetings}/999999"), 404)

    def test_it_lists_the_newest_meeting_first_and_pages(self):
        self.sign_in(self.alice)
        for day in ("2026-10-15", "2026-09-20"):
            self.assert_status(self.post(self.meetings, self.payload(date=day)), 201)
        items = self.assert_list(self.get(self.meetings), count=3)
        assert [m["date"] for m in items] == ["2026-10-15", "2026-10-01", "2026-09-20"]
        page = self.assert_list(self.get(self.meetings, limit=1, offset=2), count=3)
        assert page[0]["date"] == "2026-09-20"
        self.assert_error(self.get(self.meetings, limit=201), 422)


class RecordingMeetings(MeetingsTestCase):
    def test_it_lets_a_member_record_a_meeting_and_audits_it(self):
        with time_machine.travel(MEETING_DAY, tick=False):
            self.sign_in(self.carol)
            body = self.assert_status(self.post(self.meetings, self.payload()), 201)
        meeting = Meeting.objects.get(pk=body["id"])
        assert body["follow_ups"] == ["Draft the agreement (Alice, 1 Dec)", "Share the map"]
        assert set(body["organisations"]) == {self.trust.pk, self.ministry.pk,
                                              self.bottler.pk}, "guests may attend"
        assert (meeting.created_by, meeting.created) == (self.carol, MEETING_DAY)
        event = self.assert_audited(meeting, "create", actor=self.carol)
        assert event.partnership_id == self.private.pk
        assert event.created == MEETING_DAY

    def test_it_lets_the_broker_record_a_meeting(self):
        self.sign_in(self.bob)
        self.assert_status(self.post(self.meetings, {"date": "2026-11-12",
                                                     "purpose": "Check in"}), 201)

    def test_it_answers_404_to_outsiders_and_403_on_a_public_partnership(self):
        self.sign_in(self.olga)
        with self.assert_nothing_saved():
            self.assert_error(self.post(self.meetings, self.payload()), 404)
            self.assert_error(self.post(f"/partnerships/{self.public.pk}/meetings",
                                        {"date": "2026-11-12", "purpose": "Gatecrash"}), 403)

    def test_it_needs_a_signed_in_user(self):
        with self.assert_nothing_saved():
            self.assert_error(self.post(f"/partnerships/{self.public.pk}/meetings",
                                        {"date": "2026-11-12", "purpose": "Anon"}), 401)

    def test_it_refuses_a_session_write_without_csrf_but_takes_a_token(self):
        client, _ = self.csrf_client(self.carol)
        url = f"/api/v1{self.meetings}"
        with self.assert_nothing_saved():
            self.assert_error(client.post(url, self.payload(),
                                          content_type="application/json"), 403)
        self.assert_status(client.post(url, self.payload(), content_type="application/json",
                                       headers=self.bearer(self.carol)), 201)

    def test_it_refuses_bad_input_and_saves_nothing(self):
        self.sign_in(self.alice)
        bad = {
            "missing date": {k: v for k, v in self.payload().items() if k != "date"},
            "not a date": self.payload(date="next Tuesday"),
            "impossible date": self.payload(date="2026-02-30"),
            "missing purpose": {k: v for k, v in self.payload().items() if k != "purpose"},
            "empty purpose": self.payload(purpose=""),
            "oversized purpose": self.payload(purpose="p" * 301),
            "oversized minutes": self.payload(minutes=TOO_LONG),
            "oversized follow-ups": self.payload(follow_ups=["f" * 10_000] * 3),
            "unknown attendee": self.payload(attendees=[self.alice_person.pk, 999999]),
            "attendee beyond any id": self.payload(attendees=[10**30]),
            "unknown organisation": self.payload(organisations=[999999]),
            "organisation of the wrong type": self.payload(organisations=["trust"]),
            "follow-ups not a list": self.payload(follow_ups="Share the map"),
        }
        for case, payload in bad.items():
            with self.subTest(case), self.assert_nothing_saved():
                self.assert_error(self.post(self.meetings, payload), 422)


class ChangingMeetings(MeetingsTestCase):
    def test_it_lets_a_member_correct_a_meeting_record_and_audits_it(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.patch(self.first_meeting, {
            "minutes": "We agreed the problem statement and the map.",
            "attendees": [self.carol_person.pk]}), 200)
        assert body["attendees"] == [self.carol_person.pk]
        assert body["purpose"] == "First structured dialogue", "fields left out stay"
        event = self.assert_audited(self.meeting, "update", actor=self.carol)
        assert set(event.changes) == {"minutes", "attendees"}

    def test_it_refuses_a_bad_correction_and_changes_nothing(self):
        self.sign_in(self.alice)
        for payload in ({"date": "soon"}, {"purpose": ""}, {"minutes": TOO_LONG},
                        {"attendees": [999999]}, {"organisations": [999999]}):
            with self.subTest(payload=payload), self.assert_nothing_saved(self.meeting):
                self.assert_error(self.patch(self.first_meeting, payload), 422)
        assert self.meeting.attendees.count() == 2

    def test_it_forbids_outsiders_to_change_a_meeting(self):
        self.sign_in(self.olga)
        with self.assert_nothing_saved(self.meeting):
            self.assert_error(self.patch(self.first_meeting, {"purpose": "Mine"}), 404)
            self.assert_error(self.delete(self.first_meeting), 404)

    def test_it_lets_only_those_who_manage_delete_a_meeting(self):
        self.sign_in(self.carol)
        with self.assert_nothing_saved(self.meeting):
            self.assert_error(self.delete(self.first_meeting), 403)
        self.sign_in(self.alice)
        self.assert_status(self.delete(self.first_meeting), 204)
        assert not Meeting.objects.filter(pk=self.meeting.pk).exists()
        event = self.assert_audited(self.meeting, "delete", actor=self.alice)
        assert event.partnership_id == self.private.pk
