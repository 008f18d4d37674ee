from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _file_help() -> str:
    return gettext("IATI 2.0x activities (root element iati-activities), at most %(mb)s "
                   "MB.") % {"mb": settings.IATI_UPLOAD_MAX_MB}


class IatiImportForm(forms.Form):
    file = forms.FileField(
        label=_("IATI activity file (XML)"), help_text=lazy(_file_help, str)(),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}))
    strict = forms.BooleanField(
        label=_("Refuse the whole file if any activity breaks the IATI 2.03 schema"),
        required=False,
        help_text=_("Without this, activities that break the schema are skipped and "
                    "reported, and the rest is imported."))
    public = forms.BooleanField(
        label=_("Make the partnerships it creates public"), required=False,
        help_text=_("Imported partnerships are private (members, their organisations' "
                    "admins, brokers and platform admins) unless you tick this."))
