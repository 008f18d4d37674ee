"""Speaking turns on a meeting's record ({organisation id: items it spoke to}, counted from
the minutes): recorded and edited in the API and on the meeting form, refused when bad,
audited, shown on the meeting page, and counted by the power balance."""

from partnering.audit.models import AuditEvent
from partnering.governance.power.data import power_balance
from partnering.partnerships.models import Meeting
from tests.apitest import ApiTestCase


class SpeakingTurnsApiTest(ApiTestCase):
    @property
    def meetings(self) -> str:
        return f"/partnerships/{self.private.pk}/meetings"

    def payload(self, **extra) -> dict:
        return {"date": "2026-11-12", "purpose": "Steering meeting",
                "organisations": [self.trust.pk, self.ministry.pk], **extra}

    def test_it_records_speaking_turns_with_a_meeting(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.post(self.meetings, self.payload(
            speaking_turns={str(self.trust.pk): 12, str(self.ministry.pk): 0})), 201)
        assert body["speaking_turns"] == {str(self.trust.pk): 12, str(self.ministry.pk): 0}
        meeting = Meeting.objects.get(pk=body["id"])
        assert meeting.speaking_turns == {str(self.trust.pk): 12, str(self.ministry.pk): 0}
        event = self.assert_audited(meeting, "create", self.carol)
        assert event.changes["speaking_turns"][1] == meeting.speaking_turns
        speaking = power_balance(self.private).measure("speaking")
        assert speaking.part_of(self.trust.pk).share == 1.0
        assert speaking.part_of(self.ministry.pk).amount == 0

    def test_it_leaves_them_empty_when_not_counted(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.meetings, self.payload()), 201)
        assert body["speaking_turns"] == {}
        body = self.assert_status(self.get(f"{self.meetings}/{self.meeting.pk}"), 200)
        assert body["speaking_turns"] == {}
        assert not power_balance(self.private).measure("speaking").has_data

    def test_it_edits_them(self):
        self.sign_in(self.alice)
        url = f"{self.meetings}/{self.meeting.pk}"
        body = self.assert_status(self.patch(url, {"speaking_turns": {
            str(self.trust.pk): 4, str(self.ministry.pk): 2}}), 200)
        assert body["speaking_turns"] == {str(self.trust.pk): 4, str(self.ministry.pk): 2}
        event = self.assert_audited(self.meeting, "update", self.alice)
        assert set(event.changes) == {"speaking_turns"}
        body = self.assert_status(self.patch(url, {"speaking_turns": {}}), 200)
        assert body["speaking_turns"] == {}

    def test_it_refuses_bad_speaking_turns_and_changes_nothing(self):
        self.sign_in(self.alice)
        url = f"{self.meetings}/{self.meeting.pk}"
        for bad in ({str(self.trust.pk): -1}, {str(self.trust.pk): 10_001},
                    {"Sahel": 3}, {str(self.trust.pk): "many"}, [1, 2]):
            with self.assert_nothing_saved(self.meeting):
                self.assert_error(self.patch(url, {"speaking_turns": bad}), 422)
            with self.assert_nothing_saved():
                self.assert_error(self.post(self.meetings, self.payload(speaking_turns=bad)),
                                  422)

    def test_it_refuses_turns_for_organisations_not_attending(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            body = self.assert_error(self.post(self.meetings, self.payload(
                speaking_turns={str(self.bottler.pk): 3})), 422)
        assert body["errors"][0]["loc"] == ["speaking_turns"]
        assert "attending" in body["detail"]
        self.patch(f"{self.meetings}/{self.meeting.pk}",
                   {"speaking_turns": {str(self.ministry.pk): 3}})
        self.meeting.refresh_from_db()
        # Unticking a speaker without clearing its turns is refused too.
        with self.assert_nothing_saved(self.meeting):
            self.assert_error(self.patch(f"{self.meetings}/{self.meeting.pk}",
                                         {"organisations": [self.trust.pk]}), 422)

    def test_outsiders_cannot_record_them(self):
        self.sign_in(self.olga)
        with self.assert_nothing_saved(self.meeting):
            self.assert_error(self.patch(f"{self.meetings}/{self.meeting.pk}", {
                "speaking_turns": {str(self.trust.pk): 3}}), 404)


class SpeakingTurnsFormTest(ApiTestCase):
    def form_data(self, **extra) -> dict:
        return {"date": "2026-11-12", "purpose": "Steering meeting",
                "organisations": [self.trust.pk, self.ministry.pk], **extra}

    def test_the_meeting_form_asks_for_speaking_turns_per_member(self):
        self.sign_in(self.carol)
        html = self.client.get(f"/partnerships/{self.private.pk}/meetings/new/").content
        assert b"Speaking turns: Ministry of Water" in html
        assert b"Speaking turns: Sahel Water Trust" in html
        assert f'name="speaking_{self.trust.pk}"'.encode() in html

    def test_it_records_them_from_the_form(self):
        self.sign_in(self.carol)
        response = self.client.post(
            f"/partnerships/{self.private.pk}/meetings/new/",
            self.form_data(**{f"speaking_{self.trust.pk}": "9",
                              f"speaking_{self.ministry.pk}": "0"}))
        assert response.status_code == 302, response.content
        meeting = Meeting.objects.get(purpose="Steering meeting")
        assert meeting.speaking_turns == {str(self.trust.pk): 9, str(self.ministry.pk): 0}
        page = self.client.get(response["Location"]).content.decode()
        assert "Speaking turns" in page and "Ministry of Water: 0" in page

    def test_it_leaves_them_empty_when_the_fields_are_empty(self):
        self.sign_in(self.carol)
        self.client.post(f"/partnerships/{self.private.pk}/meetings/new/", self.form_data())
        assert Meeting.objects.get(purpose="Steering meeting").speaking_turns == {}

    def test_it_refuses_turns_for_an_organisation_not_ticked(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            response = self.client.post(
                f"/partnerships/{self.private.pk}/meetings/new/",
                self.form_data(organisations=[self.trust.pk],
                               **{f"speaking_{self.ministry.pk}": "3"}))
        assert response.status_code == 422  # the form again, its errors inline
        assert b"Tick this organisation as attending" in response.content
        response = self.client.post(
            f"/partnerships/{self.private.pk}/meetings/new/",
            self.form_data(**{f"speaking_{self.ministry.pk}": "-2"}))
        assert response.status_code == 422  # the form again, its errors inline
        assert not Meeting.objects.filter(purpose="Steering meeting").exists()

    def test_the_edit_form_shows_the_recorded_turns(self):
        self.meeting.speaking_turns = {str(self.trust.pk): 7}
        self.meeting.save()
        self.sign_in(self.alice)
        html = self.client.get(
            f"/partnerships/{self.private.pk}/meetings/{self.meeting.pk}/edit/").content.decode()
        assert f'name="speaking_{self.trust.pk}" value="7"' in html
        response = self.client.post(
            f"/partnerships/{self.private.pk}/meetings/{self.meeting.pk}/edit/",
            self.form_data(**{f"speaking_{self.trust.pk}": "8"}))
        assert response.status_code == 302
        self.meeting.refresh_from_db()
        assert self.meeting.speaking_turns == {str(self.trust.pk): 8}
        assert AuditEvent.objects.filter(object_id=str(self.meeting.pk),
                                         action="meeting.updated").exists()
