"""Forms of the monitoring pages; the services validate and write."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.monitoring.models import (
    Direction,
    Frequency,
    Measure,
    MeasurementStatus,
    ResultLevel,
    RiskCategory,
    RiskStatus,
)

DATE = forms.DateInput(attrs={"type": "date"})


def member_choices(partnership) -> list:
    return [("", "—")] + [(m.organisation_id, m.organisation.name)
                          for m in partnership.memberships.select_related("organisation")]


def _level_and_title(result) -> str:
    return gettext("%(level)s: %(title)s") % {"level": result.get_level_display(),
                                              "title": result.title}


class ResultForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    level = forms.ChoiceField(label=_("Level"), choices=ResultLevel.choices)
    parent = forms.TypedChoiceField(label=_("Contributes to"), required=False, coerce=int,
                                    empty_value=None)
    weight = forms.DecimalField(
        label=_("Weight"), min_value=0, max_digits=7, decimal_places=3, initial=1,
        help_text=_("Its weight in the progress of the result above."))
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, partnership, editing=None, **kwargs):
        super().__init__(*args, **kwargs)
        results = list(partnership.results.all())
        below = set()
        if editing is not None:  # a result cannot contribute to itself or to one below it
            below.add(editing.pk)
            grew = True
            while grew:
                grew = False
                for r in results:
                    if r.parent_id in below and r.pk not in below:
                        below.add(r.pk)
                        grew = True
        self.fields["parent"].choices = [("", _("— (top of the chain)"))] + [
            (r.pk, _level_and_title(r)) for r in results if r.pk not in below]


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=500)
    definition = forms.CharField(
        label=_("Definition"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text=_("What exactly is counted, and how."))
    unit = forms.CharField(label=_("Unit"), max_length=100, required=False)
    measure = forms.ChoiceField(label=_("Measure"), choices=Measure.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    baseline_value = forms.DecimalField(
        label=_("Baseline value"), max_digits=20, decimal_places=4, required=False)
    baseline_date = forms.DateField(label=_("Baseline date"), required=False, widget=DATE)
    target_value = forms.DecimalField(label=_("Target value"), max_digits=20, decimal_places=4,
                                      required=False)
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DATE)
    disaggregation = forms.CharField(label=_("Broken down by"), max_length=300, required=False,
                                     help_text=_("Dimensions, separated by commas, e.g. sex, age."))
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    responsible_organisation = forms.TypedChoiceField(label=_("Responsible member"),
                                                      required=False, coerce=int,
                                                      empty_value=None)
    data_source = forms.CharField(label=_("Data source"), max_length=300, required=False)
    sdg_code = forms.CharField(label=_("SDG indicator"), max_length=12, required=False,
                               help_text=_("An official SDG indicator code, e.g. 16.9.1."))
    result = forms.TypedChoiceField(label=_("Result it measures"), required=False, coerce=int,
                                    empty_value=None)
    deliverable = forms.TypedChoiceField(
        label=_("Deliverable of the agreement"), required=False, coerce=int, empty_value=None,
        help_text=_("The deliverable whose progress this indicator shows, if any."))

    def __init__(self, *args, partnership, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:  # milestones are added one by one on the indicator's page
            del self.fields["target_value"], self.fields["target_date"]
        self.fields["responsible_organisation"].choices = member_choices(partnership)
        self.fields["result"].choices = [("", "—")] + [
            (r.pk, _level_and_title(r)) for r in partnership.results.all()]
        self.fields["deliverable"].choices = [("", "—")] + [
            (d.pk, d.title) for d in partnership.deliverables.all()]

    def clean(self):
        data = super().clean()
        if "target_value" in self.fields and (
                (data.get("target_value") is None) != (data.get("target_date") is None)):
            raise forms.ValidationError(_("Give both the target value and its date, or neither."))
        return data


class TargetForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=4)
    date = forms.DateField(label=_("Date"), widget=DATE)
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)


class MeasurementForm(forms.Form):
    period_start = forms.DateField(label=_("Period start"), widget=DATE)
    period_end = forms.DateField(label=_("Period end"), widget=DATE)
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=4)
    evidence_url = forms.URLField(label=_("Evidence (link)"), required=False, max_length=500,
                                  assume_scheme="https")
    evidence_file = forms.FileField(
        label=_("Evidence (file)"), required=False,
        help_text=_("A PDF, image (PNG, JPEG, GIF, WebP), office document (DOCX, XLSX, ODT, "
                    "ODS), CSV or text file. Only people who can see this partnership can "
                    "download it."))
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, indicator, measurement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_file"].help_text += \
            " " + _("At most %(mb)s MB.") % {"mb": settings.EVIDENCE_MAX_MB}
        if measurement is not None and measurement.evidence_file:
            self.fields["evidence_file"].label = _("Replace the evidence file")
            self.fields["remove_evidence"] = forms.BooleanField(
                label=_("Remove the evidence file “%(name)s”") % {
                    "name": measurement.evidence_name},
                required=False)
        self.dimensions = list(indicator.disaggregation)
        for dimension in self.dimensions:
            self.fields[f"by_{dimension}"] = forms.CharField(
                label=_("By %(dimension)s") % {"dimension": dimension}, required=False,
                max_length=1000,
                help_text=_("Category=value pairs separated by commas, e.g. girls=12, "
                            "boys=10; they must add up to the value."))

    def disaggregated(self) -> dict:
        out = {}
        for dimension in self.dimensions:
            text = self.cleaned_data.get(f"by_{dimension}") or ""
            if not text.strip():
                continue
            parts = {}
            for pair in text.split(","):
                if "=" not in pair:
                    raise forms.ValidationError(
                        {f"by_{dimension}": _("Write category=value pairs.")})
                category, value = pair.split("=", 1)
                parts[category.strip()] = value.strip()
            out[dimension] = parts
        return out


class ValidationForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[(MeasurementStatus.CONFIRMED, _("Confirm")),
        (MeasurementStatus.QUERIED, _("Query"))], widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Your comment or query"), max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("What you know about this value: where your figure "
                                       "differs, what it leaves out, where to check."))
    query = forms.BooleanField(
        label=_("Query the value"), required=False,
        help_text=_("The value stops counting (latest value, progress, IATI export) until "
                    "the reporter corrects it or another member confirms it."))

    def __init__(self, *args, may_query: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_query:
            del self.fields["query"]


class ReportForm(forms.Form):
    period_start = forms.DateField(label=_("Period start"), widget=DATE)
    period_end = forms.DateField(label=_("Period end"), widget=DATE)
    narrative = forms.CharField(label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 5}),
                                help_text=_("What the partnership did and achieved."))
    lessons_learned = forms.CharField(
        label=_("Lessons learned"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    successes = forms.CharField(label=_("Successes to celebrate"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))


class RiskForm(forms.Form):
    title = forms.CharField(label=_("Risk"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    category = forms.ChoiceField(label=_("Category"), choices=RiskCategory.choices)
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood"), choices=[(n, str(n)) for n in range(1, 6)], coerce=int,
        help_text=_("1 rare … 5 almost certain"))
    impact = forms.TypedChoiceField(
        label=_("Impact"), choices=[(n, str(n)) for n in range(1, 6)], coerce=int,
        help_text=_("1 minor … 5 severe"))
    owner_organisation = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int,
                                                empty_value=None)
    mitigation = forms.CharField(
        label=_("Mitigation"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=RiskStatus.choices)
    review_date = forms.DateField(label=_("Review date"), required=False, widget=DATE)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].choices = member_choices(partnership)


class PortfolioFilterForm(forms.Form):
    organisation = forms.TypedChoiceField(required=False, coerce=int, empty_value=None,
                                          label=_("Organisation"))
    sdg = forms.TypedChoiceField(label=_("SDG"), required=False, coerce=int, empty_value=None)
    phase = forms.ChoiceField(required=False, label=_("Phase"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        from partnering.monitoring.portfolio.data import PHASE_NAMES
        from partnering.monitoring.portfolio.labels import phase_label

        self.fields["organisation"].choices = [("", _("Whole platform"))] + organisations
        self.fields["sdg"].choices = [("", _("Any"))] + [
            (n, gettext("SDG %(number)s") % {"number": n}) for n in range(1, 18)]
        self.fields["phase"].choices = [("", _("Any"))] + sorted(
            ((code, phase_label(name)) for code, name in PHASE_NAMES.items()),
            key=lambda item: PHASE_NAMES[item[0]])
