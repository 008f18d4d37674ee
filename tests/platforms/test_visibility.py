"""Private platforms and forums answer 404 to outsiders and anonymous visitors on every page
and endpoint of platforms, with every method, and lists and counts show nothing of them:
a walk of the platforms' own routes (the site's access walk knows partnerships only)."""

import json

import time_machine

from partnering.platforms.consultations import services
from partnering.platforms.forums import services as forums
from partnering.platforms.models import (
    ConsultationInvitation,
    ForumMeeting,
    ForumMembership,
    Item,
    Submission,
)
from tests.access_walker import routes
from tests.platforms.world import TODAY, PlatformWorld

OURS = ("platforms/", "forums/", "consultations/", "api/v1/platforms", "api/v1/forums",
        "api/v1/consultations", "api/v1/submissions")
LOGIN = "/accounts/login/"
MISSING = 999_999


@time_machine.travel(TODAY, tick=False)
class VisibilityWalkTests(PlatformWorld):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.secret = services.submit(cls.alice, cls.mtf, cls.cdc, text="Secret input")
        cls.hidden_consultation = services.open_consultation(
            cls.admin, cls.hidden, title="Hidden consultation", document="d",
            opens_on=TODAY.date(), closes_on=TODAY.date(), levels=[cls.hidden_level],
            sections=[("1", "One", "")])
        cls.meetings = [forums.record_forum_meeting(cls.admin, forum, date=TODAY.date(),
                                                    purpose="Secret meeting")
                        for forum in (cls.cdc, cls.hidden_forum)]
        cls.invitations = [services.create_invitation(cls.admin, consultation, forum)[0]
                           for consultation, forum in ((cls.mtf, cls.cdc),
                                                       (cls.hidden_consultation,
                                                        cls.hidden_forum))]
        from partnering.grievances.models import GrievanceHandler, Holiday

        cls.holiday = Holiday.objects.create(platform=cls.hidden, date=TODAY.date(),
                                             name="Secret holiday")
        cls.handler = GrievanceHandler.objects.create(platform=cls.hidden, user=cls.carol,
                                                      role="focal_point")
        cls.memberships = [ForumMembership.objects.get(forum=cls.cdc, person=cls.alice_person),
                           forums.add_forum_member(cls.admin, cls.hidden_forum,
                                                   person=cls.carol_person)]

    def private_ids(self):
        """The private things each parameter may name: a private forum of a public platform,
        and a private platform with its (public) forum and consultation."""
        common = {"platform_id": self.hidden.pk, "submission_id": self.secret.pk,
                  "consultation_id": self.hidden_consultation.pk,
                  "partnership_id": self.private.pk, "fmt": "csv",
                  "holiday_id": self.holiday.pk, "grievance_handler_id": self.handler.pk}
        return [{**common, "forum_id": forum.pk, "forum_meeting_id": self.meetings[n].pk,
                 "consultation_invitation_id": self.invitations[n].pk,
                 "forum_membership_id": self.memberships[n].pk}
                for n, forum in enumerate((self.cdc, self.hidden_forum))]

    def rows(self):
        return (Submission.objects.count(), Item.objects.count(),
                ForumMeeting.objects.count(), ForumMembership.objects.count(),
                ConsultationInvitation.objects.filter(revoked_at__isnull=True).count(),
                self.cdc.partnerships.count(), sorted(ForumMembership.objects.values_list(
                    "role", flat=True)))

    def our_routes(self):
        found = [r for r in routes() if r.pattern.startswith(OURS) and r.params]
        self.assertGreater(len(found), 25)
        return found

    def walk(self, anonymous: bool) -> list[str]:
        """What differs from the answer to an id that names nothing (a GET must be 404 or,
        for an anonymous visitor, the sign-in page), and no row written."""
        findings, count = [], self.rows()
        for route in self.our_routes():
            for ids in self.private_ids():
                findings += self.compare(route, ids, anonymous)
        self.assertEqual(self.rows(), count)
        return findings

    def compare(self, route, ids, anonymous) -> list[str]:
        findings, url = [], route.url(ids)
        unknown = route.url(dict.fromkeys(ids, MISSING))
        for method in ("get", "post", "patch", "delete"):
            got = self.answer(method, url, route.api)
            if method == "get" and got not in (404, 405) and not (anonymous and got == LOGIN):
                findings.append(f"GET {url}: {got}")
            elif got != self.answer(method, unknown, route.api):
                findings.append(f"{method.upper()} {url}: {got}")
        return findings

    def body(self, url) -> str:
        """A body the endpoint takes, so that a write reaches the access check."""
        item = Item.objects.filter(forum=self.cdc).first().pk
        bodies = {"forward": {"item_id": item}, "members": {"organisation_id": self.bottler.pk},
                  "merge": {"item_ids": [item, item + 1], "title": "t", "text": "t"},
                  "synthesis": {"consultation_id": self.mtf.pk, "title": "t", "text": "t"},
                  "levels": {"name": "n", "rank": 9}, "members/id": {"role": "facilitator"},
                  "meetings": {"date": "2027-02-09", "title": "t"},
                  "partnerships": {"partnership_id": self.public.pk}}
        segments = url.rstrip("/").split("/")
        last = f"{segments[-2]}/id" if segments[-1].isdigit() else segments[-1]
        return json.dumps(bodies.get(last, {}))

    def answer(self, method, url, api):
        kwargs = {"data": self.body(url), "content_type": "application/json"} if api and \
            method != "get" else {}
        response = getattr(self.client, method)(url, **kwargs)
        if response.status_code == 302 and response["Location"].startswith(LOGIN):
            return LOGIN
        return response.status_code

    def test_an_outsider_gets_404_everywhere(self):
        self.sign_in(self.olga)
        self.assertEqual(self.walk(anonymous=False), [])

    def test_an_anonymous_visitor_gets_404_or_the_sign_in_page(self):
        self.assertEqual(self.walk(anonymous=True), [])

    def test_lists_show_nothing_private(self):
        for user in (None, self.olga):
            if user:
                self.sign_in(user)
            for url in ("/platforms/", f"/platforms/{self.platform.pk}/",
                        f"/forums/{self.pdc.pk}/", f"/consultations/{self.mtf.pk}/",
                        "/api/v1/platforms", "/api/v1/forums", "/api/v1/submissions",
                        "/api/v1/consultations", f"/api/v1/consultations/{self.mtf.pk}/items"):
                content = self.client.get(url).content.decode()
                for secret in ("Riverton CDC", "Hidden platform", "Hidden forum",
                               "Secret input", "Hidden consultation", "Secret meeting"):
                    self.assertNotIn(secret, content, url)

    def test_members_and_the_secretariat_see_the_private_forum(self):
        for user in (self.alice, self.sam, self.admin):
            self.sign_in(user)
            self.assertContains(self.client.get(f"/forums/{self.cdc.pk}/"), "Secret input")
            self.assertEqual(self.client.get(f"/api/v1/forums/{self.cdc.pk}").status_code, 200)
