"""Every message of the interface is translated into every shipped language (issue 18).

The catalogues are checked against a fresh extraction of the code and templates, so a new
message without its translations fails here, and so does a translation whose placeholders
differ from its message's (`%(name)s` in one and not the other)."""

import pytest

from partnering.i18n import catalogues

AREAS = catalogues.areas()


def test_it_ships_the_languages_it_names(settings):
    codes = [code for code, _name in settings.LANGUAGES]
    assert codes == ["en", *catalogues.TRANSLATED]


@pytest.mark.parametrize("where", AREAS, ids=[each.name for each in AREAS])
def test_it_translates_every_message_into_every_language(where):
    template = catalogues.extract(where)
    gaps = {}
    for language in catalogues.TRANSLATED:
        catalog = catalogues.read(where.po_path(language), language)
        missing = [message.id for message in catalogues.missing_in(template, catalog)]
        if missing:
            gaps[language] = missing[:10] + ([f"... {len(missing)} in all"]
                                             if len(missing) > 10 else [])
    assert not gaps, (f"untranslated messages in {where.name} (run `partnering messages "
                      f"{where.name}` and fill in {where.locale}): {gaps}")


@pytest.mark.parametrize("where", AREAS, ids=[each.name for each in AREAS])
def test_it_keeps_the_placeholders_of_every_message(where):
    problems = []
    for language in catalogues.TRANSLATED:
        path = where.po_path(language)
        if not path.exists():
            continue
        for message, errors in catalogues.read(path, language).check():
            problems += [f"{language}: {message.id!r}: {error}" for error in errors]
    assert not problems, problems


@pytest.mark.parametrize("language", catalogues.TRANSLATED)
def test_it_translates_a_message_the_same_way_in_every_area(language):
    # Django merges every area's catalogue into one per language, so a message translated
    # two ways would show one area's wording on the other's pages: a message that means
    # different things in two areas needs a context (pgettext) in one of them.
    translations = {}
    for where in AREAS:
        for message in catalogues.read(where.po_path(language), language):
            if message.id and message.string:
                translations.setdefault(catalogues.message_key(message), {}).setdefault(
                    str(message.string), []).append(where.name)
    conflicts = {key: found for key, found in translations.items() if len(found) > 1}
    assert not conflicts, (f"{language}: messages translated differently in different areas "
                           f"(unify them or give one a context): {conflicts}")


def test_it_keeps_each_areas_sense_of_a_word_once_the_catalogues_are_merged():
    from django.utils import translation

    with translation.override("fr"):
        assert translation.gettext("Outcome") == "Effet"  # a level of the results chain
        assert translation.pgettext("decision outcome", "Outcome") == "Résultat"
        assert translation.pgettext("partnership closure", "Outcome") == "Issue"
        assert translation.pgettext("job status", "Finished") == "Terminée"
        assert translation.gettext("Finished") == "Terminé"  # an import
