"""Files on a case: a handler attaches them from the case page (the evidence-file rules:
type, content and size; five at a time), they are stored under the media storage by a random
name, listed with who gave them and named in the case's timeline; the audit trail counts
them without their names. Whoever may see the case downloads them; everyone else (members,
outsiders, another partnership's handlers, anonymous visitors) gets 404. The complainant
attaches files with an answer through the case code and secret and gets back their own files
only."""

import re
from collections import Counter
from pathlib import Path

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from partnering.audit.models import AuditEvent
from partnering.grievances import services
from partnering.grievances.models import GrievanceAttachment, GrievanceHandler
from tests.base import QueryCounting, make_user, use_temporary_media
from tests.grievances.base import NOW, GrievanceTestCase


def png(name="site-visit.png", size=20):
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + b"0" * size, "image/png")


def pdf(name="letter.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 a letter", "application/pdf")


@time_machine.travel(NOW, tick=True)
class HandlerFilesTest(QueryCounting, GrievanceTestCase):
    def setUp(self):
        self.media = use_temporary_media(self)
        self.case = self.file().grievance
        self.url = f"/grievances/{self.case.pk}/"

    def attach(self, user, *files, case=None, note=""):
        self.sign_in(user)
        return self.client.post(f"/grievances/{(case or self.case).pk}/files/",
                                {"files": list(files), "note": note})

    def test_it_gives_each_field_of_the_case_page_its_own_id(self):
        self.sign_in(self.henry)
        ids = Counter(re.findall(r'\bid="([^"]+)"', self.client.get(self.url).text))
        assert "id_attach_note" in ids and "id_note" in ids
        assert [name for name, n in ids.items() if n > 1] == []

    def test_a_handler_attaches_files_from_the_case_page_and_the_timeline_names_them(self):
        self.sign_in(self.henry)
        page = self.client.get(self.url)
        assert 'enctype="multipart/form-data"' in page.text and "Attach files" in page.text
        response = self.attach(self.henry, png(), pdf(), note="After the site visit")
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        kept = list(self.case.attachments.all())
        assert [f.name for f in kept] == ["site-visit.png", "letter.pdf"]
        assert all(not f.from_complainant and f.uploaded_by == self.henry for f in kept)
        for stored in kept:
            assert stored.file.name.startswith(f"grievances/{self.private.pk}/")
            assert "site-visit" not in stored.file.name and "letter" not in stored.file.name
            assert (Path(self.media) / stored.file.name).is_file()
        page = self.client.get(self.url).text
        assert "Henry Handler" in page and "attached files to a grievance" in page
        assert "site-visit.png, letter.pdf: After the site visit" in page
        event = AuditEvent.objects.get(action="grievance.files_attached")
        assert event.partnership_id is None and event.changes == {"files": 2}
        assert "site-visit" not in str(AuditEvent.objects.values_list()), \
            "the audit trail counts the files, it does not name them"

    def test_files_are_served_only_to_those_who_may_see_the_case(self):
        pedro = make_user("pedro")
        GrievanceHandler.objects.create(partnership=self.public, user=pedro)
        stored, = services.attach_files(self.henry, self.case, files=[pdf()])
        download = f"{self.url}files/{stored.pk}/"
        for user in (self.henry, self.fatima, self.bob, self.admin):
            self.sign_in(user)
            response = self.client.get(download)
            assert response.status_code == 200, user
            assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Cache-Control"] == "private, no-store"
        for user in (self.carol, self.alice, self.olga, pedro):
            self.sign_in(user)
            assert self.client.get(download).status_code == 404, user
        self.client.logout()
        assert self.client.get(download).status_code == 404
        other = self.file(partnership=self.public).grievance
        self.sign_in(self.admin)
        assert self.client.get(f"/grievances/{other.pk}/files/{stored.pk}/").status_code == \
            404, "a file is reached through its own case only"

    def test_a_restricted_cases_files_are_for_its_handlers_only(self):
        restricted = self.file(category="safeguarding").grievance
        stored, = services.attach_files(self.henry, restricted, files=[png()])
        download = f"/grievances/{restricted.pk}/files/{stored.pk}/"
        self.sign_in(self.bob)
        assert self.client.get(download).status_code == 404, "a steward reads no restricted case"
        self.sign_in(self.fatima)
        assert self.client.get(download).status_code == 200

    def test_the_rules_refuse_a_bad_lot_whole_and_keep_nothing(self):
        response = self.attach(self.henry, png(), SimpleUploadedFile("run.exe", b"MZ\x90\x00"))
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        assert "Attach a file of one of these types" in self.client.get(self.url).text
        fake = SimpleUploadedFile("scan.pdf", b"<html>not a pdf</html>")
        self.attach(self.henry, fake)
        self.attach(self.henry, *[png(f"p{n}.png") for n in range(6)])
        assert "Attach at most 5 files." in self.client.get(self.url).text
        with override_settings(EVIDENCE_MAX_MB=1):
            self.attach(self.henry, png(size=1024 * 1024 + 1))
        assert "larger than 1 MB" in self.client.get(self.url).text
        self.attach(self.henry)
        assert "Choose at least one file." in self.client.get(self.url).text
        assert not GrievanceAttachment.objects.exists()
        assert not list(Path(self.media).rglob("*.*")), "no file stored for a refused lot"

    def test_only_the_cases_handlers_attach_and_not_to_a_closed_case(self):
        for user in (self.bob, self.carol, self.olga):
            assert self.attach(user, png()).status_code == 404, user
        services.resolve(self.henry, self.case, outcome="not_upheld")
        self.case.refresh_from_db()
        services.confirm_closure(self.case)
        self.attach(self.henry, png())
        assert "cannot be done to a case that is closed" in self.client.get(self.url).text
        assert not GrievanceAttachment.objects.exists()

    def test_the_case_page_costs_the_same_with_more_files(self):
        services.attach_files(self.henry, self.case, files=[png()])
        self.sign_in(self.henry)
        first = self.count(self.url)
        services.attach_files(self.fatima, self.case, files=[png(), pdf(), pdf("b.pdf")])
        assert self.count(self.url) == first


@time_machine.travel(NOW, tick=True)
class ComplainantFilesTest(GrievanceTestCase):
    def setUp(self):
        use_temporary_media(self)
        self.filed = self.file()
        self.case = self.filed.grievance

    def follow(self, filed):
        self.client.post("/grievances/follow/", {"code": filed.grievance.code,
                                                 "secret": filed.secret})

    def test_the_complainant_attaches_with_an_answer_and_gets_back_their_own_only(self):
        theirs = services.attach_files(self.henry, self.case, files=[pdf("internal.pdf")])[0]
        self.follow(self.filed)
        self.client.post("/grievances/follow/case/reply/", {
            "text": "Here is the photo.", "files": [png("tap.png")]})
        mine = self.case.attachments.get(from_complainant=True)
        assert (mine.name, mine.message.text) == ("tap.png", "Here is the photo.")
        page = self.client.get("/grievances/follow/case/").text
        assert "Your files" in page and "tap.png" in page and "internal.pdf" not in page
        assert self.client.get(f"/grievances/follow/case/files/{mine.pk}/").status_code == 200
        assert self.client.get(
            f"/grievances/follow/case/files/{theirs.pk}/").status_code == 404
        event = self.case.events.get(action="grievance.files_attached", public=True)
        assert event.note == "tap.png" and event.actor is None
        self.client.post("/grievances/follow/case/leave/")
        assert self.client.get(f"/grievances/follow/case/files/{mine.pk}/").status_code == 404

    def test_another_complainant_cannot_reach_the_file(self):
        self.follow(self.filed)
        self.client.post("/grievances/follow/case/reply/", {"text": "Photo.",
                                                            "files": [png()]})
        mine = self.case.attachments.get()
        self.client.post("/grievances/follow/case/leave/")
        self.follow(self.file(description="Another case.", anonymous=True))
        assert self.client.get(f"/grievances/follow/case/files/{mine.pk}/").status_code == 404

    def test_a_refused_file_keeps_the_answer_out_too(self):
        self.follow(self.filed)
        self.client.post("/grievances/follow/case/reply/", {
            "text": "See attached.", "files": [SimpleUploadedFile("run.exe", b"MZ")]})
        assert not self.case.messages.exists() and not self.case.attachments.exists()
