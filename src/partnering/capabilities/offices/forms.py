"""Forms of the office management pages (offices/manage.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnering.capabilities.offices.models import Course
from partnering.limits import MAX_TEXT
from partnering.registry.models import Organisation, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OfficeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    manager = forms.ModelChoiceField(label=_("Manager"), queryset=Person.objects.none(),
                                     required=False)
    description = forms.CharField(label=_("Description"), max_length=MAX_TEXT,
                                  required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organisation=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Organisation"), queryset=organisations)
            self.order_fields(["organisation", "name", "manager", "description"])
        people = Person.objects.order_by("name")
        self.fields["manager"].queryset = (people.filter(organisation=organisation)
                                           if organisation else people)


class MemberForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    role = forms.CharField(label=_("Role"), max_length=100, initial="Relationship manager")

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            organisation_id=office.organisation_id).exclude(
            office_memberships__office=office).order_by("name")


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name of the round"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    provider = forms.CharField(label=_("Provider"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), max_length=MAX_TEXT,
                                  required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CohortForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.all())
    name = forms.CharField(label=_("Name of the cohort"), max_length=200)
    starts = forms.DateField(label=_("Starts"), widget=DATE)
    ends = forms.DateField(label=_("Ends"), widget=DATE, required=False)


class EnrolForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            office_memberships__office_id=cohort.office_id).exclude(
            course_enrolments__cohort=cohort).order_by("name")


class CompleteForm(forms.Form):
    on = forms.DateField(label=_("Completed on"), widget=DATE)


def organisations_for(user):
    """The organisations in which `user` may open an office."""
    if user.is_superuser:
        return Organisation.objects.order_by("name")
    person = getattr(user, "person", None)
    if person is None or not person.is_organisation_admin:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk=person.organisation_id)
