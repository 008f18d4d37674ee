"""Files on a case through /api/v1/grievances/{code}/files, as on the case page: whoever may
see the case lists and downloads them; its handlers attach them (multipart, the evidence-file
rules, five at a time, twenty a case, a refused lot stores nothing); everyone else —
members, outsiders, another partnership's handlers, a steward on a restricted case — gets
404. The complainant, with the secret, lists and downloads the files they gave (never the
handlers') and answers with files. Multipart bodies are as strict as JSON ones."""

from pathlib import Path

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from partnering.audit.models import AuditEvent
from partnering.grievances import services
from partnering.grievances.models import GrievanceAttachment, GrievanceHandler
from tests.base import make_user, use_temporary_media
from tests.grievances.base import NOW, GrievanceTestCase
from tests.grievances.test_case_files import pdf, png

API = "/api/v1/grievances"


@time_machine.travel(NOW, tick=True)
class HandlerFilesApiTest(GrievanceTestCase):
    def setUp(self):
        self.media = use_temporary_media(self)
        self.case = self.file().grievance
        self.url = f"{API}/{self.case.code}/files"

    def attach(self, user, *files, case=None, **fields):
        self.sign_in(user)
        url = f"{API}/{case.code}/files" if case else self.url
        return self.client.post(url, {"files": list(files), **fields})

    def test_a_handler_attaches_files_and_lists_them(self):
        response = self.attach(self.henry, png(), pdf(), note="After the site visit")
        assert response.status_code == 201, response.content
        kept = list(self.case.attachments.all())
        assert [row["name"] for row in response.json()] == ["site-visit.png", "letter.pdf"]
        assert all(not f.from_complainant and f.uploaded_by == self.henry for f in kept)
        assert all((Path(self.media) / f.file.name).is_file() for f in kept)
        event = self.case.events.get(action="grievance.files_attached")
        assert (event.note, event.public) == ("site-visit.png, letter.pdf: After the site "
                                              "visit", False)
        assert AuditEvent.objects.get(action="grievance.files_attached").changes == {
            "files": 2}
        listed = self.client.get(self.url).json()
        assert listed == response.json()
        assert listed[0] == {
            "id": kept[0].pk, "name": "site-visit.png", "size": kept[0].size,
            "at": listed[0]["at"], "download": f"{self.url}/{kept[0].pk}",
            "from_complainant": False, "uploaded_by_id": self.henry.pk}

    def test_files_are_served_only_to_those_who_may_see_the_case(self):
        pedro = make_user("pedro")
        GrievanceHandler.objects.create(partnership=self.public, user=pedro)
        stored, = services.attach_files(self.henry, self.case, files=[pdf()])
        download = f"{self.url}/{stored.pk}"
        for user in (self.henry, self.fatima, self.bob, self.admin):
            self.sign_in(user)
            assert [row["id"] for row in self.client.get(self.url).json()] == [stored.pk]
            response = self.client.get(download)
            assert response.status_code == 200, user
            assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Cache-Control"] == "private, no-store"
        for user in (self.carol, self.alice, self.olga, pedro):
            self.sign_in(user)
            assert self.client.get(self.url).status_code == 404, user
            assert self.client.get(download).status_code == 404, user
        self.client.logout()
        assert self.client.get(self.url).status_code == 404
        assert self.client.get(download).status_code == 404
        other = self.file(partnership=self.public).grievance
        self.sign_in(self.admin)
        assert self.client.get(f"{API}/{other.code}/files/{stored.pk}").status_code == 404, \
            "a file is reached through its own case only"

    def test_a_restricted_cases_files_are_for_its_handlers_only(self):
        restricted = self.file(category="safeguarding").grievance
        stored, = services.attach_files(self.henry, restricted, files=[png()])
        url = f"{API}/{restricted.code}/files"
        self.sign_in(self.bob)
        assert self.client.get(url).status_code == 404, "a steward reads no restricted case"
        assert self.client.get(f"{url}/{stored.pk}").status_code == 404
        self.sign_in(self.fatima)
        assert self.client.get(f"{url}/{stored.pk}").status_code == 200

    def test_only_the_cases_handlers_attach_and_not_to_a_closed_case(self):
        for user in (self.bob, self.carol, self.olga):
            assert self.attach(user, png()).status_code == 404, user
        self.client.logout()
        assert self.client.post(self.url, {"files": [png()]}).status_code == 401
        services.resolve(self.henry, self.case, outcome="not_upheld")
        self.case.refresh_from_db()
        services.confirm_closure(self.case)
        response = self.attach(self.henry, png())
        assert response.status_code == 422
        assert "cannot be done to a case that is closed" in response.json()["detail"]
        assert not GrievanceAttachment.objects.exists()

    def test_the_rules_refuse_a_bad_lot_whole_and_keep_nothing(self):
        def refused(*files):
            response = self.attach(self.henry, *files)
            assert response.status_code == 422, response.content
            return response.json()["detail"]

        assert "Attach a file of one of these types" in refused(
            png(), SimpleUploadedFile("run.exe", b"MZ\x90\x00"))
        refused(SimpleUploadedFile("scan.pdf", b"<html>not a pdf</html>"))
        assert "Attach at most 5 files." in refused(*[png(f"p{n}.png") for n in range(6)])
        with override_settings(EVIDENCE_MAX_MB=1):
            assert "larger than 1 MB" in refused(png(size=1024 * 1024 + 1))
        assert "Choose at least one file." in refused()
        assert not GrievanceAttachment.objects.exists()
        assert not list(Path(self.media).rglob("*.*")), "no file stored for a refused lot"

    def test_a_case_takes_twenty_files(self):
        for lot in range(4):
            services.attach_files(self.henry, self.case,
                                  files=[png(f"{lot}-{n}.png") for n in range(5)])
        response = self.attach(self.henry, pdf())
        assert response.status_code == 422
        assert "as many files as it can take" in response.json()["detail"]
        assert self.case.attachments.count() == 20

    def test_the_multipart_body_is_strict(self):
        response = self.attach(self.henry, png(), colour="red")
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["colour"]
        response = self.client.post(self.url, {"file": png()})
        assert response.status_code == 422 and "file" in response.json()["detail"]
        assert self.attach(self.henry, png(), note="x" * 301).status_code == 422
        response = self.client.post(self.url, {"files": "not a file"})
        assert response.status_code == 422, "text where the files go"
        response = self.attach(self.henry, png(), note=SimpleUploadedFile("n.txt", b"x"))
        assert response.status_code == 422, "a file where the note goes"
        assert not GrievanceAttachment.objects.exists()


@time_machine.travel(NOW, tick=True)
class ComplainantFilesApiTest(GrievanceTestCase):
    def setUp(self):
        use_temporary_media(self)
        self.filed = self.file()
        self.case = self.filed.grievance
        self.url = f"{API}/{self.case.code}"
        self.secret = {"X-Grievance-Secret": self.filed.secret}

    def reply(self, text, *files, **fields):
        return self.client.post(f"{self.url}/replies/with-files",
                                {"text": text, "files": list(files), **fields},
                                headers=self.secret)

    def test_the_complainant_answers_with_files_and_gets_back_their_own_only(self):
        theirs, = services.attach_files(self.henry, self.case, files=[pdf("internal.pdf")])
        response = self.reply("Here is the photo.", png("tap.png"))
        assert response.status_code == 200, response.content
        assert response.json()["messages"][-1]["text"] == "Here is the photo."
        assert response.json()["id"] is None, "the complainant gets no handler fields"
        mine = self.case.attachments.get(from_complainant=True)
        assert (mine.name, mine.message.text) == ("tap.png", "Here is the photo.")
        listed = self.client.get(f"{self.url}/files", headers=self.secret).json()
        assert listed == [{"id": mine.pk, "name": "tap.png", "size": mine.size,
                           "at": listed[0]["at"], "download": f"{self.url}/files/{mine.pk}",
                           "from_complainant": None, "uploaded_by_id": None}]
        download = self.client.get(f"{self.url}/files/{mine.pk}", headers=self.secret)
        assert download.status_code == 200
        assert download["Content-Disposition"] == 'attachment; filename="tap.png"'
        assert self.client.get(f"{self.url}/files/{theirs.pk}",
                               headers=self.secret).status_code == 404
        event = self.case.events.get(action="grievance.files_attached", public=True)
        assert event.note == "tap.png" and event.actor is None

    def test_the_secret_may_come_in_the_form(self):
        response = self.client.post(f"{self.url}/replies/with-files", {
            "text": "Photo.", "files": [png()], "secret": self.filed.secret})
        assert response.status_code == 200, response.content
        assert self.case.attachments.count() == 1

    def test_without_the_right_secret_nothing_is_reached(self):
        self.reply("Photo.", png())
        mine = self.case.attachments.get()
        other = self.file(description="Another case.", anonymous=True)
        wrong = {"X-Grievance-Secret": other.secret}
        assert self.client.get(f"{self.url}/files", headers=wrong).status_code == 404
        assert self.client.get(f"{self.url}/files/{mine.pk}", headers=wrong).status_code == 404
        assert self.client.get(f"{API}/{other.grievance.code}/files/{mine.pk}",
                               headers=wrong).status_code == 404, "through its own case only"
        assert self.client.post(f"{self.url}/replies/with-files", {"text": "Hi"},
                                headers=wrong).status_code == 404
        assert self.client.get(f"{self.url}/files/{mine.pk}").status_code == 404, \
            "an anonymous visitor without the secret"

    def test_a_refused_file_keeps_the_answer_out_too(self):
        response = self.reply("See attached.", SimpleUploadedFile("run.exe", b"MZ"))
        assert response.status_code == 422
        assert self.reply("Six.", *[png(f"p{n}.png") for n in range(6)]).status_code == 422
        assert self.reply("Photo.", png(), colour="red").status_code == 422
        assert self.reply("Photo.", files="not a file").status_code == 422
        assert not self.case.messages.exists() and not self.case.attachments.exists()

    def test_an_answer_without_files_is_an_answer(self):
        assert self.reply("It is the green tap.").status_code == 200
        assert self.case.messages.get().text == "It is the green tap."
        assert not self.case.attachments.exists()
