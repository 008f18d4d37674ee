from django import forms

from partnering.interop.registry import io as registry_io


class RegistryImportForm(forms.Form):
    kind = forms.ChoiceField(label="What the file lists", choices=registry_io.KINDS.items(),
                             widget=forms.RadioSelect, initial=registry_io.ORGANISATIONS)
    file = forms.FileField(
        label="CSV or XLSX file",
        help_text=f"At most {registry_io.MAX_BYTES // (1024 * 1024)} MB and "
                  f"{registry_io.MAX_ROWS:,} rows. The first row names the columns.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))
