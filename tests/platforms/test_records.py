"""A forum's records: meetings (page, form, API), partnerships linked and unlinked (a private
partnership's title never reaches those who cannot see it), invitation links revoked (a
revoked link answers as an unknown one), members' roles changed and members removed; every
change audited."""


import time_machine

from partnering.audit.models import AuditEvent
from partnering.platforms.consultations import services as consultations
from partnering.platforms.forums import services
from partnering.platforms.models import ConsultationInvitation, ForumMeeting, ForumMembership
from tests.apitest import ApiTestCase
from tests.platforms.world import TODAY, PlatformWorld


def audited(action: str) -> bool:
    return AuditEvent.objects.filter(action=action).exists()


@time_machine.travel(TODAY, tick=False)
class MeetingTests(PlatformWorld, ApiTestCase):
    def test_it_records_a_meeting_from_the_page_with_the_forums_members(self):
        self.sign_in(self.carol)
        form = self.client.get(f"/forums/{self.pdc.pk}/meetings/new/")
        self.assertContains(form, "Carol Diallo")
        self.assertNotContains(form, "Olga Outsider")
        response = self.client.post(f"/forums/{self.pdc.pk}/meetings/new/", {
            "date": "2027-02-09", "purpose": "Parish hearing on water",
            "minutes": "Agenda: water", "outcomes": "Agreed: a water chapter",
            "attendees": [self.carol_person.pk]})
        meeting = ForumMeeting.objects.get()
        self.assertRedirects(response, f"/forums/{self.pdc.pk}/meetings/{meeting.pk}/")
        self.assertEqual(list(meeting.attendees.all()), [self.carol_person])
        self.assertTrue(audited("forummeeting.created"))
        self.client.logout()
        page = self.client.get(f"/forums/{self.pdc.pk}/meetings/{meeting.pk}/")
        self.assertContains(page, "Agreed: a water chapter")
        self.assertContains(self.client.get(f"/forums/{self.pdc.pk}/"), "Parish hearing")

    def test_it_refuses_attendees_who_are_not_members(self):
        self.sign_in(self.carol)
        response = self.client.post(f"/forums/{self.pdc.pk}/meetings/new/", {
            "date": "2027-02-09", "purpose": "Hearing", "attendees": [self.olga_person.pk]})
        self.assertEqual(response.status_code, 422)
        self.assertFalse(ForumMeeting.objects.exists())

    def test_members_may_not_record_meetings(self):
        self.sign_in(self.alice)
        self.assertEqual(self.client.get(f"/forums/{self.cdc.pk}/meetings/new/").status_code,
                         403)

    def test_the_api_lists_and_records_meetings_with_strict_bodies(self):
        self.sign_in(self.sam)
        body = {"date": "2027-02-09", "title": "CDC meeting", "notes": "Agenda",
                "outcomes": "Decided", "attendee_ids": [self.alice_person.pk],
                "organisation_ids": [self.ministry.pk]}
        self.assert_status(self.post(f"/forums/{self.cdc.pk}/meetings", {**body, "x": 1}), 422)
        self.assert_status(self.post(f"/forums/{self.cdc.pk}/meetings", {
            **body, "attendee_ids": [self.olga_person.pk]}), 422)
        created = self.assert_status(self.post(f"/forums/{self.cdc.pk}/meetings", body), 201)
        self.assertEqual((created["title"], created["outcomes"]), ("CDC meeting", "Decided"))
        listed = self.assert_status(self.get(f"/forums/{self.cdc.pk}/meetings"), 200)
        self.assertEqual([m["id"] for m in listed["items"]], [created["id"]])
        for user in (None, self.olga):
            self.client.logout()
            if user:
                self.sign_in(user)
            self.assert_status(self.get(f"/forums/{self.cdc.pk}/meetings"), 404)
            self.assert_status(self.get(f"/forums/{self.cdc.pk}/meetings/{created['id']}"),
                               404)
            self.assertEqual(self.client.get(
                f"/forums/{self.cdc.pk}/meetings/{created['id']}/").status_code, 404)


@time_machine.travel(TODAY, tick=False)
class PartnershipLinkTests(PlatformWorld, ApiTestCase):
    def test_the_secretariat_links_and_unlinks_a_partnership_it_sees(self):
        self.sign_in(self.sam)
        url = f"/forums/{self.pdc.pk}/partnerships/"
        self.assertRedirects(self.client.post(url, {"partnership": self.public.pk}), url)
        self.assertContains(self.client.get(f"/forums/{self.pdc.pk}/"), "Open Sahel Water Data")
        self.assertTrue(audited("forum.partnership_linked"))
        self.client.post(f"/forums/{self.pdc.pk}/partnerships/unlink/",
                         {"partnership": self.public.pk})
        self.assertFalse(self.pdc.partnerships.exists())
        self.assertTrue(audited("forum.partnership_unlinked"))

    def test_it_may_not_link_a_partnership_the_actor_cannot_see(self):
        self.sign_in(self.sam)
        response = self.client.post(f"/forums/{self.pdc.pk}/partnerships/",
                                    {"partnership": self.private.pk})
        self.assertEqual(response.status_code, 422)
        self.assert_status(self.post(f"/forums/{self.pdc.pk}/partnerships",
                                     {"partnership_id": self.private.pk}), 422)
        self.assertFalse(self.pdc.partnerships.exists())

    def test_a_private_partnership_under_a_public_forum_stays_hidden(self):
        services.link_partnership(self.admin, self.pdc, self.private)
        for user in (None, self.olga, self.sam):
            self.client.logout()
            if user:
                self.sign_in(user)
            self.assertNotContains(self.client.get(f"/forums/{self.pdc.pk}/"),
                                   "Water for Tillabéri")
            forum = self.assert_status(self.get(f"/forums/{self.pdc.pk}"), 200)
            self.assertEqual(forum["partnership_ids"], [])
        self.sign_in(self.sam)
        self.assertNotContains(self.client.get(f"/forums/{self.pdc.pk}/partnerships/"),
                               "Water for Tillabéri")
        self.assert_status(self.delete(
            f"/forums/{self.pdc.pk}/partnerships/{self.private.pk}"), 404)
        self.sign_in(self.alice)
        self.assertContains(self.client.get(f"/forums/{self.pdc.pk}/"), "Water for Tillabéri")

    def test_the_api_links_and_unlinks_with_strict_bodies(self):
        self.sign_in(self.sam)
        url = f"/forums/{self.pdc.pk}/partnerships"
        self.assert_status(self.post(url, {"partnership_id": self.public.pk, "x": 1}), 422)
        body = self.assert_status(self.post(url, {"partnership_id": self.public.pk}), 201)
        self.assertEqual(body["partnership_ids"], [self.public.pk])
        self.assert_status(self.delete(f"{url}/{self.public.pk}"), 204)
        self.assertFalse(self.pdc.partnerships.exists())

    def test_facilitators_and_members_may_not_link(self):
        self.sign_in(self.carol)
        self.assertEqual(self.client.get(f"/forums/{self.pdc.pk}/partnerships/").status_code,
                         403)
        self.assert_status(self.post(f"/forums/{self.pdc.pk}/partnerships",
                                     {"partnership_id": self.public.pk}), 403)


@time_machine.travel(TODAY, tick=False)
class InvitationRevokeTests(PlatformWorld, ApiTestCase):
    def test_a_revoked_link_answers_as_an_unknown_one(self):
        invitation, token = consultations.create_invitation(self.carol, self.mtf, self.pdc,
                                                            label="Town meeting")
        self.assertEqual(self.client.get(f"/take-part/{token}/").status_code, 200)
        self.sign_in(self.carol)
        self.assertContains(self.client.get(f"/forums/{self.pdc.pk}/invitations/"),
                            "Town meeting")
        self.client.post(f"/forums/{self.pdc.pk}/invitations/{invitation.pk}/revoke/")
        self.assertIsNotNone(self.reload(invitation).revoked_at)
        self.assertTrue(audited("invitation.revoked"))
        self.client.logout()
        revoked, unknown = (self.client.get(f"/take-part/{t}/") for t in (token, "nope"))
        self.assertEqual((revoked.status_code, revoked.content.decode().replace(token, "nope")),
                         (unknown.status_code, unknown.content.decode()))
        posted = self.client.post(f"/take-part/{token}/", {"text": "Late", "language": "en"})
        self.assertEqual(posted.status_code, 404)

    def test_the_api_lists_and_revokes_links(self):
        invitation, _token = consultations.create_invitation(self.sam, self.mtf, self.cdc)
        self.sign_in(self.sam)
        listed = self.assert_status(self.get(f"/forums/{self.cdc.pk}/invitations"), 200)
        self.assertEqual([i["id"] for i in listed["items"]], [invitation.pk])
        url = f"/forums/{self.cdc.pk}/invitations/{invitation.pk}/revoke"
        self.assertIsNotNone(self.assert_status(self.post(url), 200)["revoked_at"])
        self.assert_status(self.post(url), 422)
        self.sign_in(self.alice)
        self.assert_status(self.get(f"/forums/{self.cdc.pk}/invitations"), 403)
        self.sign_in(self.olga)
        self.assert_status(self.post(url), 404)
        self.assertEqual(ConsultationInvitation.objects.count(), 1)


@time_machine.travel(TODAY, tick=False)
class MembershipTests(PlatformWorld, ApiTestCase):
    def membership(self, **kwargs):
        return ForumMembership.objects.get(forum=self.cdc, **kwargs)

    def test_the_secretariat_changes_a_role_and_removes_a_member_from_pages(self):
        alice = self.membership(person=self.alice_person)
        self.sign_in(self.sam)
        url = f"/forums/{self.cdc.pk}/members/{alice.pk}/"
        self.assertContains(self.client.get(f"/forums/{self.cdc.pk}/"), url)
        self.assertEqual(self.client.post(url, {"role": "facilitator"}).status_code, 302)
        self.assertEqual(self.reload(alice).role, "facilitator")
        self.assertTrue(audited("forum.role_changed"))
        self.client.post(f"{url}remove/")
        self.assertFalse(ForumMembership.objects.filter(pk=alice.pk).exists())
        self.assertTrue(audited("forum.member_removed"))
        self.sign_in(self.alice)
        self.assertEqual(self.client.get(f"/forums/{self.cdc.pk}/").status_code, 404)

    def test_the_api_changes_roles_and_removes_members(self):
        ministry = self.membership(organisation=self.ministry, person=None)
        self.sign_in(self.sam)
        url = f"/forums/{self.cdc.pk}/members/{ministry.pk}"
        self.assert_status(self.patch(url, {"role": "boss"}), 422)
        self.assert_status(self.patch(url, {"role": "member", "x": 1}), 422)
        self.assertEqual(self.assert_status(self.patch(url, {"role": "secretariat"}),
                                            200)["role"], "secretariat")
        self.assert_status(self.delete(url), 204)
        self.assertFalse(ForumMembership.objects.filter(pk=ministry.pk).exists())

    def test_members_may_not_manage_members_and_outsiders_get_404(self):
        alice = self.membership(person=self.alice_person)
        self.sign_in(self.alice)
        self.assertEqual(self.client.post(f"/forums/{self.cdc.pk}/members/{alice.pk}/remove/"
                                          ).status_code, 403)
        self.assert_status(self.delete(f"/forums/{self.cdc.pk}/members/{alice.pk}"), 403)
        self.sign_in(self.olga)
        self.assertEqual(self.client.get(f"/forums/{self.cdc.pk}/members/{alice.pk}/"
                                         ).status_code, 404)
        self.assert_status(self.patch(f"/forums/{self.cdc.pk}/members/{alice.pk}",
                                      {"role": "member"}), 404)
        self.assertTrue(ForumMembership.objects.filter(pk=alice.pk).exists())


