from django import forms
from django.conf import settings


class IatiImportForm(forms.Form):
    file = forms.FileField(
        label="IATI activity file (XML)",
        help_text=f"IATI 2.0x activities (root element iati-activities), at most "
                  f"{settings.IATI_UPLOAD_MAX_MB} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}))
    strict = forms.BooleanField(
        label="Refuse the whole file if any activity breaks the IATI 2.03 schema",
        required=False,
        help_text="Without this, activities that break the schema are skipped and reported, "
                  "and the rest is imported.")
    public = forms.BooleanField(
        label="Make the partnerships it creates public", required=False,
        help_text="Imported partnerships are private (members, their organisations' admins, "
                  "brokers and platform admins) unless you tick this.")
