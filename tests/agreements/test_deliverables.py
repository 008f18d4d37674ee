"""Deliverables of the agreement: what the partnership commits to deliver, who is responsible
and by when, recorded by the stewards, with the indicators that show their progress; on the
agreement page, in the exports and in the API."""

import datetime as dt
import io

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from pypdf import PdfReader

from partnering.agreements import services
from partnering.agreements.models import Deliverable
from partnering.audit.models import AuditEvent
from partnering.monitoring import services as monitoring
from partnering.monitoring.models import Indicator
from partnering.partnerships import services as partnerships
from partnering.partnerships.models import Partnership
from tests.agreements.base import WORLD_BUILT, AgreementTestCase

TODAY = WORLD_BUILT.date()


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


class DeliverableTestCase(AgreementTestCase):
    @staticmethod
    def counts() -> dict:
        counts = AgreementTestCase.counts()
        for model in (Deliverable, Indicator):
            counts[model._meta.label] = model.objects.count()
        return counts

    def deliverable(self, actor=None, partnership=None, **data) -> Deliverable:
        data = {"title": "Forty boreholes repaired", "responsible_organisation": self.ministry,
                "due_date": day(90), **data}
        return services.create_deliverable(actor or self.alice, partnership or self.private,
                                           **data)

    def indicator(self, deliverable=None, partnership=None, **data) -> Indicator:
        data = {"name": "Boreholes working", "unit": "boreholes", "baseline_value": 12,
                "baseline_date": "2026-01-01",
                "targets": [{"value": 40, "date": "2027-12-31"}], **data}
        indicator = monitoring.create_indicator(self.alice, partnership or self.private,
                                                deliverable=deliverable, **data)
        return indicator


@time_machine.travel(WORLD_BUILT, tick=False)
class RecordingDeliverables(DeliverableTestCase):
    def test_it_lets_every_steward_record_a_deliverable_with_its_audit_record(self):
        for n, steward in enumerate((self.alice, self.bob, self.admin)):
            made = self.deliverable(steward, title=f"Deliverable {n}")
            event = self.assert_audited(made, "create", steward)
            assert event.partnership_id == self.private.pk
            assert f"Deliverable {n}" in event.summary
        assert list(self.private.deliverables.values_list("position", flat=True)) == [0, 1, 2]
        made = self.reload(made)
        assert (made.status, made.delivered_on, made.responsible_organisation) == (
            "planned", None, self.ministry)

    def test_it_refuses_members_who_are_not_stewards_and_outsiders(self):
        mine = self.deliverable()
        for user in (self.carol, self.olga):
            with self.assert_nothing_saved(mine):
                for write in (lambda u: self.deliverable(u),
                              lambda u: services.update_deliverable(u, mine, title="Mine"),
                              lambda u: services.set_deliverable_status(u, mine,
                                                                        status="dropped"),
                              lambda u: services.delete_deliverable(u, mine)):
                    with self.assertRaises(PermissionDenied):
                        write(user)

    def test_it_refuses_a_responsible_organisation_that_is_not_a_member(self):
        with self.assert_nothing_saved():
            with self.assertRaises(ValidationError) as refused:
                self.deliverable(responsible_organisation=self.elsewhere)
        assert "must be a member" in refused.exception.message_dict[
            "responsible_organisation"][0]
        made = self.deliverable(responsible_organisation=None)
        with self.assert_nothing_saved(made):
            with self.assertRaises(ValidationError):
                services.update_deliverable(self.alice, made,
                                            responsible_organisation=self.elsewhere.pk)

    def test_it_refuses_due_dates_that_make_no_sense(self):
        Partnership.objects.filter(pk=self.private.pk).update(start_date=day(-100))
        self.private.refresh_from_db()
        cases = [({"due_date": day(365 * 40)}, "due_date", "years ahead"),
                 ({"due_date": day(-101)}, "due_date", "before the partnership started"),
                 ({"due_date": "next week"}, "due_date", "YYYY-MM-DD"),
                 ({"title": "   "}, "title", "what will be delivered"),
                 ({"status": "late"}, "status", "planned, in_progress"),
                 ({"status": "delivered", "delivered_on": day(1)}, "delivered_on", "future"),
                 ({"status": "planned", "delivered_on": day(-1)}, "delivered_on",
                  "Only a delivered deliverable")]
        for data, field, text in cases:
            with self.subTest(data=data), self.assert_nothing_saved():
                with self.assertRaises(ValidationError) as refused:
                    self.deliverable(**data)
                assert text in refused.exception.message_dict[field][0], refused.exception
        assert self.deliverable(due_date=day(-30)).days_overdue == 30, "late is allowed"

    def test_it_sets_the_delivery_date_when_delivered_and_clears_it_otherwise(self):
        made = self.deliverable()
        services.set_deliverable_status(self.alice, made, status="delivered")
        assert (made.status, made.delivered_on) == ("delivered", TODAY)
        event = self.audit_for(made, "update").first()
        assert event.changes["status"] == ["planned", "delivered"]
        assert "delivered on 2026-10-01" in event.summary
        services.update_deliverable(self.alice, made, title="Forty boreholes working")
        assert self.reload(made).delivered_on == TODAY, "a later edit keeps the date"
        services.set_deliverable_status(self.alice, made, status="in_progress")
        assert self.reload(made).delivered_on is None
        services.set_deliverable_status(self.alice, made, status="delivered",
                                        delivered_on=day(-3))
        assert self.reload(made).delivered_on == day(-3)

    def test_it_marks_a_deliverable_overdue_until_it_is_delivered_or_dropped(self):
        late = self.deliverable(due_date=day(-5))
        on_time = self.deliverable(title="Later", due_date=day(5))
        undated = self.deliverable(title="Some day", due_date=None)
        assert (late.days_overdue, on_time.days_overdue, undated.days_overdue) == (5, 0, 0)
        assert list(Deliverable.objects.overdue()) == [late]
        services.set_deliverable_status(self.alice, late, status="dropped")
        assert late.days_overdue == 0 and not Deliverable.objects.overdue().exists()

    def test_it_removes_a_deliverable_and_keeps_its_indicators_unlinked(self):
        made = self.deliverable()
        indicator = self.indicator(made)
        assert indicator.deliverable == made
        pk = made.pk
        services.delete_deliverable(self.alice, made)
        assert not Deliverable.objects.filter(pk=pk).exists()
        assert self.reload(indicator).deliverable is None
        event = AuditEvent.objects.get(object_type="agreements.deliverable", object_id=str(pk),
                                       action="deliverable.deleted")
        assert "1 indicator(s) unlinked" in event.summary
        assert event.actor == self.alice and event.partnership_id == self.private.pk

    def test_it_keeps_the_deliverables_when_a_new_version_is_agreed(self):
        version = self.agree(self.ready())
        made = self.deliverable()
        services.update_version(self.alice, version, kpis="New KPIs")
        assert list(self.private.deliverables.all()) == [made]

    def test_it_refuses_changes_once_the_partnership_is_closed(self):
        made = self.deliverable()
        partnerships.close_partnership(self.alice, self.private, outcome="closed",
                                       reason="Done")
        self.private.refresh_from_db()
        made.partnership = self.private
        with self.assert_nothing_saved(made):
            with self.assertRaises(ValidationError):
                services.set_deliverable_status(self.alice, made, status="delivered")


@time_machine.travel(WORLD_BUILT, tick=True)
class DeliverablesApi(DeliverableTestCase):
    def list_url(self, partnership=None) -> str:
        return f"/partnerships/{(partnership or self.private).pk}/deliverables"

    def test_it_records_reads_changes_and_removes_a_deliverable(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.post(self.list_url(), {
            "title": "Forty boreholes repaired", "responsible_organisation_id": self.ministry.pk,
            "due_date": "2026-12-31", "description": "In Tillabéri region"}), 201)
        assert (body["status"], body["responsible_organisation_name"], body["due_date"],
                body["days_overdue"], body["indicators"]) == (
            "planned", "Ministry of Water", "2026-12-31", 0, [])
        made = Deliverable.objects.get(pk=body["id"])
        indicator = self.indicator(made)
        monitoring.report_measurement(self.alice, indicator, period_start="2026-01-01",
                                      period_end="2026-06-30", value=26)
        items = self.assert_list(self.get(self.list_url()), 1)
        assert items[0]["indicators"] == [{
            "id": indicator.pk, "name": "Boreholes working", "unit": "boreholes",
            "progress": 0.5, "latest_value": "26", "latest_date": "2026-06-30"}]
        one = self.assert_status(self.get(f"/deliverables/{made.pk}"), 200)
        assert one == items[0]
        body = self.assert_status(self.patch(f"/deliverables/{made.pk}",
                                             {"status": "delivered"}), 200)
        assert (body["status"], body["delivered_on"]) == ("delivered", TODAY.isoformat())
        body = self.assert_status(self.patch(f"/deliverables/{made.pk}", {
            "responsible_organisation_id": None, "description": None}), 200)
        assert (body["responsible_organisation_id"], body["description"], body["status"]) == (
            None, "", "delivered")
        self.assert_status(self.delete(f"/deliverables/{made.pk}"), 204)
        assert not Deliverable.objects.exists()
        assert self.reload(indicator).deliverable_id is None

    def test_it_hides_a_private_partnerships_deliverables_from_outsiders(self):
        made = self.deliverable()
        for user in (None, self.olga):
            self.client.logout()
            if user:
                self.sign_in(user)
            for response in (self.get(self.list_url()), self.get(f"/deliverables/{made.pk}"),
                             self.get(f"/deliverables/{made.pk + 1000}")):
                body = self.assert_error(response, 404)
                assert "Tillab" not in str(body)
            if user:
                with self.assert_nothing_saved(made):
                    self.assert_error(self.post(self.list_url(), {"title": "Mine"}), 404)
                    self.assert_error(self.patch(f"/deliverables/{made.pk}",
                                                 {"title": "Mine"}), 404)
                    self.assert_error(self.delete(f"/deliverables/{made.pk}"), 404)

    def test_it_lets_members_read_but_only_stewards_write(self):
        made = self.deliverable()
        self.sign_in(self.carol)
        self.assert_list(self.get(self.list_url()), 1)
        with self.assert_nothing_saved(made):
            self.assert_error(self.post(self.list_url(), {"title": "Ours"}), 403)
            self.assert_error(self.patch(f"/deliverables/{made.pk}", {"title": "Ours"}), 403)
            self.assert_error(self.delete(f"/deliverables/{made.pk}"), 403)
        public = self.deliverable(partnership=self.public, responsible_organisation=self.trust)
        self.client.logout()
        assert self.assert_list(self.get(self.list_url(self.public)), 1)[0]["id"] == public.pk
        self.sign_in(self.olga)
        self.assert_status(self.get(f"/deliverables/{public.pk}"), 200)
        with self.assert_nothing_saved(public):
            self.assert_error(self.patch(f"/deliverables/{public.pk}", {"title": "Mine"}), 403)

    def test_it_refuses_bad_input_with_nothing_changed(self):
        made = self.deliverable()
        self.sign_in(self.bob)
        with self.assert_nothing_saved(made):
            for data in ({"title": "X", "responsible_organisation_id": self.elsewhere.pk},
                         {"title": "X", "responsible_organisation_id": 10**30},
                         {"title": "X", "due_date": "2090-13-01"},
                         {"title": "X", "due_date": "2126-01-01"},
                         {"title": "X", "status": "delivered", "delivered_on": "2027-01-01"},
                         {"title": ""}, {"status": "planned"}):
                self.assert_error(self.post(self.list_url(), data), 422)
            for data in ({"title": None}, {"status": None}, {"status": "finished"},
                         {"delivered_on": "2026-09-01"},
                         {"responsible_organisation_id": self.bottler.pk}):
                self.assert_error(self.patch(f"/deliverables/{made.pk}", data), 422)


@time_machine.travel(WORLD_BUILT, tick=True)
class DeliverablePages(DeliverableTestCase):
    def agreement_page(self, partnership=None) -> str:
        response = self.client.get(f"/partnerships/{(partnership or self.private).pk}"
                                   "/agreement/")
        assert response.status_code == 200
        return response.content.decode()

    def test_it_lists_the_deliverables_with_who_when_status_and_progress(self):
        late = self.deliverable(title="Water committees trained", due_date=day(-12),
                                status="in_progress")
        self.deliverable(title="Borehole map published", status="delivered",
                         delivered_on=day(-2), responsible_organisation=self.trust)
        indicator = self.indicator(late)
        monitoring.report_measurement(self.alice, indicator, period_start="2026-01-01",
                                      period_end="2026-06-30", value=19)
        self.sign_in(self.carol)
        page = self.agreement_page()
        assert '<h2 id="deliverables-heading">Deliverables</h2>' in page
        assert "1 of 2 delivered." in page and "1 overdue</strong>" in page
        assert "Water committees trained" in page and "12 days overdue" in page
        assert "Ministry of Water" in page and "Sahel Water Trust" in page
        assert f'href="/partnerships/{self.private.pk}/indicators/{indicator.pk}/"' in page
        assert 'value="25"' in page, "progress (19 − 12) / (40 − 12) = 25 %"
        assert "latest 19 boreholes" in page
        assert "Add a deliverable" not in page and "deliverable-status-" not in page
        self.sign_in(self.bob)
        page = self.agreement_page()
        assert "Add a deliverable" in page
        assert f'<select id="deliverable-status-{late.pk}" name="status">' in page

    def test_it_adds_edits_sets_the_status_of_and_removes_a_deliverable(self):
        self.sign_in(self.alice)
        base = f"/partnerships/{self.private.pk}/agreement/deliverables/"
        page = self.client.get(base + "add/").content.decode()
        assert '<label for="id_responsible_organisation">Responsible member</label>' in page
        assert "Far Away Foundation" not in page, "only members are offered"
        with self.assert_nothing_saved():
            response = self.client.post(base + "add/", {"title": "Map", "status": "planned",
                                                        "due_date": "2099-01-01x"})
            assert response.status_code == 422
            Partnership.objects.filter(pk=self.private.pk).update(start_date=day(-10))
            response = self.client.post(base + "add/", {"title": "Map", "status": "planned",
                                                        "due_date": day(-20).isoformat()})
            assert response.status_code == 422
            assert "before the partnership started" in response.content.decode()
        response = self.client.post(base + "add/", {
            "title": "Borehole map", "status": "planned", "due_date": day(30).isoformat(),
            "responsible_organisation": self.ministry.pk})
        assert response.status_code == 302
        assert response["Location"].endswith("/agreement/#deliverables")
        made = Deliverable.objects.get()
        response = self.client.post(f"{base}{made.pk}/edit/", {
            "title": "Borehole map, open data", "status": "delivered", "delivered_on": "",
            "due_date": day(30).isoformat(), "responsible_organisation": ""})
        assert response.status_code == 302
        made = self.reload(made)
        assert (made.title, made.status, made.delivered_on, made.responsible_organisation) == (
            "Borehole map, open data", "delivered", TODAY, None)
        self.client.post(f"{base}{made.pk}/status/", {"status": "in_progress"})
        assert self.reload(made).status == "in_progress"
        assert self.reload(made).delivered_on is None
        self.client.post(f"{base}{made.pk}/remove/")
        assert not Deliverable.objects.exists()

    def test_it_keeps_the_forms_from_members_and_outsiders(self):
        made = self.deliverable()
        base = f"/partnerships/{self.private.pk}/agreement/deliverables/"
        for user, status in ((self.carol, 403), (self.olga, 404)):
            self.sign_in(user)
            with self.assert_nothing_saved(made):
                assert self.client.get(base + "add/").status_code == status
                assert self.client.get(f"{base}{made.pk}/edit/").status_code == status
                for path in ("add/", f"{made.pk}/edit/", f"{made.pk}/status/",
                             f"{made.pk}/remove/"):
                    response = self.client.post(base + path, {"title": "X",
                                                              "status": "dropped"})
                    assert response.status_code == status, (user, path)
        self.sign_in(self.alice)
        other = self.deliverable(partnership=self.public, responsible_organisation=None)
        assert self.client.get(f"{base}{other.pk}/edit/").status_code == 404

    def test_it_reads_the_agreement_page_in_as_many_queries_for_5_or_50_deliverables(self):
        self.sign_in(self.bob)

        def queries_with(n: int) -> int:
            Deliverable.objects.all().delete()
            made = Deliverable.objects.bulk_create([
                Deliverable(partnership=self.private, title=f"Deliverable {i}",
                            responsible_organisation=self.ministry if i % 2 else self.trust,
                            due_date=day(i - 10), position=i) for i in range(n)])
            Indicator.objects.bulk_create([
                Indicator(partnership=self.private, name=f"Indicator {i}", deliverable=d,
                          latest_value=i, progress=0.5) for i, d in enumerate(made)])
            with CaptureQueriesContext(connection) as captured:
                page = self.agreement_page()
            assert page.count('<tr id="deliverable-') == n
            return len(captured)

        assert queries_with(5) == queries_with(50)

    def test_it_shows_overdue_deliverables_on_the_partnership_page(self):
        self.deliverable(title="Water committees trained", due_date=day(-3))
        self.deliverable(title="Map published", due_date=day(-3), status="dropped")
        self.sign_in(self.carol)
        page = self.client.get(f"/partnerships/{self.private.pk}/").content.decode()
        assert "Overdue deliverables" in page
        assert "Water committees trained</a> (Ministry of Water): due" in page
        assert "3 days overdue" in page and "Map published" not in page
        page = self.client.get(f"/partnerships/{self.private.pk}/actions/").content.decode()
        assert "Water committees trained" in page


@time_machine.travel(WORLD_BUILT, tick=True)
class DeliverablesInTheExports(DeliverableTestCase):
    def setUp(self):
        self.version = self.ready()
        self.deliverable(title="Forty boreholes repaired", due_date=day(-4),
                         description="Tillabéri — 所有人")
        self.deliverable(title="Water committees trained", status="delivered",
                         delivered_on=day(-1), responsible_organisation=self.trust)
        self.base = f"/api/v1/partnerships/{self.private.pk}/agreement/versions/1"
        self.sign_in(self.carol)

    def test_it_puts_a_deliverables_table_in_the_word_document(self):
        word = Document(io.BytesIO(self.client.get(self.base + ".docx").content))
        rows = [[cell.text for cell in row.cells] for row in word.tables[1].rows]
        assert rows[0] == ["Deliverable", "Responsible member", "Due", "Status"]
        assert rows[1] == ["Forty boreholes repaired\nTillabéri — 所有人", "Ministry of Water",
                           "27 Sep 2026", "Planned, 4 days overdue"]
        assert rows[2][1:] == ["Sahel Water Trust (SWT)", "30 Dec 2026",
                               "Delivered on 30 Sep 2026"]
        assert [c.text for c in word.tables[-1].rows[0].cells][0] == "Member organisation"

    def test_it_puts_the_deliverables_in_the_pdf_and_the_printable_page(self):
        reader = PdfReader(io.BytesIO(self.client.get(self.base + ".pdf").content))
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert "Deliverables" in text and "Forty boreholes repaired" in text
        assert "4 days overdue" in text
        page = self.client.get(f"/partnerships/{self.private.pk}/agreement/versions/1/print/")
        page = page.content.decode()
        assert "<h2>Deliverables</h2>" in page
        assert "Water committees trained" in page and "Delivered on 30 Sep 2026" in page

    def test_it_says_when_no_deliverable_is_recorded(self):
        Deliverable.objects.all().delete()
        word = Document(io.BytesIO(self.client.get(self.base + ".docx").content))
        assert "No deliverables recorded." in "\n".join(p.text for p in word.paragraphs)
        assert self.client.get(self.base + ".pdf").status_code == 200
