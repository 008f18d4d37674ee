"""The reflective log book: weekly entries locked once submitted (later thoughts are
addenda), citing only events of the partnerships the broker brokers, commented by the
mentor, marked by the examiner, exported as PDF; private to the broker, their mentor, the
examiner and platform admins on every surface."""

from datetime import date
from decimal import Decimal

import time_machine
from django.core.exceptions import ValidationError

from partnering.brokers.assignments import services as assignments
from partnering.brokers.logbook import services
from partnering.partnerships import services as partnerships
from tests.brokers.base import BrokersTestCase


@time_machine.travel("2026-12-07 10:00Z", tick=False)
class LogBookTests(BrokersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.book = services.open_logbook(cls.ruth, cls.ruth_profile)
        services.set_examiner(cls.admin, cls.book, cls.ezra_person)
        assignments.assign(cls.alice, cls.bosnia, cls.ruth_profile, terms_of_reference="ToR",
                           start=date(2026, 11, 1), days_per_month=Decimal("2"))
        cls.bosnia_meeting = partnerships.record_meeting(
            cls.alice, cls.bosnia, date="2026-11-20", purpose="School mediators' workshop")
        cls.entry = services.write_entry(
            cls.ruth, cls.book, week=date(2026, 11, 18), aims="Build trust",
            strategies="Listen first", happened="The ministry came late",
            reflection="I should have named the power gap")

    def url(self, suffix=""):
        return f"/logbooks/{self.book.pk}{suffix}"

    def test_it_files_an_entry_under_its_monday(self):
        assert self.entry.week == date(2026, 11, 16)

    def test_it_locks_a_submitted_entry_and_takes_later_thoughts_as_addenda(self):
        services.submit_entry(self.ruth, self.entry)
        with self.assertRaises(ValidationError) as refused:
            services.update_entry(self.ruth, self.entry, reflection="With hindsight...")
        assert "locked" in refused.exception.messages[0]
        assert "addendum" in refused.exception.messages[0]
        self.sign_in(self.ruth)
        body = self.assert_status(self.patch(self.url(f"/entries/{self.entry.pk}"),
                                             {"reflection": "With hindsight"}), 409)
        assert "Add an addendum instead" in body["detail"]
        with time_machine.travel("2026-12-09 08:30Z", tick=False):
            added = self.assert_status(self.post(self.url(f"/entries/{self.entry.pk}/addenda"),
                                                 {"text": "Later: the gap was mine too"}), 201)
        assert added["created"].startswith("2026-12-09T08:30")
        entry = self.get(self.url(f"/entries/{self.entry.pk}")).json()
        assert entry["reflection"] == "I should have named the power gap"
        assert [a["text"] for a in entry["addenda"]] == ["Later: the gap was mine too"]

    def test_it_refuses_an_edit_of_a_locked_entry_on_its_page(self):
        services.submit_entry(self.ruth, self.entry)
        self.sign_in(self.ruth)
        page = self.client.get(self.url(f"/entries/{self.entry.pk}/"))
        self.assertContains(page, "locked")
        self.assertNotContains(page, "Save the draft")
        self.client.post(self.url(f"/entries/{self.entry.pk}/"), {"reflection": "changed"})
        self.entry.refresh_from_db()
        assert self.entry.reflection == "I should have named the power gap"

    def test_it_cites_only_events_of_partnerships_the_broker_brokers(self):
        services.cite(self.ruth, self.entry, kind="meeting", object_id=self.bosnia_meeting.pk)
        with self.assertRaises(ValidationError):  # Ruth does not broker the private one
            services.cite(self.ruth, self.entry, kind="meeting", object_id=self.meeting.pk)
        self.sign_in(self.ruth)
        events = self.get(self.url("/citable-events")).json()
        assert [e["object_id"] for e in events] == [self.bosnia_meeting.pk]
        self.assert_status(self.post(self.url(f"/entries/{self.entry.pk}/citations"), {
            "kind": "meeting", "object_id": self.meeting.pk}), 422)

    def test_it_lets_the_mentor_comment_and_the_examiner_mark(self):
        self.sign_in(self.maya)
        self.assert_status(self.post(self.url(f"/entries/{self.entry.pk}/comments"),
                                     {"text": "What did the ministry need?"}), 201)
        self.assert_status(self.post(self.url("/marks"), {"criterion": "power", "mark": 15}),
                           403)
        self.sign_in(self.ezra)
        mark = self.assert_status(self.post(self.url("/marks"), {
            "criterion": "power", "mark": 15, "comment": "Good attention to power"}), 200)
        assert mark["maximum"] == 20
        self.assert_status(self.post(self.url("/marks"), {"criterion": "power", "mark": 25}),
                           422)
        self.sign_in(self.ruth)
        self.assert_status(self.post(self.url(f"/entries/{self.entry.pk}/comments"),
                                     {"text": "Me"}), 403)

    def test_it_exports_the_whole_log_book_as_pdf_to_its_readers(self):
        services.submit_entry(self.ruth, self.entry)
        services.add_addendum(self.ruth, self.entry, text="Later thought")
        for user in (self.ruth, self.maya, self.ezra, self.admin):
            self.sign_in(user)
            response = self.client.get(self.url("/logbook.pdf"))
            assert response.status_code == 200, user
            assert response.content.startswith(b"%PDF")
            assert self.get(self.url("/pdf")).status_code == 200

    def test_it_hides_the_log_book_from_everyone_else_on_page_api_and_pdf(self):
        paths = [self.url("/"), self.url(f"/entries/{self.entry.pk}/"),
                 self.url("/logbook.pdf")]
        api = [self.url(), self.url(f"/entries/{self.entry.pk}"), self.url("/pdf"),
               self.url("/citable-events")]
        for user in (self.olga, self.bob, self.alice, None):  # bob: another broker
            if user is None:
                self.client.logout()
            else:
                self.sign_in(user)
            for path in paths:
                assert self.client.get(path).status_code == 404, (user, path)
            for path in api:
                assert self.get(path).status_code in (401, 404) if user is None else \
                    self.get(path).status_code == 404, (user, path)
            assert self.client.post(self.url(f"/entries/{self.entry.pk}/comments/"),
                                    {"text": "x"}).status_code in (302, 404)
            if user is not None:
                assert self.get("/logbooks").json() == []

    def test_it_serves_the_log_book_page_in_a_fixed_number_of_queries(self):
        self.sign_in(self.ruth)
        with self.assertNumQueries(9):
            assert self.client.get(self.url("/")).status_code == 200
