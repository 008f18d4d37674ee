"""The translate page of a record: its original beside a text box per field, in a language
the translator chooses; readers who may not edit the record see the translations only."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from partnering.translations import services
from partnering.translations.access import kind_or_404, may_translate, record_or_404
from partnering.translations.forms import OriginalLanguageForm, TranslationForm
from partnering.translations.languages import (
    active_language,
    base,
    direction,
    is_language,
    language_name,
)
from partnering.translations.models import ContentTranslation
from partnering.viewhelpers import apply_errors


def _translations(kind, record) -> list:
    return list(ContentTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(kind.model), object_id=record.pk))


def _target_language(request, record) -> str:
    chosen = base(request.POST.get("language") or request.GET.get("language"))
    if is_language(chosen) and chosen != record.language:
        return chosen
    active = active_language()
    return active if active != record.language else ("en" if record.language != "en"
                                                      else "fr")


def _page(request, kind, record, partnership, form, status=200):
    translations = _translations(kind, record)
    language = form["language"].value()
    rows = [{"name": name, "label": kind.field_label(name),
             "original": getattr(record, name) or "", "field": form[name],
             "current": next((t for t in translations
                              if t.field == name and t.language == language), None)}
            for name in kind.fields]
    for row in rows:
        row["outdated"] = row["current"] is not None and \
            row["current"].is_outdated(row["original"])
    response = render(request, "translations/translate.html", {
        "kind": kind, "record": record, "partnership": partnership, "form": form,
        "rows": rows, "may_translate": may_translate(request.user, kind, partnership),
        "original_language": record.language,
        "original_dir": direction(record.language),
        "target_dir": direction(language or ""),
        "original_name": language_name(record.language),
        "language_form": OriginalLanguageForm(initial={"original_language": record.language}),
        "languages": ", ".join(sorted(language_name(code) for code in
                                      {t.language for t in translations})),
        "translations": translations, "page_url": kind.page(record),
        "language_name": language_name,
    })
    response.status_code = status
    return response


@require_http_methods(["GET", "POST"])
def translate(request, kind_name: str, **ids):
    kind = kind_or_404(kind_name)
    record, partnership = record_or_404(request, kind, ids[kind.param])
    if request.method == "POST":
        if not may_translate(request.user, kind, partnership):
            raise PermissionDenied
        if "original_language" in request.POST:
            return _set_language(request, kind, record, partnership)
        return _save(request, kind, record, partnership)
    language = _target_language(request, record)
    existing = {t.field: t.text for t in _translations(kind, record) if t.language == language}
    form = TranslationForm(kind, record, initial={"language": language},
                           initial_texts=existing)
    return _page(request, kind, record, partnership, form)


def _save(request, kind, record, partnership):
    form = TranslationForm(kind, record, request.POST)
    if form.is_valid():
        language = form.cleaned_data["language"]
        try:
            services.save_translations(request.user, record, language=language,
                                       texts=form.texts())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Translation into %(language)s saved.")
                             % {"language": language_name(language)})
            return redirect(f"{request.path}?language={language}")
    return _page(request, kind, record, partnership, form, status=422)


def _set_language(request, kind, record, partnership):
    form = OriginalLanguageForm(request.POST)
    if form.is_valid():
        try:
            services.set_original_language(request.user, record,
                                           form.cleaned_data["original_language"])
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("The original's language is saved."))
    else:
        messages.error(request, _("Choose a language."))
    return redirect(request.path)
