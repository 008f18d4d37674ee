from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnering.interop.registry.columns import KINDS, MAX_BYTES, MAX_ROWS, ORGANISATIONS


def _file_help() -> str:
    return gettext("At most %(mb)s MB and %(rows)s rows. The first row names the columns.") % {
        "mb": MAX_BYTES // (1024 * 1024), "rows": f"{MAX_ROWS:,}"}


class RegistryImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file lists"), choices=KINDS.items(),
                             widget=forms.RadioSelect, initial=ORGANISATIONS)
    file = forms.FileField(
        label=_("CSV or XLSX file"), help_text=lazy(_file_help, str)(),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))
