"""The demo's monitoring data, loaded through the services by the demo loader
(partnering.platform.demo): Safe Childhoods has a results chain with indicators set upfront
(guardianship within 72 hours, Roma children with a birth certificate, followed-up
referrals), a year and a half of values (some broken down by sex, one with the household
register's tally attached as a CSV evidence file) confirmed or queried by the ministry (a
queried value does not count until it is corrected or confirmed), a comment by the ministry,
which does not report the guardianship figure itself, two progress reports with lessons and
successes, and a risk register; the Jamaica working
group's indicators are reported, but its last progress report is over a year old, so it
shows as late. The figures are illustrative."""

import csv
import io
from datetime import timedelta

from django.core.files.base import ContentFile

from partnering.monitoring import services
from partnering.monitoring.models import Measurement, ProgressReport
from partnering.partnerships.models import Partnership


def load_monitoring(loader) -> None:
    _Monitoring(loader).load()


def register_tally(measurements) -> ContentFile:
    """The Roma mediators' household-register tally behind the birth-registration values,
    as the CSV file a mediator would attach as evidence."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["period_start", "period_end", "girls", "boys", "total"])
    for m in measurements:
        sex = m.disaggregated.get("sex", {})
        writer.writerow([m.period_start.isoformat(), m.period_end.isoformat(),
                         sex.get("girls", ""), sex.get("boys", ""), f"{m.value.normalize():f}"])
    return ContentFile(out.getvalue().encode(), name="birth-register-tally.csv")


class _Monitoring:
    def __init__(self, loader):
        self.loader = loader
        self.admin = loader.users["admin"]
        # Who reports the values: World Vision BiH's lead representative for Safe
        # Childhoods, the platform secretariat for the Jamaica working group.
        self.reporter = self.admin

    def day(self, days_ago: int):
        return self.loader.today - timedelta(days=days_ago)

    def load(self) -> None:
        safe = Partnership.objects.filter(title__startswith="Safe Childhoods").first()
        if safe is not None:
            self.reporter = self.loader.users["lead"]
            self.safe_childhoods(safe)
            self.reporter = self.admin
        jamaica = Partnership.objects.filter(title__startswith="Vision 2030 Jamaica").first()
        if jamaica is not None:
            self.jamaica(jamaica)

    def report(self, p, *, submitted: int, start: int, end: int, **texts):
        report = services.submit_report(self.admin, p, period_start=self.day(start),
                                        period_end=self.day(end), **texts)
        ProgressReport.objects.filter(pk=report.pk).update(submitted_on=self.day(submitted))

    def values(self, indicator, rows, *, by=None):
        made = []
        for start, end, value, split in rows:
            made.append(services.report_measurement(
                by or self.reporter, indicator, period_start=self.day(start),
                period_end=self.day(end), value=value, disaggregated=split or {},
                comment="From the partners' quarterly return"))
        return made

    def safe_childhoods(self, p) -> None:
        orgs, admin = self.loader.orgs, self.admin
        impact = services.create_result(
            admin, p, level="3", title="Refugee, migrant and Roma children in Una-Sana and "
            "Tuzla cantons are protected from violence and exploitation")
        guardianship = services.create_result(
            admin, p, level="2", parent=impact, weight=2,
            title="Every unaccompanied or separated child has a guardian quickly")
        registration = services.create_result(
            admin, p, level="2", parent=impact, weight="1.5",
            title="Roma children are registered at birth and in school")
        referral = services.create_result(
            admin, p, level="2", parent=impact, weight=1,
            title="One referral route for violence, child marriage and child begging")
        trained = services.create_result(
            admin, p, level="1", parent=guardianship, weight=1,
            title="Guardians trained and on call in Bihać and Velika Kladuša")
        start = 540
        guardian = services.create_indicator(
            admin, p, name="Unaccompanied children with a guardian appointed within 72 hours",
            definition="Share of unaccompanied or separated children identified in Una-Sana "
            "Canton in the period whose guardian was appointed by the centre for social work "
            "within 72 hours of identification.", unit="%", measure="2",
            baseline_value=18, baseline_date=self.day(start),
            baseline_comment="Case files of the centre for social work, first quarter",
            frequency="quarterly", responsible_organisation=orgs["csw_bihac"].pk,
            data_source="Centre for social work case-management database",
            result=guardianship.pk,
            targets=[{"value": 50, "date": self.day(180), "comment": "Mid-term"},
                     {"value": 80, "date": self.day(-365), "comment": "End of phase two"}])
        guardian_values = self.values(guardian, [
            (540, 450, 22, None), (450, 360, 31, None), (360, 270, 38, None),
            (270, 180, 47, None), (180, 90, 55, None), (90, 1, 61, None)])
        guardians = services.create_indicator(
            admin, p, name="Trained guardians on call", unit="guardians",
            definition="Guardians who completed the joint training and are on the on-call "
            "rota of the centre for social work.", baseline_value=4,
            baseline_date=self.day(start), frequency="quarterly", disaggregation=["sex"],
            responsible_organisation=orgs["csw_bihac"].pk, result=trained.pk,
            data_source="Training register",
            targets=[{"value": 12, "date": self.day(200)}, {"value": 20, "date": self.day(-365)}])
        self.values(guardians, [
            (540, 360, 7, {"sex": {"women": 5, "men": 2}}),
            (360, 180, 11, {"sex": {"women": 7, "men": 4}}),
            (180, 1, 14, {"sex": {"women": 9, "men": 5}})])
        registered = services.create_indicator(
            admin, p, name="Roma children under five with a birth certificate in Tuzla Canton",
            definition="Roma children under five living in the pilot municipalities whose "
            "birth is entered in the civil registry (count from the Roma mediators' household "
            "register, checked against the registry).", unit="children", measure="1",
            baseline_value=1240, baseline_date=self.day(start), frequency="six_monthly",
            disaggregation=["sex"], responsible_organisation=orgs["romano_drom"].pk,
            data_source="Roma mediators' household register; civil registry",
            sdg_code="16.9.1", result=registration.pk,
            targets=[{"value": 1500, "date": self.day(90)},
                     {"value": 1700, "date": self.day(-540)}])
        birth = self.values(registered, [
            (540, 360, 1310, {"sex": {"girls": 640, "boys": 670}}),
            (360, 180, 1395, {"sex": {"girls": 690, "boys": 705}}),
            (180, 1, 1460, {"sex": {"girls": 721, "boys": 739}})])
        services.attach_evidence(admin, birth[-1], register_tally(birth))
        referrals = services.create_indicator(
            admin, p, name="Referrals of violence, child marriage or child begging followed "
            "up within 30 days", definition="Share of referrals made through the joint route "
            "in the period that had a documented follow-up within 30 days.", unit="%",
            measure="2", baseline_value=35, baseline_date=self.day(start),
            frequency="quarterly", responsible_organisation=orgs["legal_aid"].pk,
            sdg_code="16.2.1", result=referral.pk,
            targets=[{"value": 60, "date": self.day(150)}, {"value": 85, "date": self.day(-365)}])
        self.values(referrals, [(360, 270, 38, None), (270, 180, 41, None),
                                (180, 90, 40, None), (90, 1, 43, None)])
        # Participatory validation: the ministry confirms or queries what others report.
        ministry = self.loader.users.get("member")
        if ministry is not None:
            services.validate_measurement(ministry, birth[-1], status="confirmed",
                                          comment="Matches the civil registry extract.")
            last = Measurement.objects.filter(indicator=referrals).order_by("-period_end")[0]
            services.validate_measurement(
                ministry, last, status="queried",
                comment="Does this include referrals from Velika Kladuša? The cantonal "
                "figure we received is lower.")
            # The ministry does not report the guardianship figure: it comments on it.
            services.comment_on_measurement(
                ministry, guardian_values[-1],
                text="The cantonal ministry's own count for the quarter is 58 %: it leaves "
                "out children identified at weekends, when no guardian is on duty.")
        self.report(p, submitted=360, start=540, end=365,
                    narrative="The joint referral protocol was adopted and guardians were "
                    "trained in Bihać. Case files are now shared between the centre for "
                    "social work and the legal aid network.",
                    lessons_learned="Roma mediators reach families that do not come to "
                    "institutions; they must be paid for their time. Decisions needing the "
                    "ministry take ten working days: plan for it.",
                    successes="The first unaccompanied child had a guardian within a day of "
                    "arriving in Bihać.")
        self.report(p, submitted=20, start=365, end=30,
                    narrative="Guardianship within 72 hours rose to 61 %. Birth "
                    "registration is slightly behind its milestone. Referral follow-up has "
                    "stalled around 40 %.",
                    lessons_learned="Follow-up stalls where the centre for social work has no "
                    "caseworker on duty at weekends; a shared rota is being discussed.",
                    successes="170 more Roma children hold a birth certificate; the ministry "
                    "confirmed the figures from the civil registry.")
        for title, category, likelihood, impact, owner, mitigation, status, review in (
            ("Guardians' posts end with the grant in 2027", "underinvestment", 4, 4,
             "wvbih", "Ask the canton to budget two posts from 2027; UNICEF bridge funding.",
             "open", 30),
            ("Decisions needing the ministry stall the steering group", "misalignment", 3, 4,
             "mhrr", "The Minister's cabinet answers within ten working days (agreement).",
             "mitigating", 60),
            ("Roma families lose trust after a data-sharing incident", "trust", 2, 5,
             "romano_drom", "Consent forms in Romani; data stays with the mediators.",
             "open", 45),
            ("A change in border policy doubles arrivals in Una-Sana", "external", 3, 3,
             "csw_bihac", "Surge roster agreed with the IRC.", "open", 20),
            ("Each partner counts referrals its own way", "objectives", 3, 3, "legal_aid",
             "One definition and one register, agreed at the next steering group.",
             "open", -5),
        ):
            services.create_risk(admin, p, title=title, category=category,
                                 likelihood=likelihood, impact=impact,
                                 owner_organisation=orgs[owner].pk, mitigation=mitigation,
                                 status=status, review_date=self.day(-review))

    def jamaica(self, p) -> None:
        orgs, admin = self.loader.orgs, self.admin
        start = 3 * 365
        outcome = services.create_result(
            admin, p, level="2", title="Vulnerable households reached by social protection")
        feedback = services.create_result(
            admin, p, level="1", parent=outcome,
            title="Parish feedback answered by national agencies")
        coverage = services.create_indicator(
            admin, p, name="Households in the parish registers covered by social protection",
            definition="Households identified as vulnerable by the parish Inter-Agency "
            "Networks that receive a social protection benefit.", unit="%", measure="2",
            baseline_value=58, baseline_date=self.day(start), frequency="annual",
            responsible_organisation=orgs["sdc"].pk, sdg_code="1.3.1", result=outcome.pk,
            data_source="Social Development Commission; PATH register",
            targets=[{"value": 70, "date": self.day(365)}, {"value": 80, "date": self.day(-730)}])
        self.values(coverage, [(3 * 365, 2 * 365, 61, None), (2 * 365, 365, 64, None),
                               (365, 30, 66, None)])
        answered = services.create_indicator(
            admin, p, name="Parish feedback items answered within one quarter",
            definition="Issues raised by parish development committees that received a "
            "written answer from the responsible national agency within three months.",
            unit="items", baseline_value=4, baseline_date=self.day(start),
            frequency="six_monthly", disaggregation=["parish"],
            responsible_organisation=orgs["stc_pdc"].pk, result=feedback.pk,
            data_source="Working group minutes",
            targets=[{"value": 20, "date": self.day(-365)}])
        self.values(answered, [
            (3 * 365, 2 * 365, 7, {"parish": {"St. Catherine": 5, "Clarendon": 2}}),
            (2 * 365, 365, 9, {"parish": {"St. Catherine": 6, "Clarendon": 3}})])
        self.report(p, submitted=430, start=800, end=440,
                    narrative="The working group reviewed the social protection outcomes of "
                    "the Medium-Term Framework and heard from the St. Catherine parish "
                    "development committee.",
                    lessons_learned="Feedback from parishes is answered only when an agency is "
                    "named as owner in the minutes.",
                    successes="Linstead's community centre now hosts a PATH help desk.")
        services.create_risk(admin, p, title="Agencies send different people to every "
                             "meeting", category="communication", likelihood=4, impact=3,
                             owner_organisation=orgs["pioj"].pk,
                             mitigation="A named alternate per agency; papers a week ahead.",
                             review_date=self.day(-30))
