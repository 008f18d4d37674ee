"""The profile form chooses the broker's organisation and mentor by name, identifier, e-mail
address or registry number, without listing the registry (it stays small at 100,000
organisations)."""

from partnering.brokers.forms import ProfileForm
from partnering.registry.models import Organisation
from tests.brokers.base import BrokersTestCase

BASE = {"kind": "internal", "days_per_month": "3"}


class ProfileFormTests(BrokersTestCase):
    def cleaned(self, **data):
        form = ProfileForm({**BASE, **data})
        return form.cleaned_data if form.is_valid() else form.errors

    def test_it_finds_an_organisation_by_name_number_or_identifier(self):
        assert self.cleaned(organisation="sahel water trust")["organisation"] == self.trust
        assert self.cleaned(organisation=f"#{self.trust.pk}")["organisation"] == self.trust
        assert self.cleaned(organisation=f"Anything (#{self.trust.pk})")[
            "organisation"] == self.trust
        Organisation.objects.filter(pk=self.trust.pk).update(identifier="XM-DAC-1")
        assert self.cleaned(organisation="XM-DAC-1")["organisation"] == self.trust
        assert self.cleaned(organisation="")["organisation"] is None

    def test_it_asks_for_the_number_when_a_name_is_shared_or_unknown(self):
        twin = Organisation.objects.create(name=self.trust.name, sector="civil_society")
        errors = self.cleaned(organisation=self.trust.name)["organisation"]
        assert f"#{twin.pk}" in errors[0] and f"#{self.trust.pk}" in errors[0]
        assert "Nothing in the registry" in self.cleaned(organisation="Nowhere Ltd")[
            "organisation"][0]
        assert "No record #999999" in self.cleaned(organisation="#999999")["organisation"][0]

    def test_it_finds_a_mentor_by_name_or_email(self):
        assert self.cleaned(mentor="Maya Mentor")["mentor"] == self.maya_person
        assert self.cleaned(mentor=f"#{self.maya_person.pk}")["mentor"] == self.maya_person

    def test_it_renders_the_edit_page_without_listing_the_registry(self):
        Organisation.objects.bulk_create([Organisation(name=f"Org {i}", sector="public")
                                          for i in range(300)])
        self.sign_in(self.admin)
        page = self.client.get(f"/brokers/{self.emir_profile.pk}/edit/")
        self.assertContains(page, f'value="{self.trust.name} (#{self.trust.pk})"')
        self.assertNotContains(page, "Org 299")
        response = self.client.post(f"/brokers/{self.emir_profile.pk}/edit/", {
            **BASE, "organisation": f"#{self.trust.pk}", "mentor": "maya mentor",
            "languages": ["bs"], "countries": ["BA"]})
        assert response.status_code == 302
        self.emir_profile.refresh_from_db()
        assert self.emir_profile.mentor == self.maya_person
