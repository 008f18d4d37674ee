from django import forms

from partnering.interop.registry.columns import KINDS, MAX_BYTES, MAX_ROWS, ORGANISATIONS


class RegistryImportForm(forms.Form):
    kind = forms.ChoiceField(label="What the file lists", choices=KINDS.items(),
                             widget=forms.RadioSelect, initial=ORGANISATIONS)
    file = forms.FileField(
        label="CSV or XLSX file",
        help_text=f"At most {MAX_BYTES // (1024 * 1024)} MB and "
                  f"{MAX_ROWS:,} rows. The first row names the columns.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))
