"""Learning from grievances: three cases of a category within six months raise one risk in
the risk register (updated, not duplicated, by later cases; restricted cases never count);
open breached cases enter the health index as a part with its explanation."""

import datetime as dt

import time_machine

from partnering.audit.models import AuditEvent
from partnering.grievances import learning, reminders, services
from partnering.monitoring.health.scoring import partnership_health
from partnering.monitoring.models import Risk
from partnering.monitoring.rollup.compute import refresh_summary
from partnering.monitoring.rollup.models import PartnershipSummary
from tests.grievances.base import NOW, GrievanceTestCase


@time_machine.travel(NOW, tick=False)
class RecurringCategoryTest(GrievanceTestCase):
    def file_on(self, days_ago, **data):
        with time_machine.travel(NOW - dt.timedelta(days=days_ago), tick=False):
            case = self.file(**data).grievance
        return learning.check_recurring(self.private.pk, case.category)

    def test_the_third_in_six_months_raises_a_risk_and_not_before(self):
        assert self.file_on(90) is None
        assert self.file_on(30) is None
        assert not Risk.objects.exists()
        risk = self.file_on(1)
        assert risk.partnership == self.private
        assert risk.title == "Recurring grievances: Service delivery"
        assert "3 grievances" in risk.description
        event = AuditEvent.objects.get(action="risk.raised_by_grievances")
        assert event.partnership_id == self.private.pk and event.object_id == str(risk.pk)

    def test_a_case_older_than_six_months_does_not_count(self):
        self.file_on(200)
        self.file_on(30)
        assert self.file_on(1) is None

    def test_a_fourth_case_updates_the_risk_rather_than_adding_one(self):
        for days in (60, 30, 10):
            self.file_on(days)
        self.file_on(1)
        learning.check_all_recurring()
        risk = Risk.objects.get()
        assert "4 grievances" in risk.description
        assert AuditEvent.objects.filter(action="risk.raised_by_grievances").count() == 1

    def test_a_closed_risk_starts_a_new_window(self):
        for days in (60, 30, 10):
            self.file_on(days)
        Risk.objects.update(status="closed")
        self.file_on(1)
        assert Risk.objects.count() == 2

    def test_other_categories_and_restricted_cases_do_not_count(self):
        self.file_on(30, category="conduct")
        self.file_on(20, category="money")
        for days in (15, 10, 5):
            self.file_on(days, category="safeguarding")
        self.file_on(3, restricted=True)
        self.file_on(2)
        assert not Risk.objects.exists()

    def test_filing_checks_once_the_case_is_saved(self):
        with self.captureOnCommitCallbacks(execute=True):
            for _n in range(3):
                self.file()
        assert Risk.objects.count() == 1


class HealthPartTest(GrievanceTestCase):
    def part(self):
        health = partnership_health(self.private)
        return next((p for p in health.parts if p.key == "grievances"), None), health

    def test_without_a_grievance_mechanism_there_is_no_part(self):
        part, _health = self.part()
        assert part is not None, "the private partnership names handlers"
        refresh_summary(self.public)
        assert not [p for p in partnership_health(self.public).parts
                    if p.key == "grievances"]

    def test_an_open_breached_case_enters_the_index_and_is_explained(self):
        with time_machine.travel(NOW, tick=False):
            self.file()
            self.file()
            part, _health = self.part()
        assert part.score == 100 and "2 open grievances, none past" in part.detail
        with time_machine.travel(dt.datetime(2026, 12, 15, 9, tzinfo=dt.UTC), tick=False):
            reminders.run()
            part, health = self.part()
            assert part.score == 30 and part.concern
            assert part.detail == "2 of 2 open grievances are past a published deadline."
            body = health.as_dict()
        entry = next(p for p in body["parts"] if p["key"] == "grievances")
        assert entry["status"] == "concern" and entry["advice"]
        assert entry["weight"] == 10 and "past a published deadline" in entry["reads"]
        assert any(text.startswith("Grievances answered on time")
                   for text in body["explanations"])

    def test_a_restricted_case_is_left_out_of_the_index(self):
        with time_machine.travel(NOW, tick=False):
            self.file(category="safeguarding")
        with time_machine.travel(dt.datetime(2026, 12, 15, 9, tzinfo=dt.UTC), tick=False):
            part, _health = self.part()
        assert part.score == 100 and "0 open grievances" in part.detail

    def test_a_change_of_a_case_marks_the_summary_stale(self):
        with time_machine.travel(NOW, tick=False):
            case = self.file().grievance
            refresh_summary(self.private)
            assert not PartnershipSummary.objects.get(pk=self.private.pk).stale
            services.acknowledge(self.henry, case)
        assert PartnershipSummary.objects.get(pk=self.private.pk).stale

    def test_the_page_reads_the_part(self):
        self.client.force_login(self.alice)
        with time_machine.travel(NOW, tick=False):
            self.file()
        with time_machine.travel(dt.datetime(2026, 12, 15, 9, tzinfo=dt.UTC), tick=False):
            reminders.run()
            page = self.client.get(f"/partnerships/{self.private.pk}/health/")
        assert "Grievances answered on time" in page.content.decode()
