"""The rows an IATI activity brings: budgets and resource flows; results, indicators, their
targets and measurements. Each kind is merged three ways by its import key (see
importer.py): what the last import wrote, what is there now, what the file says."""

from collections.abc import Callable
from datetime import date

from partnering.finance.models import Budget, ResourceFlow
from partnering.interop.iati.data import (
    INCOMING,
    OUTGOING,
    IndicatorData,
    TransactionData,
    canonical_value,
)
from partnering.interop.iati.values import CENT, fingerprint, measure_value, shorten
from partnering.monitoring.models import Indicator, IndicatorTarget, Measurement, Result
from partnering.registry.bulk import NewRow

FIELDS = {
    "budgets": ["budget_type", "status", "period_start", "period_end", "value", "currency",
                "value_date"],
    "flows": ["transaction_type", "date", "value", "currency", "value_date", "provider_id",
              "provider_name", "receiver_id", "receiver_name", "description",
              "reference"],
    "results": ["level", "title", "description", "position"],
    "indicators": ["result_id", "name", "definition", "measure", "direction",
                   "baseline_value", "baseline_date", "baseline_comment",
                   "sdg_indicator_id", "position"],
    "targets": ["indicator_id", "date", "value", "comment"],
    "measurements": ["indicator_id", "period_start", "period_end", "value", "comment",
                     "reported_by_organisation_id"],
}


MODELS = {"budgets": Budget, "flows": ResourceFlow, "results": Result, "indicators": Indicator,
          "targets": IndicatorTarget, "measurements": Measurement}


def import_key(row) -> str:
    return row.import_key


def target_key(row) -> str:
    return f"{row.indicator.import_key}@{row.date.isoformat()}"


class RowMerge:
    """The row part of ActivityWriter: needs its partnership, data, base, saved, kept,
    row_changes, changed, reporter, matcher and importer."""

    _fields = FIELDS

    def _current(self, label: str, row) -> str:
        return fingerprint({name: getattr(row, name) for name in self._fields[label]})

    def _sync(self, label: str, current: Callable, key_of: Callable, wanted: dict[str, dict],
              base: dict[str, str], make: Callable[[str, dict], object],
              deletable: Callable | None = None) -> dict[str, str]:
        """Three-way merge of imported rows by key: `base` holds the fingerprints of what
        the last import wrote, `current()` the rows there now, `wanted` what the file says.
        Returns the fingerprints of `wanted` and leaves `self.saved[label]` = key → row."""
        # A new partnership has no rows yet: no need to ask.
        rows = {} if self.existing is None else {key_of(row): row
                                                 for row in current().order_by()}
        hashes = {key: fingerprint(values) for key, values in wanted.items()}
        created, updated = {}, []
        for key, values in wanted.items():
            row = rows.pop(key, None)
            if row is None:
                created[key] = make(key, values)
            elif self._merge_row(label, key, row, values, hashes[key], base):
                updated.append(row)
        removed = [row.pk for key, row in rows.items()
                   if key in base and self._removable(label, key, row, base, deletable)]
        self._save_rows(label, created, updated, removed)
        return hashes

    def _merge_row(self, label: str, key: str, row, values: dict, new: str,
                   base: dict) -> bool:
        """Whether `row` takes the file's `values` (they differ and nobody changed it)."""
        self.saved[label][key] = row
        current = self._current(label, row)
        if current == new:
            return False
        if key in base and current != base[key]:
            self.kept.append(f"{label} {key}")
            return False
        for name, value in values.items():
            setattr(row, name, value)
        return True

    def _removable(self, label: str, key: str, row, base: dict, deletable) -> bool:
        """A row the file dropped goes, unless someone changed it (or it is in use)."""
        if self._current(label, row) != base[key] or (deletable and not deletable(row)):
            self.kept.append(f"{label} {key}")
            return False
        return True

    def _save_rows(self, label: str, created: dict, updated: list, removed: list) -> None:
        model = MODELS[label]
        if created:
            # Inserted with the batch's (batch.py); they have their ids at the next step.
            self.rows.add(created.values())
            self.saved[label].update(created)
        if updated:
            model.objects.bulk_update(updated, fields=self._fields[label], batch_size=500)
        if removed:
            model.objects.filter(pk__in=removed).delete()
        if created or updated or removed:
            self.row_changes[label] = [len(created), len(updated), len(removed)]
            self.changed = True

    # -- money ------------------------------------------------------------------------------
    def _sync_money(self, rows: dict) -> dict:
        partnership = self.partnership
        budgets = {b.key: {"budget_type": b.type, "status": b.status, "period_start": b.start,
                           "period_end": b.end, "value": b.value.quantize(CENT),
                           "currency": b.currency, "value_date": b.value_date}
                   for b in self.data.budgets}
        flows = {t.key: self._flow_values(t) for t in self.data.transactions}
        return {
            "budgets": self._sync("budgets", lambda: partnership.budgets.exclude(import_key=""),
                                  import_key, budgets, rows.get("budgets", {}),
                                  lambda k, v: NewRow(Budget, partnership_id=partnership.pk,
                                                      import_key=k, **v)),
            "flows": self._sync("flows", lambda: partnership.resource_flows.exclude(import_key=""),
                                import_key, flows, rows.get("flows", {}),
                                lambda k, v: NewRow(ResourceFlow,
                                                    partnership_id=partnership.pk,
                                                    import_key=k, **v)),
        }

    def _party(self, org, default_to_reporter: bool) -> int | None:
        pk = self.matcher.resolve(org) if org else None
        return self.reporter if pk is None and default_to_reporter else pk

    def _flow_values(self, t: TransactionData) -> dict:
        return {"transaction_type": t.type, "date": t.date, "value": t.value.quantize(CENT),
                "currency": t.currency, "value_date": t.value_date,
                "provider_id": self._party(t.provider, t.type in OUTGOING),
                "provider_name": shorten(t.provider.name, 300) if t.provider else "",
                "receiver_id": self._party(t.receiver, t.type in INCOMING),
                "receiver_name": shorten(t.receiver.name, 300) if t.receiver else "",
                "description": t.description, "reference": t.reference}

    # -- results ----------------------------------------------------------------------------
    def _sync_results(self, rows: dict):
        """A generator (see ActivityWriter.steps): results, then their indicators, then the
        indicators' targets and measurements, each step needing the ids of the one before."""
        partnership = self.partnership
        indicators = self._read_results()
        hashes = {"results": self._sync(
            "results", lambda: partnership.results.exclude(import_key=""), import_key,
            self._result_values(), rows.get("results", {}),
            lambda k, v: NewRow(Result, partnership_id=partnership.pk, import_key=k, **v))}
        yield  # the results have their ids
        hashes["indicators"] = self._sync(
            "indicators", lambda: partnership.indicators.exclude(import_key=""), import_key,
            {key: self._indicator_values(*value) for key, value in indicators.items()},
            rows.get("indicators", {}),
            lambda k, v: NewRow(Indicator, partnership_id=partnership.pk, import_key=k,
                                language=partnership.language, **v),
            deletable=lambda row: not row.measurements.filter(import_key="").exists())
        yield  # the indicators have their ids
        targets, measurements = self._period_values(
            {key: indicator for key, (_, _, indicator) in indicators.items()})
        hashes["targets"] = self._sync(
            "targets", lambda: IndicatorTarget.objects.filter(
                indicator__partnership=partnership).exclude(indicator__import_key="")
            .select_related("indicator"), target_key,
            targets, rows.get("targets", {}), lambda k, v: NewRow(IndicatorTarget, **v))
        hashes["measurements"] = self._sync(
            "measurements", lambda: Measurement.objects.filter(
                indicator__partnership=partnership).exclude(import_key=""), import_key,
            measurements, rows.get("measurements", {}),
            lambda k, v: NewRow(Measurement, import_key=k, **v))
        if indicators or rows.get("indicators") or self.existing is not None:
            self.rows.indicators_of.add(partnership.pk)
        return hashes

    def _result_values(self) -> dict:
        return {result.key: {"level": result.type if result.type in "1239" else "9",
                             "title": shorten(result.title, 500),
                             "description": result.description[:20_000],
                             "position": position}
                for position, result in enumerate(self.data.results)}

    def _read_results(self) -> dict:
        """key → (result key, position, indicator); keeps each indicator's values as
        published in `self.periods` (for the IATI record)."""
        indicators, self.periods = {}, {}
        for result in self.data.results:
            for position, indicator in enumerate(result.indicators):
                indicators[indicator.key] = (result.key, position, indicator)
                self.periods[indicator.key] = {
                    "baseline": canonical_value(indicator.baseline_value),
                    "baseline_year": indicator.baseline_year,
                    "periods": [{"start": p.start.isoformat(), "end": p.end.isoformat(),
                                 "target": canonical_value(p.target),
                                 "actual": canonical_value(p.actual)}
                                for p in indicator.periods]}
        return indicators

    def _indicator_values(self, result_key: str, position: int,
                          indicator: IndicatorData) -> dict:
        result = self.saved["results"].get(result_key)
        sdg = self.importer.indicators.get(indicator.sdg_indicator)
        year = indicator.baseline_year
        baseline_date = indicator.baseline_date or (
            date(year, 1, 1) if year and 1 <= year <= 9999 else None)
        return {
            "result_id": result.pk if result else None,
            "name": shorten(indicator.title, 500),
            "definition": indicator.description[:20_000],
            "measure": indicator.measure if indicator.measure in "12345" else "1",
            "direction": "up" if indicator.ascending else "down",
            "baseline_value": measure_value(indicator.baseline_value),
            "baseline_date": baseline_date,
            "baseline_comment": shorten(indicator.baseline_comment, 500),
            "sdg_indicator_id": sdg[0] if sdg else None,
            "position": position,
        }

    def _period_values(self, indicators: dict[str, IndicatorData]) -> tuple[dict, dict]:
        targets, measurements = {}, {}
        for key, indicator in indicators.items():
            row = self.saved["indicators"].get(key)
            if row is None:
                continue
            seen_dates = set()
            for period in indicator.periods:
                self._period_target(targets, key, row, period, seen_dates)
                actual = measure_value(period.actual)
                if actual is not None:
                    measurements[period.key] = {
                        "indicator_id": row.pk, "period_start": period.start,
                        "period_end": period.end, "value": actual,
                        "comment": period.actual_comment[:20_000],
                        "reported_by_organisation_id": self.reporter}
        return targets, measurements

    def _period_target(self, targets: dict, key: str, row, period, seen_dates: set) -> None:
        target = measure_value(period.target)
        if target is None:
            return
        if period.end in seen_dates:
            self.problem(period.line, f"two periods of indicator {key} end on {period.end}; "
                                      "only the first target is imported")
            return
        seen_dates.add(period.end)
        targets[f"{key}@{period.end.isoformat()}"] = {
            "indicator_id": row.pk, "date": period.end, "value": target,
            "comment": shorten(period.target_comment, 500)}
