"""A monitoring world on top of the personas: on the private partnership, an indicator the
Ministry of Water (carol) is responsible for, with a baseline and two milestones, and one
value carol reported; an indicator of the Sahel Water Trust (alice)."""

import datetime as dt

from partnering.audit.models import AuditEvent
from partnering.monitoring import services
from partnering.monitoring.models import (
    Indicator,
    IndicatorTarget,
    Measurement,
    ProgressReport,
    Result,
    Risk,
)
from tests.apitest import ApiTestCase

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
MODELS = (Result, Indicator, IndicatorTarget, Measurement, ProgressReport, Risk, AuditEvent)


class MonitoringTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.outcome = services.create_result(cls.alice, cls.private, title="Safe water at home",
                                             level="2")
        cls.output = services.create_result(cls.alice, cls.private, title="Boreholes drilled",
                                            level="1", parent=cls.outcome, weight=2)
        cls.water = services.create_indicator(
            cls.alice, cls.private, name="Households with safe water within 30 minutes",
            definition="Households surveyed reporting an improved source within 30 minutes.",
            unit="households", baseline_value=100, baseline_date="2026-01-01",
            disaggregation=["sex"], responsible_organisation=cls.ministry.pk,
            result=cls.output.pk, sdg_code="6.1.1",
            targets=[{"value": 300, "date": "2026-12-31"}, {"value": 500, "date": "2027-12-31"}])
        cls.value = services.report_measurement(
            cls.carol, cls.water, period_start="2026-01-01", period_end="2026-06-30",
            value=200, disaggregated={"sex": {"female-headed": 80, "male-headed": 120}})
        cls.trust_kpi = services.create_indicator(
            cls.alice, cls.private, name="Water committees trained", unit="committees",
            baseline_value=0, baseline_date="2026-01-01", responsible_organisation=cls.trust.pk,
            targets=[{"value": 20, "date": "2027-06-30"}])

    def counts(self) -> dict:
        return {model.__name__: model.objects.count() for model in MODELS}


def error_fields(response) -> set:
    """The fields an API error answer names."""
    return {error["loc"][0] for error in response.json()["errors"]}


class StoredProgress:
    def stored(self, indicator) -> Indicator:
        return Indicator.objects.get(pk=indicator.pk)
