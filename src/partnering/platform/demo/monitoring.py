"""Monitoring (section `monitoring`): a results chain with indicators set upfront, values
reported over time (some broken down, one with the household register's tally attached as a
CSV evidence file), values confirmed, queried or commented on by others (`checks`), progress
reports and a risk register. Safe Childhoods' values are reported by World Vision BiH's lead
representative and checked by the ministry; the Jamaica working group's last progress report
is over a year old, so it shows as late. The figures are illustrative."""

import csv
import io

from django.core.files.base import ContentFile

from partnering.monitoring import services
from partnering.monitoring.models import Indicator, Measurement, ProgressReport
from partnering.partnerships.models import Partnership
from partnering.platform.demo.data import cases


def load(loader) -> None:
    for case in cases():
        spec = case.section("monitoring")
        partnership = Partnership.objects.filter(title=case.title).first()
        if spec and partnership is not None:
            _Monitoring(loader, partnership, spec).load()


def register_tally(measurements, name: str) -> ContentFile:
    """The Roma mediators' household-register tally behind the birth-registration values,
    as the CSV file a mediator would attach as evidence."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["period_start", "period_end", "girls", "boys", "total"])
    for m in measurements:
        sex = m.disaggregated.get("sex", {})
        writer.writerow([m.period_start.isoformat(), m.period_end.isoformat(),
                         sex.get("girls", ""), sex.get("boys", ""), f"{m.value.normalize():f}"])
    return ContentFile(out.getvalue().encode(), name=name)


class _Monitoring:
    def __init__(self, loader, partnership: Partnership, spec: dict):
        self.loader, self.p, self.spec = loader, partnership, spec
        self.admin = loader.users["admin"]
        self.reporter = loader.users[spec["reporter"]]
        self.results = {}

    def load(self) -> None:
        for result in self.spec["results"]:
            self.result(result)
        for indicator in self.spec["indicators"]:
            self.indicator(indicator)
        for check in self.spec.get("checks", []):
            self.check(check)
        for report in self.spec.get("reports", []):
            self.report(report)
        for risk in self.spec.get("risks", []):
            self.risk(risk)

    def result(self, spec: dict) -> None:
        fields = {k: v for k, v in spec.items() if k not in ("key", "parent")}
        if spec.get("parent"):
            fields["parent"] = self.results[spec["parent"]]
        self.results[spec["key"]] = services.create_result(self.admin, self.p, **fields)

    def indicator(self, spec: dict) -> None:
        day = self.loader.ago
        special = ("result", "responsible", "baseline", "targets", "values", "evidence")
        fields = {k: v for k, v in spec.items() if k not in special}
        baseline = spec["baseline"]
        fields.update(
            baseline_value=baseline["value"], baseline_date=day(baseline["days_ago"]),
            responsible_organisation=self.loader.orgs[spec["responsible"]].pk,
            result=self.results[spec["result"]].pk,
            targets=[{"value": t["value"], "date": day(t["days_ago"]),
                      **({"comment": t["comment"]} if "comment" in t else {})}
                     for t in spec["targets"]])
        if "comment" in baseline:
            fields["baseline_comment"] = baseline["comment"]
        indicator = services.create_indicator(self.admin, self.p, **fields)
        made = [services.report_measurement(
            self.reporter, indicator, period_start=day(row["from"]), period_end=day(row["to"]),
            value=row["value"], disaggregated=row.get("split") or {},
            comment=self.spec["value_comment"]) for row in spec["values"]]
        if spec.get("evidence"):
            services.attach_evidence(self.admin, made[-1],
                                     register_tally(made, spec["evidence"]))

    def check(self, spec: dict) -> None:
        """Participatory validation: a member confirms or queries the latest value someone
        else reported, or comments on it."""
        who = self.loader.users.get(spec["by"])
        if who is None:
            return
        indicator = Indicator.objects.get(partnership=self.p, name=spec["indicator"])
        latest = Measurement.objects.filter(indicator=indicator).order_by("-period_end")[0]
        if "status" in spec:
            services.validate_measurement(who, latest, status=spec["status"],
                                          comment=spec["comment"])
        else:
            services.comment_on_measurement(who, latest, text=spec["comment"])

    def report(self, spec: dict) -> None:
        day = self.loader.ago
        texts = {k: v for k, v in spec.items() if k not in ("submitted", "start", "end")}
        report = services.submit_report(self.admin, self.p, period_start=day(spec["start"]),
                                        period_end=day(spec["end"]), **texts)
        ProgressReport.objects.filter(pk=report.pk).update(submitted_on=day(spec["submitted"]))

    def risk(self, spec: dict) -> None:
        fields = {k: v for k, v in spec.items() if k not in ("owner", "review_in")}
        services.create_risk(self.admin, self.p,
                             owner_organisation=self.loader.orgs[spec["owner"]].pk,
                             review_date=self.loader.ago(-spec["review_in"]), **fields)
